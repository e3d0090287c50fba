package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.pipeline.Dag;
import io.jdvc.pipeline.DagNode;
import io.jdvc.pipeline.Reproducer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code jdvc dag [TARGET] [--outs] [--full]}: the pipeline graph to draw, as DVC's {@code dag} selects it. Without a
 * target, every pipeline; with one, the target and what it depends on ({@code full}: its whole connected
 * pipeline). With {@code outs}, the graph of outputs instead of stages.
 *
 * <p>The nodes come from a supplier: by default every stage of every {@code dvc.yaml} (whether it ran or not) and
 * every {@code .dvc} file of the work tree.
 */
public final class DagOperation {
  private final Jdvc jdvc;
  private Supplier<List<DagNode>> nodes;
  private String target;
  private boolean full;
  private boolean outs;

  DagOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
    this.nodes = this::workspaceNodes;
  }

  /** Where the stages and {@code .dvc} files come from, in a stable order (files by path, stages in file order). */
  public DagOperation nodes(Supplier<List<DagNode>> value) {
    this.nodes = value;
    return this;
  }

  /**
   * A stage ({@code train}, {@code sub/dvc.yaml:train}, {@code dvc.yaml:train}), a {@code dvc.yaml} (all its
   * stages), a {@code .dvc} file, or an output path (relative to the working directory); null for everything.
   */
  public DagOperation target(String value) {
    this.target = value;
    return this;
  }

  /** With a target: its whole connected pipeline instead of only what it depends on. */
  public DagOperation full(boolean value) {
    this.full = value;
    return this;
  }

  /** The graph of outputs instead of stages. */
  public DagOperation outs(boolean value) {
    this.outs = value;
    return this;
  }

  public Dag call() throws IOException {
    Dag stages;
    try {
      stages = new Dag(nodes.get());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Dag graph = outs ? stages.outputs() : stages;
    if (target == null || target.isEmpty()) {
      return graph;
    }
    Set<String> targets = outs ? outputTargets(stages) : stageTargets(stages);
    List<DagNode> selected = full ? graph.pipeline(targets) : graph.upstream(targets);
    return graph.subgraph(selected.stream().map(DagNode::name).toList());
  }

  // ------------------------------------------------------------------------------------------------ targets

  private Set<String> stageTargets(Dag dag) {
    Set<String> named = namedStages(dag);
    if (!named.isEmpty()) {
      return named;
    }
    Set<String> found = new LinkedHashSet<>();
    String path = repoPath();
    for (DagNode n : dag.nodes()) {
      if (n.outs().stream().anyMatch(o -> overlaps(o, path))) {
        found.add(n.name());
      }
    }
    return require(found);
  }

  private Set<String> outputTargets(Dag dag) {
    Set<String> found = new LinkedHashSet<>();
    for (String stage : namedStages(dag)) {
      found.addAll(dag.node(stage).outs());
    }
    if (!found.isEmpty()) {
      return found;
    }
    String path = repoPath();
    for (DagNode n : dag.nodes()) {
      n.outs().stream().filter(o -> overlaps(o, path)).forEach(found::add);
    }
    return require(found);
  }

  /** The stages the target names as a stage address, a dvc.yaml or a .dvc file; empty when it names none. */
  private Set<String> namedStages(Dag dag) {
    Set<String> found = new LinkedHashSet<>();
    String t = target.startsWith("./") ? target.substring(2) : target;
    if (dag.contains(t)) {
      found.add(t);
    } else if (t.startsWith("dvc.yaml:") && dag.contains(t.substring("dvc.yaml:".length()))) {
      found.add(t.substring("dvc.yaml:".length()));
    } else if (t.endsWith("dvc.yaml")) {
      String file = t.equals("dvc.yaml") ? "dvc.yaml" : repoPath();
      dag.nodes().stream().filter(n -> n.definitionFile().equals(file)).forEach(n -> found.add(n.name()));
    } else if (!t.contains("@")) {
      // a foreach/matrix group ('build', 'sub/dvc.yaml:build'): every stage it generates, as DVC's collect takes it
      String group = t.startsWith("dvc.yaml:") ? t.substring("dvc.yaml:".length()) : t;
      dag.nodes().stream().filter(n -> n.name().startsWith(group + "@")).forEach(n -> found.add(n.name()));
    }
    return found;
  }

  private String repoPath() {
    Path p = jdvc.resolve(Path.of(target));
    if (!p.startsWith(jdvc.root())) {
      throw new JdvcException("'" + target + "' is outside the repository", "name a stage or a path inside it");
    }
    return jdvc.root().relativize(p).toString().replace('\\', '/');
  }

  private Set<String> require(Set<String> found) {
    if (found.isEmpty()) {
      throw new JdvcException("'" + target + "' is neither a stage nor an output of one",
          "name a stage (sub/dvc.yaml:NAME in a subdirectory), a .dvc file, or a path a stage writes");
    }
    return found;
  }

  /** One path is the other or lies inside it, segment by segment. */
  private static boolean overlaps(String a, String b) {
    return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/") || b.isEmpty();
  }

  /** Every stage of every {@code dvc.yaml} and every {@code .dvc} file, as {@code repro} sees them. */
  private List<DagNode> workspaceNodes() {
    try {
      return Reproducer.graph(jdvc.index()).nodes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
