package io.jdvc.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * One node of the pipeline graph: a stage, or a {@code .dvc} file (DVC's graph holds data sources as nodes too).
 * The graph needs only what the node reads and writes, so the stage model stays out of it.
 *
 * @param name the stage's address ({@code train}, {@code sub/dvc.yaml:train}) or the {@code .dvc} file's path
 *     ({@code data.dvc})
 * @param deps repo-relative, normalized paths with '/'; leave out dependencies that are not paths in this
 *     repository (imports from another repository, URLs, datasets), as DVC leaves them out of its graph
 * @param outs repo-relative, normalized paths with '/'
 */
public record DagNode(String name, List<String> deps, List<String> outs) {
  public DagNode {
    Objects.requireNonNull(name, "name");
    deps = List.copyOf(deps);
    outs = List.copyOf(outs);
  }

  /**
   * The repo-relative file that defines this node: the {@code .dvc} file, or the {@code dvc.yaml} its address
   * names ({@code dvc.yaml} at the root for a bare stage name).
   */
  public String definitionFile() {
    if (name.endsWith(".dvc")) {
      return name;
    }
    int colon = name.lastIndexOf("dvc.yaml:");
    return colon < 0 ? "dvc.yaml" : name.substring(0, colon + "dvc.yaml".length());
  }
}
