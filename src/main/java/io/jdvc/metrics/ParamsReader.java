package io.jdvc.metrics;

import io.jdvc.pipeline.ParamsDependency;
import io.jdvc.pipeline.ParamsFiles;
import io.jdvc.pipeline.PipelineFile;
import io.jdvc.pipeline.Stage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The params of a revision as DVC's {@code params show} collects them: each stage's params dependencies (only the
 * keys it names, unless it tracks the whole file), the files of top-level {@code params:}, and {@code params.yaml}
 * at the root if it exists. With {@code depsOnly}, only the stages' dependencies.
 */
public final class ParamsReader {
  private ParamsReader() {}

  /** The revision's params; a revision whose pipelines cannot be loaded has none, and says why. */
  public static RevisionValues read(RevisionPipelines rev, boolean depsOnly) {
    if (rev.loadError() != null) {
      return RevisionValues.failed(rev.revision(), rev.loadError());
    }
    Map<String, List<String>> files = collect(rev, depsOnly);
    Map<String, FileValues> values = new LinkedHashMap<>();
    files.forEach((path, keys) -> {
      FileValues whole = FileReads.read(rev, path, ParamsFiles::parse);
      values.put(path, keys.isEmpty() || whole.status() != FileValues.Status.OK ? whole
          : FileValues.of(select(whole.data(), keys)));
    });
    return new RevisionValues(rev.revision(), values);
  }

  /** Params files and the keys read from each (empty: the whole file), merged as DVC's {@code _merge_params}. */
  static Map<String, List<String>> collect(RevisionPipelines rev, boolean depsOnly) {
    List<Map.Entry<String, List<String>>> entries = new ArrayList<>();
    for (Stage stage : rev.stages()) {
      for (ParamsDependency p : stage.params()) {
        entries.add(Map.entry(stage.repoPath(p.file()), p.wholeFile() ? List.of() : p.keys()));
      }
    }
    if (!depsOnly) {
      for (PipelineFile p : rev.pipelines()) {
        for (String file : p.params()) {
          rev.expand(RevisionPipelines.resolve(p, file)).forEach(f -> entries.add(Map.entry(f, List.of())));
        }
      }
      try {
        if (rev.read(ParamsDependency.DEFAULT_FILE) != null) {
          entries.add(Map.entry(ParamsDependency.DEFAULT_FILE, List.of()));
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    Set<String> whole = new HashSet<>();
    entries.stream().filter(e -> e.getValue().isEmpty()).forEach(e -> whole.add(e.getKey()));
    Map<String, List<String>> merged = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : entries) {
      List<String> keys = merged.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
      if (!whole.contains(e.getKey())) {
        e.getValue().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
      }
    }
    return merged;
  }

  /** The subtree holding only {@code keys} (dotted), as DVC's {@code dpath.search} + {@code merge} build it. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> select(Map<String, Object> tree, List<String> keys) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : keys) {
      Object value = ParamsFiles.lookup(tree, key);
      if (value == ParamsFiles.MISSING) {
        continue;
      }
      String[] parts = key.split("\\.", -1);
      Map<String, Object> node = out;
      Object source = tree;
      for (int i = 0; i < parts.length - 1; i++) {
        if (!(source instanceof Map<?, ?> m)) {
          node = null;
          break;
        }
        source = m.get(parts[i]);
        Object child = node.get(parts[i]);
        if (!(child instanceof Map<?, ?>)) {
          child = new LinkedHashMap<String, Object>();
          node.put(parts[i], child);
        }
        node = (Map<String, Object>) child;
      }
      if (node != null) {
        node.put(parts[parts.length - 1], value);
      }
    }
    return out;
  }
}
