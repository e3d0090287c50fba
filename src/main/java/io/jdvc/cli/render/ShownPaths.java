package io.jdvc.cli.render;

import io.jdvc.metrics.RevisionValues;
import io.jdvc.metrics.ValuesDiff;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Params and metrics file paths as DVC's {@code params diff} and {@code metrics show/diff} print them: relative to
 * the directory the command runs in ({@code ../metrics.json} from a subdirectory), not to the repository root.
 */
public final class ShownPaths {
  private final Path root;
  private final Path workingDir;

  public ShownPaths(Path root, Path workingDir) {
    this.root = real(root);
    this.workingDir = real(workingDir);
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (java.io.IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  /** A repo-relative path ({@code /}-separated) as shown. */
  public String of(String repoPath) {
    return root.equals(workingDir) ? repoPath : workingDir.relativize(root.resolve(repoPath)).toString();
  }

  public ValuesDiff of(ValuesDiff diff) {
    Map<String, Map<String, io.jdvc.metrics.ValueChange>> files = new LinkedHashMap<>();
    diff.files().forEach((path, keys) -> files.put(of(path), keys));
    return new ValuesDiff(files);
  }

  public List<RevisionValues> of(List<RevisionValues> revisions) {
    return revisions.stream().map(r -> {
      Map<String, io.jdvc.metrics.FileValues> files = new LinkedHashMap<>();
      r.files().forEach((path, values) -> files.put(of(path), values));
      return new RevisionValues(r.revision(), files, r.error());
    }).toList();
  }
}
