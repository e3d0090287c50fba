package io.jdvc.pipeline;

import io.jdvc.JdvcException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pipeline graph: stages and {@code .dvc} files, with an edge from A to B when B depends on an output of A, or
 * on a path inside it, or on a directory an output of A lies in (compared segment by segment: {@code data} holds
 * {@code data/x} but not {@code data2}). Building it checks what DVC's index checks: one output per path, no output
 * inside another, no stage depending on its own output, no {@code dvc.yaml} inside an output, no cycle.
 *
 * <p>Orders follow DVC's ({@code networkx.dfs_postorder_nodes} over the graph from each consumer to its producers):
 * nodes are visited in the order they were given, producers in the order the consumer's dependencies name them,
 * and a node comes after everything it depends on. Give the nodes in a stable order (files sorted by path, stages
 * in file order) and every answer is deterministic.
 *
 * <p>Immutable and thread-safe.
 */
public final class Dag {
  private final List<DagNode> nodes;
  private final Map<String, DagNode> byName;
  private final Map<String, Integer> index;
  /** Name to the nodes it depends on directly (DVC's successors), in edge order. */
  private final Map<String, List<String>> upstream;
  /** Name to the nodes that depend on it directly, in node order. */
  private final Map<String, List<String>> downstream;

  /**
   * Builds and checks the graph.
   *
   * @throws JdvcException naming the nodes and paths at fault, for a duplicate name, two nodes claiming one output,
   *     overlapping outputs, a node that depends on its own output, a {@code dvc.yaml} inside an output, or a cycle
   */
  public Dag(List<DagNode> nodes) {
    this(nodes, edges(nodes));
  }

  private Dag(List<DagNode> nodes, Map<String, List<String>> upstream) {
    this.nodes = List.copyOf(nodes);
    this.byName = new LinkedHashMap<>();
    this.index = new HashMap<>();
    for (DagNode n : this.nodes) {
      index.put(n.name(), index.size());
      byName.put(n.name(), n);
    }
    this.upstream = new HashMap<>();
    this.downstream = new HashMap<>();
    for (DagNode n : this.nodes) {
      this.upstream.put(n.name(), List.copyOf(upstream.getOrDefault(n.name(), List.of())));
      this.downstream.put(n.name(), new ArrayList<>());
    }
    for (DagNode n : this.nodes) {
      for (String producer : this.upstream.get(n.name())) {
        this.downstream.get(producer).add(n.name());
      }
    }
    this.downstream.replaceAll((k, v) -> List.copyOf(v));
    requireAcyclic();
  }

  // ------------------------------------------------------------------------------------------------ queries

  /** Every node, in the order given. */
  public List<DagNode> nodes() {
    return nodes;
  }

  public boolean contains(String name) {
    return byName.containsKey(name);
  }

  /** The node of that name; an error naming it when there is none. */
  public DagNode node(String name) {
    DagNode n = byName.get(name);
    if (n == null) {
      throw new JdvcException("'" + name + "' is not a stage or .dvc file of the pipeline",
          "the names are the stages of dvc.yaml files (sub/dvc.yaml:NAME in a subdirectory) and .dvc file paths");
    }
    return n;
  }

  /** The nodes {@code name} depends on directly: those that produce its dependencies. */
  public List<DagNode> parents(String name) {
    node(name);
    return nodesOf(upstream.get(name));
  }

  /** The nodes that depend directly on an output of {@code name}. */
  public List<DagNode> children(String name) {
    node(name);
    return nodesOf(downstream.get(name));
  }

  /** Every node, each after everything it depends on: the order {@code repro} of the whole graph runs them. */
  public List<DagNode> topologicalOrder() {
    return postorder(byName.keySet());
  }

  /**
   * The targets and everything they depend on, directly or not, in execution order: what {@code repro TARGET}
   * runs (DVC's {@code plan_repro}).
   */
  public List<DagNode> upstream(Set<String> targets) {
    return postorder(reachable(targets, upstream));
  }

  /**
   * The targets and everything that depends on them, directly or not, in execution order: what
   * {@code repro --downstream TARGET} runs.
   */
  public List<DagNode> downstream(Set<String> targets) {
    return postorder(reachable(targets, downstream));
  }

  /** The whole connected pipeline {@code target} belongs to, in execution order: what {@code repro -p} runs. */
  public List<DagNode> pipeline(String target) {
    return pipeline(Set.of(target));
  }

  /** The connected pipelines of all the targets together, in execution order. */
  public List<DagNode> pipeline(Set<String> targets) {
    Set<String> members = new HashSet<>();
    for (Set<String> component : components()) {
      for (String t : targets) {
        node(t);
        if (component.contains(t)) {
          members.addAll(component);
        }
      }
    }
    return postorder(members);
  }

