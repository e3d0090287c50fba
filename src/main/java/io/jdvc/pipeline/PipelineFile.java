package io.jdvc.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded {@code dvc.yaml}: its stages resolved and in file order (a {@code foreach}/{@code matrix} group expanded
 * in place), and the top-level {@code params}, {@code metrics}, {@code plots}, {@code artifacts} and
 * {@code datasets} as loaded (templated, otherwise raw YAML values).
 *
 * @param path repo-relative path with {@code /} separators: {@code dvc.yaml}, {@code sub/dvc.yaml}
 */
public record PipelineFile(String path, List<Stage> stages, List<String> params, List<Object> metrics,
    List<Object> plots, Map<String, Object> artifacts, List<Object> datasets) {

  public PipelineFile {
    Objects.requireNonNull(path, "path");
    stages = List.copyOf(stages);
    params = List.copyOf(params);
    metrics = Collections.unmodifiableList(new java.util.ArrayList<>(metrics));
    plots = Collections.unmodifiableList(new java.util.ArrayList<>(plots));
    artifacts = Collections.unmodifiableMap(new LinkedHashMap<>(artifacts));
    datasets = Collections.unmodifiableList(new java.util.ArrayList<>(datasets));
  }

  public Optional<Stage> stage(String name) {
    return stages.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The directory of the file, repo-relative ("" for the root). */
  public String dir() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
