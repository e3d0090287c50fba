package io.jdvc.experiments;

import io.jdvc.pipeline.PipelineFile;
import io.jdvc.pipeline.PipelineFileLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Git blobs read and parsed once for many commits. {@code exp show} reads the same {@code dvc.yaml},
 * {@code dvc.lock}, params and metrics at every experiment of a baseline, and most of them are the same blob in
 * most commits; reading each commit afresh cost a tree lookup, an inflate and a parse per file per commit.
 * Parsed values are shared between commits: callers must not change them.
 */
final class ParsedBlobs {
  private final Map<String, byte[]> contents = new HashMap<>();
  private final Map<String, Object> parsed = new HashMap<>();
  /** Loaded pipeline files by the dvc.yaml's blob id, each with what its loading read (templating reads params). */
  private final Map<String, List<LoadedPipeline>> pipelines = new HashMap<>();

  private record LoadedPipeline(Map<String, String> reads, PipelineFile file) {}

  /** One commit's files, read through the shared blobs; it records what a pipeline load reads. */
  static final class Tree implements PipelineFileLoader.RepoFiles {
    private final Map<String, String> ids;
    private final Set<String> dirs;
    private final Function<String, byte[]> readBlob;
    private final ParsedBlobs memo;
    private Map<String, String> recording;

    Tree(Map<String, String> ids, Set<String> dirs, Function<String, byte[]> readBlob, ParsedBlobs memo) {
      this.ids = ids;
      this.dirs = dirs;
      this.readBlob = readBlob;
      this.memo = memo;
    }

    java.util.Collection<String> paths() {
      return ids.keySet();
    }

    boolean exists(String repoPath) {
      return ids.containsKey(repoPath);
    }

    @Override
    public byte[] read(String repoPath) {
      String id = ids.get(repoPath);
      if (recording != null) {
        recording.put("f:" + repoPath, Objects.toString(id, "-"));
      }
      return id == null ? null : memo.contents.computeIfAbsent(id, readBlob);
    }

    @Override
    public boolean isDirectory(String repoPath) {
      boolean dir = dirs.contains(repoPath);
      if (recording != null) {
        recording.put("d:" + repoPath, Boolean.toString(dir));
      }
      return dir;
    }

    /** What {@code parse} makes of the file at {@code repoPath}, parsed once per blob and {@code kind}. */
    @SuppressWarnings("unchecked")
    <T> T parsed(String kind, String repoPath, Supplier<T> parse) {
      String id = ids.get(repoPath);
      if (id == null) {
        return parse.get();
      }
      String key = kind + ":" + repoPath + ":" + id;
      T value = (T) memo.parsed.get(key);
      if (value == null) {
        value = parse.get();
        memo.parsed.put(key, value);
      }
      return value;
    }

    /**
     * The pipeline file at {@code yamlPath}, reused when it and every file its loading read are the same blobs. A
     * file without {@code ${…}} cannot take anything from the vars files it reads (every experiment has its own
     * params.yaml): only the directories it asked about must then be the same.
     */
    PipelineFile pipeline(String yamlPath, Supplier<PipelineFile> load) {
      String id = ids.get(yamlPath);
      List<LoadedPipeline> seen = memo.pipelines.computeIfAbsent(yamlPath + ":" + id, k -> new ArrayList<>());
      for (LoadedPipeline p : seen) {
        if (p.reads().entrySet().stream().allMatch(e -> e.getValue().equals(current(e.getKey())))) {
          return p.file();
        }
      }
      recording = new LinkedHashMap<>();
      try {
        PipelineFile file = load.get();
        byte[] yaml = read(yamlPath);
        if (yaml != null && !new String(yaml, java.nio.charset.StandardCharsets.UTF_8).contains("${")) {
          recording.keySet().removeIf(k -> k.startsWith("f:"));
        }
        seen.add(new LoadedPipeline(Map.copyOf(recording), file));
        return file;
      } finally {
        recording = null;
      }
    }

    private String current(String readKey) {
      String path = readKey.substring(2);
      return readKey.startsWith("f:") ? Objects.toString(ids.get(path), "-") : Boolean.toString(dirs.contains(path));
    }
  }
}