  /**
   * The separate pipelines (weakly connected components), each in node order, ordered by their first node: the
   * pictures {@code dag} draws one after another.
   */
  public List<Set<String>> components() {
    List<Set<String>> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String start : byName.keySet()) {
      if (!seen.add(start)) {
        continue;
      }
      List<String> found = new ArrayList<>(List.of(start));
      for (int i = 0; i < found.size(); i++) {
        String n = found.get(i);
        for (List<String> next : List.of(upstream.get(n), downstream.get(n))) {
          for (String m : next) {
            if (seen.add(m)) {
              found.add(m);
            }
          }
        }
      }
      found.sort(Comparator.comparing(index::get));
      out.add(new LinkedHashSet<>(found));
    }
    return out;
  }

  // ----------------------------------------------------------------------------------------- derived graphs

  /** The graph of just these nodes and the edges among them (what {@code dag TARGET} draws). */
  public Dag subgraph(Collection<String> names) {
    Set<String> keep = new HashSet<>();
    for (String n : names) {
      keep.add(node(n).name());
    }
    List<DagNode> kept = new ArrayList<>();
    Map<String, List<String>> edges = new HashMap<>();
    for (DagNode n : nodes) {
      if (keep.contains(n.name())) {
        kept.add(n);
        edges.put(n.name(), upstream.get(n.name()).stream().filter(keep::contains).toList());
      }
    }
    return new Dag(kept, edges);
  }

  /**
   * The graph with the named nodes cut off from what they depend on (DVC's active graph, where a frozen stage
   * does not pull its dependencies into a {@code repro}).
   */
  public Dag detachFromUpstream(Set<String> names) {
    Map<String, List<String>> edges = new HashMap<>(upstream);
    for (String n : names) {
      edges.put(node(n).name(), List.of());
    }
    return new Dag(nodes, edges);
  }

  /**
   * The graph of outputs instead of stages ({@code dag --outs}): one node per output, named by its path, with an
   * edge from each output a stage reads to every output of that stage.
   */
  public Dag outputs() {
    List<DagNode> outNodes = new ArrayList<>();
    Map<String, List<String>> edges = new LinkedHashMap<>();
    for (DagNode n : nodes) {
      for (String out : n.outs()) {
        outNodes.add(new DagNode(out, List.of(), List.of(out)));
        edges.put(out, new ArrayList<>());
      }
    }
    OutputIndex outs = new OutputIndex(nodes);
    for (DagNode n : nodes) {
      for (String dep : n.deps()) {
        for (String producerOut : outs.overlapping(dep)) {
          for (String out : n.outs()) {
            List<String> into = edges.get(out);
            if (!into.contains(producerOut)) {
              into.add(producerOut);
            }
          }
        }
      }
    }
    return new Dag(outNodes, edges);
  }

  // ---------------------------------------------------------------------------------------------- internals

  private List<DagNode> nodesOf(List<String> names) {
    return names.stream().map(byName::get).toList();
  }

  private Set<String> reachable(Set<String> targets, Map<String, List<String>> edges) {
    Set<String> found = new HashSet<>();
    List<String> pending = new ArrayList<>();
    for (String t : targets) {
      node(t);
      if (found.add(t)) {
        pending.add(t);
      }
    }
    while (!pending.isEmpty()) {
      String n = pending.remove(pending.size() - 1);
      for (String m : edges.get(n)) {
        if (found.add(m)) {
          pending.add(m);
        }
      }
    }
    return found;
  }

  /** DFS postorder over the members, starting points in node order, producers in edge order. */
  private List<DagNode> postorder(Set<String> members) {
    List<DagNode> out = new ArrayList<>();
    Set<String> visited = new HashSet<>();
    for (DagNode start : nodes) {
      if (members.contains(start.name()) && visited.add(start.name())) {
        visit(start.name(), members, visited, out);
      }
    }
    return out;
  }

  private void visit(String name, Set<String> members, Set<String> visited, List<DagNode> out) {
    for (String producer : upstream.get(name)) {
      if (members.contains(producer) && visited.add(producer)) {
        visit(producer, members, visited, out);
      }
    }
    out.add(byName.get(name));
  }

  private void requireAcyclic() {
    Map<String, Integer> state = new HashMap<>(); // absent: new, 1: on the path, 2: done
    List<String> path = new ArrayList<>();
    for (DagNode n : nodes) {
      if (!state.containsKey(n.name())) {
        findCycle(n.name(), state, path);
      }
    }
  }

  private void findCycle(String name, Map<String, Integer> state, List<String> path) {
    state.put(name, 1);
    path.add(name);
    for (String producer : upstream.get(name)) {
      Integer s = state.get(producer);
      if (s == null) {
        findCycle(producer, state, path);
      } else if (s == 1) {
        throw cycle(path.subList(path.indexOf(producer), path.size()));
      }
    }
    path.remove(path.size() - 1);
    state.put(name, 2);
  }

  /** The cycle in the direction data flows (producer first), starting at the node given first. */
  private JdvcException cycle(List<String> consumerToProducer) {
    List<String> flow = new ArrayList<>(consumerToProducer);
    java.util.Collections.reverse(flow);
    String first = flow.stream().min(Comparator.comparing(index::get)).orElseThrow();
    java.util.Collections.rotate(flow, -flow.indexOf(first));
    flow.add(first);
    return new JdvcException("cycle in the pipeline: " + String.join(" -> ", flow),
        "each of these stages depends on an output of the one before it; remove one of those dependencies");
  }

  private static Map<String, List<String>> edges(List<DagNode> nodes) {
    Set<String> names = new HashSet<>();
    for (DagNode n : nodes) {
      if (!names.add(n.name())) {
        throw new JdvcException("'" + n.name() + "' is defined twice", "rename or remove one of the two");
      }
    }
    OutputIndex outs = new OutputIndex(nodes);
    for (DagNode n : nodes) {
      outs.requireNotInsideOutput(n);
      requireOwnDepsApart(n);
    }
    Map<String, List<String>> edges = new HashMap<>();
    for (DagNode n : nodes) {
      List<String> producers = new ArrayList<>();
      for (String dep : n.deps()) {
        for (String out : outs.overlapping(dep)) {
          String producer = outs.owner(out);
          if (!producers.contains(producer)) {
            producers.add(producer);
          }
        }
      }
      edges.put(n.name(), producers);
    }
    return edges;
  }

  /** DVC's CircularDependencyError, and the self-loop its graph check reports for a dep inside an own output. */
  private static void requireOwnDepsApart(DagNode n) {
    for (String dep : n.deps()) {
      for (String out : n.outs()) {
        if (dep.equals(out)) {
          throw new JdvcException("'" + out + "' is specified as an output and as a dependency of '" + n.name()
              + "'", "a stage cannot read what it writes: remove one of the two from the stage");
        }
        if (Paths.isInside(dep, out) || Paths.isInside(out, dep)) {
          throw new JdvcException("'" + n.name() + "' depends on '" + dep + "', which overlaps its own output '"
              + out + "'", "a stage cannot read what it writes: keep its dependencies and outputs apart");
        }
      }
    }
  }

  /** Outputs by path, checked as they are added: DVC's outs trie. */
  private static final class OutputIndex {
    private final NavigableMap<String, String> ownerByOut = new TreeMap<>();

    OutputIndex(List<DagNode> nodes) {
      for (DagNode n : nodes) {
        for (String out : n.outs()) {
          add(n.name(), out);
        }
      }
    }

    String owner(String out) {
      return ownerByOut.get(out);
    }

    private void add(String node, String out) {
      String other = ownerByOut.get(out);
      if (other != null) {
        if (other.equals(node)) {
          throw new JdvcException("output '" + out + "' is specified more than once in '" + node + "'",
              "list it once");
        }
        throw new JdvcException("output '" + out + "' is specified in:\n\t- " + other + "\n\t- " + node,
            "use 'jdvc remove' with any of the above targets to stop tracking the overlapping output");
      }
      String inner = inside(out).stream().findFirst().orElse(null);
      String outer = containing(out).stream().findFirst().orElse(null);
      if (inner != null || outer != null) {
        String parent = inner != null ? out : outer;
        String child = inner != null ? inner : out;
        String parentOwner = inner != null ? node : ownerByOut.get(outer);
        String childOwner = inner != null ? ownerByOut.get(inner) : node;
        throw new JdvcException("The output paths:\n'" + parent + "'('" + parentOwner + "')\n'" + child + "'('"
            + childOwner + "')\noverlap and are thus in the same tracked directory.",
            "to keep reproducibility, outputs should be in separate tracked directories or tracked individually");
      }
      ownerByOut.put(out, node);
    }

    void requireNotInsideOutput(DagNode n) {
      for (String out : containing(n.definitionFile())) {
        throw new JdvcException("'" + n.name() + "' is within an output '" + out + "' of another stage",
            "move " + n.definitionFile() + " out of '" + out + "', or stop tracking that output");
      }
    }

    /** Outputs that are the path or contain it, shortest first. */
    List<String> containing(String path) {
      List<String> found = new ArrayList<>();
      for (String prefix : Paths.ancestorsAndSelf(path)) {
        if (ownerByOut.containsKey(prefix)) {
          found.add(prefix);
        }
      }
      return found;
    }

    /** Outputs strictly inside the path, in path order. */
    List<String> inside(String path) {
      return new ArrayList<>(ownerByOut.subMap(path + "/", true, path + "/\uffff", false).keySet());
    }

    /** The outputs a dependency on {@code dep} reads: those containing it, then those inside it. */
    List<String> overlapping(String dep) {
      List<String> found = containing(dep);
      found.addAll(inside(dep));
      return found;
    }
  }
}
