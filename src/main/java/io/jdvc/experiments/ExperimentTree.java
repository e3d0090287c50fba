package io.jdvc.experiments;

import io.jdvc.pipeline.ParamsFiles;
import io.jdvc.pipeline.PipelineFile;
import io.jdvc.pipeline.PipelineFileLoader;
import io.jdvc.pipeline.PipelineStage;
import io.jdvc.pipeline.PythonJson;
import io.jdvc.pipeline.RepoIndex;
import io.jdvc.pipeline.Stage;
import io.jdvc.pipeline.StageOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What an experiment commit holds beyond the tracked files ({@code git add -u}), as DVC's executor adds them: for
 * each reproduced stage its {@code dvc.yaml}, {@code dvc.lock}, and the Git-kept (not DVC-cached) deps and outs;
 * every {@code dvc.yaml}'s top-level {@code metrics}, {@code params} and {@code plots} files; and the params files
 * {@code -S} edited. DVC-cached outputs never enter the commit: {@code dvc.lock} names them by hash.
 */
public final class ExperimentTree {
  private ExperimentTree() {}

  /**
   * Repo-relative file paths to add, existing files only, directories expanded.
   *
   * @param ignored Git's ignore rules, for files inside directories
   */
  public static Set<String> extraPaths(Path root, RepoIndex index, List<String> ranStages, List<String> edited,
      Predicate<Path> ignored) throws IOException {
    Set<String> paths = new LinkedHashSet<>(edited);
    Set<Path> pipelineFiles = new LinkedHashSet<>();
    for (PipelineStage stage : index.stages()) {
      pipelineFiles.add(stage.pipelineFile());
      if (!ranStages.contains(stage.address())) {
        continue;
      }
      Stage def = stage.definition();
      paths.add(relative(root, stage.pipelineFile()));
      paths.add(relative(root, stage.lockFile()));
      for (String dep : def.deps()) {
        String p = def.repoPath(dep);
        if (index.outputs().stream().noneMatch(o -> p.equals(o.repoPath()) || p.startsWith(o.repoPath() + "/"))) {
          paths.add(p);
        }
      }
      for (StageOutput out : def.outs()) {
        if (!out.cache()) {
          paths.add(def.repoPath(out.path()));
        }
      }
    }
    PipelineFileLoader loader = new PipelineFileLoader();
    for (Path pf : pipelineFiles) {
      PipelineFile file = loader.load(root, relative(root, pf));
      String dir = file.dir().isEmpty() ? "" : file.dir() + "/";
      Path lock = pf.resolveSibling(RepoIndex.LOCK_FILE);
      if (Files.isRegularFile(lock)) {
        paths.add(relative(root, lock));
      }
      for (String p : file.params()) {
        paths.add(dir + p);
      }
      for (Object m : file.metrics()) {
        paths.add(dir + topLevelPath(m));
      }
      for (Object m : file.plots()) {
        String p = topLevelPath(m);
        if (!p.contains("*")) {
          paths.add(dir + p);
        }
      }
    }
    Set<String> files = new LinkedHashSet<>();
    for (String p : paths) {
      Path abs = root.resolve(p).normalize();
      if (!abs.startsWith(root) || abs.equals(root) || abs.startsWith(root.resolve(".git"))) {
        continue;
      }
      if (Files.isRegularFile(abs)) {
        files.add(relative(root, abs));
      } else if (Files.isDirectory(abs) && !ignored.test(abs)) {
        try (Stream<Path> walk = Files.walk(abs)) {
          for (Path f : walk.filter(Files::isRegularFile).toList()) {
            if (!ignored.test(f)) {
              files.add(relative(root, f));
            }
          }
        }
      }
    }
    return files;
  }

  /** The path of a top-level {@code metrics:}/{@code plots:} entry: a string, or the one key of a mapping. */
  static String topLevelPath(Object entry) {
    if (entry instanceof Map<?, ?> m && !m.isEmpty()) {
      return m.keySet().iterator().next().toString();
    }
    return String.valueOf(entry);
  }

  /**
   * DVC's {@code exp_hash}: the SHA-256 of the reproduced stages' lock entries, merged by name, as Python's
   * {@code json.dumps(sort_keys=True)} writes them. It only labels the commit message.
   */
  @SuppressWarnings("unchecked")
  public static String hash(Path root, RepoIndex index, List<String> ranStages) throws IOException {
    Map<String, Object> merged = new LinkedHashMap<>();
    for (PipelineStage stage : index.stages()) {
      if (!ranStages.contains(stage.address()) || !Files.isRegularFile(stage.lockFile())) {
        continue;
      }
      Map<String, Object> lock = ParamsFiles.parse(Files.readAllBytes(stage.lockFile()), "dvc.lock");
      if (lock.get("stages") instanceof Map<?, ?> stages && stages.containsKey(stage.name())) {
        merged.put(stage.name(), ((Map<String, Object>) stages).get(stage.name()));
      }
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(PythonJson.dumpsSorted(merged).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String relative(Path root, Path p) {
    return root.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

}
