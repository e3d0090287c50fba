package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.history.RevisionScope;
import io.jdvc.metrics.MetricsReader;
import io.jdvc.metrics.RevisionFiles;
import io.jdvc.metrics.RevisionValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jdvc metrics show}: the metrics of the workspace, or of revisions (explicit ones, {@code -a}, {@code -T},
 * {@code -A}) read from Git without checkout. With a scope, the workspace comes first and is left out when it equals
 * the current branch, as DVC does.
 */
public final class MetricsShowOperation {
  private final Jdvc jdvc;
  private RevisionScope scope = RevisionScope.of(List.of());
  private List<Path> targets = List.of();
  private boolean pull;

  MetricsShowOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public MetricsShowOperation scope(RevisionScope value) {
    this.scope = value;
    return this;
  }

  /** Metrics files to show instead of the declared ones (relative to the working directory). */
  public MetricsShowOperation targets(List<Path> value) {
    this.targets = List.copyOf(value);
    return this;
  }

  /** Download cached metrics files that the cache lacks from the default remote. */
  public MetricsShowOperation pull(boolean value) {
    this.pull = value;
    return this;
  }

  /** One entry per revision shown, the workspace first. */
  public List<RevisionValues> call() {
    try (RevisionReader reader = new RevisionReader(jdvc, pull)) {
      List<String> paths = repoPaths(jdvc, targets);
      List<RevisionValues> shown = new ArrayList<>();
      RevisionValues workspace = MetricsReader.read(reader.open(RevisionFiles.WORKSPACE), paths);
      shown.add(workspace);
      String active = scope.isEmpty() ? null : reader.activeBranch();
      for (RevisionReader.NamedRevision rev : reader.revisions(scope)) {
        RevisionValues values = MetricsReader.read(reader.open(rev), paths);
        if (rev.label().equals(active) && values.files().equals(workspace.files())
            && java.util.Objects.equals(values.error(), workspace.error())) {
          shown.remove(workspace);
        }
        shown.add(values);
      }
      shown.forEach(r -> r.errors().forEach(jdvc::notice));
      return shown;
    }
  }

  /** User-given paths as repo-relative paths with {@code /}. */
  static List<String> repoPaths(Jdvc jdvc, List<Path> targets) {
    List<String> paths = new ArrayList<>();
    for (Path t : targets) {
      Path abs = jdvc.resolve(t);
      if (!abs.startsWith(jdvc.root())) {
        throw new JdvcException("'" + t + "' is outside the repository", "name a file inside " + jdvc.root());
      }
      paths.add(jdvc.root().relativize(abs).toString().replace('\\', '/'));
    }
    return paths;
  }
}
