package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.workspace.PathOutsideRepoException;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Where an output may be: the checks add and move share, so that move never makes an output add would refuse. */
final class OutputPaths {
  private OutputPaths() {}

  /** Refuses the root, paths outside the work tree or inside .git/ or .dvc/, and paths .dvcignore excludes. */
  static void requireTrackable(Workspace ws, Path p, boolean isDir) throws IOException {
    String shown = shown(ws, p);
    String problem = ws.locationProblem(p);
    if (p.equals(ws.root())) {
      throw new PathOutsideRepoException("'" + shown + "' " + problem + ", which cannot be tracked",
          "track the files or directories inside it");
    }
    if (problem != null) {
      throw new PathOutsideRepoException("'" + shown + "' " + problem);
    }
    if (ws.ignore().isIgnored(p, isDir)) {
      throw new JdvcException("'" + shown + "' is ignored by .dvcignore", "remove the pattern to track it");
    }
  }

  /** DVC refuses an output inside, or containing, another pointer's output; {@code ownPointer}'s is skipped. */
  static void requireNoOverlap(Workspace ws, Path p, Path ownPointer, List<TrackedOutput> existing) {
    for (TrackedOutput o : existing) {
      if (o.dvcFile().equals(ownPointer)) {
        continue;
      }
      if (p.equals(o.path()) || p.startsWith(o.path()) || o.path().startsWith(p)) {
        throw new JdvcException("'" + ws.relative(p) + "' overlaps '" + o.repoPath() + "', tracked by "
            + o.owner(), o.isStageOutput() ? "a stage's outputs are tracked through dvc.yaml and dvc.lock; "
            + "track other data, or change the stage" : "track either the directory or the files inside it, not both");
      }
    }
  }

  private static String shown(Workspace ws, Path p) {
    if (!p.startsWith(ws.root())) {
      return p.toString();
    }
    String rel = ws.relative(p);
    return rel.isEmpty() ? "." : rel;
  }
}
