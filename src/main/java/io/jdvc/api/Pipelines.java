package io.jdvc.api;

import io.jdvc.pipeline.PipelineFile;
import io.jdvc.pipeline.PipelineFileLoader;
import io.jdvc.pipeline.PipelineStage;
import io.jdvc.pipeline.RepoIndex;
import io.jdvc.pipeline.Stage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** Finding and loading the {@code dvc.yaml} files of the work tree and their stages, shared by the stage commands. */
final class Pipelines {
  static final String FILE_NAME = Stage.DEFAULT_DVC_FILE;
  static final PipelineFileLoader LOADER = new PipelineFileLoader();

  private Pipelines() {}

  /**
   * The stages of every {@code dvc.yaml} under {@code dir} the index found (none inside tracked directories or
   * stage outputs), by file path, each file's stages in file order.
   */
  static List<Stage> stagesUnder(RepoIndex index, Path dir) {
    return index.stages().stream()
        .filter(s -> s.pipelineFile().startsWith(dir))
        .map(PipelineStage::definition)
        .sorted(Comparator.comparing(Stage::dvcFile))
        .toList();
  }

  static PipelineFile load(Path root, String repoPath) throws IOException {
    return LOADER.load(root, repoPath);
  }

  static String repoPath(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  /**
   * DVC's {@code parse_target}: {@code file:name}, a {@code dvc.yaml} path, a {@code .dvc} path, or a name.
   * {@code address} is true for the {@code file:name} form, which names a stage and nothing else.
   */
  record Target(String file, String name, boolean address) {
    static Target parse(String target) {
      int at = target.indexOf('@');
      String group = at < 0 ? target : target.substring(0, at);
      String key = at < 0 ? "" : target.substring(at);
      int colon = group.lastIndexOf(':');
      if (colon >= 0 && group.indexOf('/', colon) < 0 && group.indexOf('\\', colon) < 0) {
        String file = group.substring(0, colon);
        return new Target(file.isEmpty() ? FILE_NAME : file, group.substring(colon + 1) + key, true);
      }
      String base = target.substring(target.lastIndexOf('/') + 1);
      if (base.equals(FILE_NAME) || base.endsWith(".dvc")) {
        return new Target(target, null, false);
      }
      return new Target(FILE_NAME, target, false);
    }
  }
}
