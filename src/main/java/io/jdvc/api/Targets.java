package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.workspace.TrackedOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks the tracked outputs a command's targets name. A target may be a pointer file, an output path, a
 * directory that contains outputs, or a path inside a tracked directory; no targets means every output.
 */
final class Targets {
  private Targets() {}

  static List<TrackedOutput> select(List<TrackedOutput> all, List<Path> targets, Path root) {
    return select(all, targets, root, false);
  }

  /** With {@code lenient}, a target that matches nothing is skipped (it may exist only in other revisions). */
  static List<TrackedOutput> select(List<TrackedOutput> all, List<Path> targets, Path root, boolean lenient) {
    if (targets.isEmpty()) {
      return all;
    }
    Set<TrackedOutput> chosen = new LinkedHashSet<>();
    for (Path t : targets) {
      boolean matched = false;
      for (TrackedOutput o : all) {
        if (t.equals(o.dvcFile()) || t.equals(o.path()) || o.path().startsWith(t) || t.startsWith(o.path())) {
          chosen.add(o);
          matched = true;
        }
      }
      if (!matched && !lenient) {
        String shown = t.startsWith(root) ? root.relativize(t).toString() : t.toString();
        throw new JdvcException("'" + shown + "' is not tracked by jdvc",
            "list tracked data with 'jdvc ls', or track it with 'jdvc add " + shown + "'");
      }
    }
    return new ArrayList<>(chosen);
  }
}
