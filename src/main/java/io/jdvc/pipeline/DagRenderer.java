package io.jdvc.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pictures {@code dag} prints. {@link #dot}, {@link #mermaid} and {@link #markdown} write DVC's text
 * byte for byte (networkx + pydot for dot, DVC's own code for mermaid); {@link #ascii} draws boxes and {@code *}
 * lines in DVC's look, laid out by {@link AsciiLayout} rather than grandalf, so positions differ from DVC's.
 * Data flows down: a node is drawn below the nodes whose outputs it depends on.
 */
public final class DagRenderer {
  private DagRenderer() {}

  /** Each connected pipeline drawn as boxes, upstream at the top, pipelines separated by a blank line. */
  public static String ascii(Dag dag) {
    List<String> pictures = new ArrayList<>();
    for (Set<String> component : dag.components()) {
      pictures.add(AsciiLayout.draw(dag, component));
    }
    return String.join("\n\n", pictures);
  }

  /**
   * Graphviz dot, as {@code dvc dag --dot}: a strict digraph, every name double-quoted, the nodes in graph order,
   * then one edge from each producer to each consumer, producers in graph order.
   */
  public static String dot(Dag dag) {
    StringBuilder b = new StringBuilder("strict digraph {\n");
    for (DagNode n : dag.nodes()) {
      b.append(quote(n.name())).append(";\n");
    }
    for (DagNode producer : dag.nodes()) {
      for (DagNode consumer : dag.children(producer.name())) {
        b.append(quote(producer.name())).append(" -> ").append(quote(consumer.name())).append(";\n");
      }
    }
    return b.append("}\n").toString();
  }

  /**
   * Mermaid, as {@code dvc dag --mermaid}: per pipeline, its nodes sorted by name and numbered on from the last
   * pipeline's, then its edges sorted, producer first.
   */
  public static String mermaid(Dag dag) {
    StringBuilder b = new StringBuilder("flowchart TD");
    int total = 0;
    for (Set<String> component : dag.components()) {
      Map<String, String> ids = new HashMap<>();
      for (String name : component.stream().sorted().toList()) {
        String id = "node" + ++total;
        ids.put(name, id);
        b.append("\n\t").append(id).append("[\"").append(name).append("\"]");
      }
      List<String[]> edges = new ArrayList<>();
      for (String consumer : component) {
        for (DagNode producer : dag.parents(consumer)) {
          edges.add(new String[] {producer.name(), consumer});
        }
      }
      edges.sort(Comparator.<String[], String>comparing(e -> e[0]).thenComparing(e -> e[1]));
      for (String[] e : edges) {
        b.append("\n\t").append(ids.get(e[0])).append("-->").append(ids.get(e[1]));
      }
    }
    return b.toString();
  }

  /** {@link #mermaid} in a Markdown code block, as {@code dvc dag --md}. */
  public static String markdown(Dag dag) {
    return "```mermaid\n" + mermaid(dag) + "\n```";
  }

  /** DVC quotes every label that is not already quoted (a ':' in a dot id needs it). */
  private static String quote(String name) {
    return name.startsWith("\"") || name.endsWith("\"") ? name : "\"" + name + "\"";
  }
}
