package io.jdvc.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DagTest {
  static DagNode node(String name, List<String> deps, List<String> outs) {
    return new DagNode(name, deps, outs);
  }

  static List<String> names(List<DagNode> nodes) {
    return nodes.stream().map(DagNode::name).toList();
  }

  /** The graph of DVC's plan_repro docstring: A feeds B and C, which feed D; G feeds F; D and F feed E. */
  static Dag planReproExample() {
    return new Dag(List.of(
        node("E", List.of("d", "f"), List.of("e")),
        node("D", List.of("b", "c"), List.of("d")),
        node("F", List.of("g"), List.of("f")),
        node("B", List.of("a"), List.of("b")),
        node("C", List.of("a"), List.of("c")),
        node("G", List.of(), List.of("g")),
        node("A", List.of(), List.of("a"))));
  }

  /** The repository of DVC's tests/unit/command/test_dag.py. */
  static Dag dvcTestRepo() {
    return new Dag(List.of(
        node("a.dvc", List.of(), List.of("a")),
        node("b.dvc", List.of(), List.of("b")),
        node("1", List.of("a", "c"), List.of("d", "e")),
        node("2", List.of("b", "c"), List.of("f", "g")),
        node("3", List.of("a", "b", "c"), List.of("h", "i")),
        node("4", List.of("a", "h"), List.of("j"))));
  }

  @Test
  void edgesLinkAnOutputToTheStagesReadingItOrAPathInsideIt() {
    Dag dag = new Dag(List.of(
        node("data.dvc", List.of(), List.of("data")),
        node("prepare", List.of("data/raw.csv", "src/prepare.py"), List.of("prepared")),
        node("stats", List.of("data2"), List.of("stats.json")),
        node("train", List.of("prepared"), List.of("model/weights.bin", "model/meta.json")),
        node("publish", List.of("model"), List.of("site"))));
    assertEquals(List.of("data.dvc"), names(dag.parents("prepare")));
    assertEquals(List.of(), names(dag.parents("stats")), "data2 is not inside data");
    assertEquals(List.of("train"), names(dag.parents("publish")), "an output inside a dependency directory");
    assertEquals(List.of("prepare"), names(dag.children("data.dvc")));
    assertEquals(List.of("publish"), names(dag.children("train")));
  }

  @Test
  void ordersFollowDvcPlanRepro() {
    Dag dag = planReproExample();
    assertEquals(List.of("A", "B", "C", "D"), names(dag.upstream(Set.of("D"))));
    assertEquals(List.of("B", "D", "E"), names(dag.downstream(Set.of("B"))));
    assertEquals(List.of("A", "B", "C", "D", "G", "F", "E"), names(dag.topologicalOrder()));
    assertEquals(names(dag.topologicalOrder()), names(dag.pipeline("G")));
    assertEquals(List.of("G", "F"), names(dag.upstream(Set.of("F"))));
    assertEquals(List.of("A", "B", "C", "D", "G", "F"), names(dag.upstream(Set.of("F", "D"))));
  }

  @Test
  void everyNodeComesAfterWhatItDependsOn() {
    for (Dag dag : List.of(planReproExample(), dvcTestRepo())) {
      List<String> order = names(dag.topologicalOrder());
      assertEquals(dag.nodes().size(), new HashSet<>(order).size());
      for (DagNode n : dag.nodes()) {
        for (DagNode p : dag.parents(n.name())) {
          assertTrue(order.indexOf(p.name()) < order.indexOf(n.name()), p.name() + " before " + n.name());
        }
      }
    }
  }

  @Test
  void componentsAreTheSeparatePipelinesInNodeOrder() {
    Dag dag = new Dag(List.of(
        node("x.dvc", List.of(), List.of("x")),
        node("train", List.of("data"), List.of("model")),
        node("use-x", List.of("x"), List.of("y")),
        node("data.dvc", List.of(), List.of("data")),
        node("alone", List.of(), List.of())));
    assertEquals(List.of(List.of("x.dvc", "use-x"), List.of("train", "data.dvc"), List.of("alone")),
        dag.components().stream().map(List::copyOf).toList());
    assertEquals(List.of("data.dvc", "train"), names(dag.pipeline("data.dvc")));
    assertEquals(List.of("x.dvc", "use-x"), names(dag.downstream(Set.of("x.dvc"))));
  }

  @Test
  void dvcDagTargetSelections() {
    Dag dag = dvcTestRepo();
    Dag target = dag.subgraph(names(dag.upstream(Set.of("3"))));
    assertEquals(Set.of("3", "a.dvc", "b.dvc"), Set.copyOf(names(target.nodes())));
    assertEquals(List.of("a.dvc", "b.dvc"), names(target.parents("3")));
    assertEquals(List.of("3"), names(target.children("a.dvc")), "edges to nodes left out are dropped");
    assertEquals(6, dag.pipeline("3").size());
  }

  @Test
  void outputGraphLinksEachOutputToTheOutputsItsStageReads() {
    Dag outs = dvcTestRepo().outputs();
    assertEquals(List.of("a", "b", "d", "e", "f", "g", "h", "i", "j"), names(outs.nodes()));
    Set<List<String>> edges = new HashSet<>();
    for (DagNode n : outs.nodes()) {
      for (DagNode p : outs.parents(n.name())) {
        edges.add(List.of(n.name(), p.name()));
      }
    }
    // tests/unit/command/test_dag.py test_build_full_outs, as (output, output it was made from)
    assertEquals(Set.of(List.of("d", "a"), List.of("e", "a"), List.of("f", "b"), List.of("g", "b"),
        List.of("h", "a"), List.of("h", "b"), List.of("i", "a"), List.of("i", "b"), List.of("j", "a"),
        List.of("j", "h")), edges);
    Dag granular = outs.subgraph(names(outs.upstream(Set.of("h"))));
    assertEquals(Set.of("a", "b", "h"), Set.copyOf(names(granular.nodes())));
  }

  @Test
  void detachingAFrozenStageDropsOnlyItsUpstreamEdges() {
    Dag dag = planReproExample().detachFromUpstream(Set.of("D"));
    assertEquals(List.of("D"), names(dag.upstream(Set.of("D"))));
    assertEquals(List.of("D", "G", "F", "E"), names(dag.upstream(Set.of("E"))));
  }

  @Test
  void aCycleIsNamedInTheOrderDataFlows() {
    JdvcException e = assertThrows(JdvcException.class, () -> new Dag(List.of(
        node("prepare", List.of("model.pkl"), List.of("data")),
        node("train", List.of("data"), List.of("model.pkl")))));
    assertEquals("cycle in the pipeline: prepare -> train -> prepare", e.getMessage());
    JdvcException three = assertThrows(JdvcException.class, () -> new Dag(List.of(
        node("ok", List.of(), List.of("seed")),
        node("c", List.of("b.out"), List.of("c.out")),
        node("a", List.of("c.out", "seed"), List.of("a.out")),
        node("b", List.of("a.out"), List.of("b.out")))));
    assertEquals("cycle in the pipeline: c -> a -> b -> c", three.getMessage());
    assertTrue(three.hint() != null);
  }

  @Test
  void twoNodesClaimingOneOutputAreBothNamed() {
    JdvcException e = assertThrows(JdvcException.class, () -> new Dag(List.of(
        node("model.pkl.dvc", List.of(), List.of("model.pkl")),
        node("train", List.of("data"), List.of("model.pkl")))));
    assertEquals("output 'model.pkl' is specified in:\n\t- model.pkl.dvc\n\t- train", e.getMessage());
    assertTrue(e.hint().contains("jdvc remove"), e.hint());
  }

  @Test
  void anOutputInsideAnotherIsRefusedWhicheverComesFirst() {
    String expected = "The output paths:\n'data'('data.dvc')\n'data/sub'('split')\noverlap and are thus in the "
        + "same tracked directory.";
    JdvcException outerFirst = assertThrows(JdvcException.class, () -> new Dag(List.of(
        node("data.dvc", List.of(), List.of("data")),
        node("split", List.of(), List.of("data/sub")))));
    assertEquals(expected, outerFirst.getMessage());
    JdvcException innerFirst = assertThrows(JdvcException.class, () -> new Dag(List.of(
        node("split", List.of(), List.of("data/sub")),
        node("data.dvc", List.of(), List.of("data")))));
    assertEquals(expected, innerFirst.getMessage());
    new Dag(List.of(node("a", List.of(), List.of("data")), node("b", List.of(), List.of("data2", "data-x"))));
  }

  @Test
  void aStageMayNotReadItsOwnOutput() {
    JdvcException same = assertThrows(JdvcException.class, () -> new Dag(List.of(
        node("train", List.of("model"), List.of("model")))));
    assertEquals("'model' is specified as an output and as a dependency of 'train'", same.getMessage());
    JdvcException inside = assertThrows(JdvcException.class, () -> new Dag(List.of(
        node("train", List.of("out/cfg.json"), List.of("out")))));
    assertEquals("'train' depends on 'out/cfg.json', which overlaps its own output 'out'", inside.getMessage());
    assertThrows(JdvcException.class, () -> new Dag(List.of(node("train", List.of("out"), List.of("out/m")))));
  }

  @Test
  void otherMistakesAreNamed() {
    JdvcException twice = assertThrows(JdvcException.class, () -> new Dag(List.of(
        node("train", List.of(), List.of("a")), node("train", List.of(), List.of("b")))));
    assertEquals("'train' is defined twice", twice.getMessage());
    JdvcException within = assertThrows(JdvcException.class, () -> new Dag(List.of(
        node("data.dvc", List.of(), List.of("data")), node("data/dvc.yaml:clean", List.of(), List.of("x")))));
    assertEquals("'data/dvc.yaml:clean' is within an output 'data' of another stage", within.getMessage());
    JdvcException unknown = assertThrows(JdvcException.class, () -> planReproExample().upstream(Set.of("Z")));
    assertTrue(unknown.getMessage().contains("'Z'"), unknown.getMessage());
    JdvcException listedTwice = assertThrows(JdvcException.class, () -> new Dag(List.of(
        node("train", List.of(), List.of("m", "m")))));
    assertEquals("output 'm' is specified more than once in 'train'", listedTwice.getMessage());
  }

  @Test
  void definitionFileOfEachKindOfName() {
    assertEquals("dvc.yaml", node("train", List.of(), List.of()).definitionFile());
    assertEquals("sub/dvc.yaml", node("sub/dvc.yaml:train@1", List.of(), List.of()).definitionFile());
    assertEquals("data/x.dvc", node("data/x.dvc", List.of(), List.of()).definitionFile());
    assertFalse(planReproExample().contains("Z"));
  }
}
