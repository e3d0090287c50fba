package io.jdvc.api;

import io.jdvc.pipeline.PipelineFile;
import io.jdvc.pipeline.PipelineFileLoader;
import io.jdvc.pipeline.Stage;
import io.jdvc.workspace.DvcIgnore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Finding and loading the {@code dvc.yaml} files of the work tree, shared by the stage commands. */
final class Pipelines {
  static final String FILE_NAME = Stage.DEFAULT_DVC_FILE;
  static final PipelineFileLoader LOADER = new PipelineFileLoader();

  private Pipelines() {}

  /** Repo-relative paths of every {@code dvc.yaml} under {@code dir}, skipping ignored paths, sorted. */
  static List<String> find(Path root, Path dir, DvcIgnore ignore) throws IOException {
    List<String> found = new ArrayList<>();
    Deque<Path> pending = new ArrayDeque<>();
    pending.push(dir);
    while (!pending.isEmpty()) {
      Path d = pending.pop();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
        for (Path child : ds) {
          boolean isDir = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
          if (ignore.isIgnoredChild(d, child, isDir)) {
            continue;
          }
          if (isDir) {
            pending.push(child);
          } else if (child.getFileName().toString().equals(FILE_NAME) && Files.isRegularFile(child)) {
            found.add(repoPath(root, child));
          }
        }
      }
    }
    found.sort(null);
    return found;
  }

  static PipelineFile load(Path root, String repoPath) throws IOException {
    return LOADER.load(root, repoPath);
  }

  static String repoPath(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  /** DVC's {@code parse_target}: {@code file:name}, a {@code dvc.yaml} path, a {@code .dvc} path, or a name. */
  record Target(String file, String name) {
    static Target parse(String target) {
      int at = target.indexOf('@');
      String group = at < 0 ? target : target.substring(0, at);
      String key = at < 0 ? "" : target.substring(at);
      int colon = group.lastIndexOf(':');
      if (colon >= 0 && group.indexOf('/', colon) < 0 && group.indexOf('\\', colon) < 0) {
        String file = group.substring(0, colon);
        return new Target(file.isEmpty() ? FILE_NAME : file, group.substring(colon + 1) + key);
      }
      String base = target.substring(target.lastIndexOf('/') + 1);
      if (base.equals(FILE_NAME) || base.endsWith(".dvc")) {
        return new Target(target, null);
      }
      return new Target(FILE_NAME, target);
    }
  }
}
