package io.jdvc.pipeline;

import io.jdvc.pointer.ScalarResolver;
import java.util.HashSet;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * DVC's {@code MULTI_STAGE_SCHEMA} ({@code dvc/schema.py}), checked on the YAML before templating as DVC checks it:
 * an unknown key anywhere, a missing {@code cmd}, or a value of the wrong type is refused with {@code file:line}.
 */
final class PipelineSchema {
  static final Set<String> TOP = Set.of("stages", "vars", "params", "metrics", "plots", "artifacts", "datasets");
  static final Set<String> STAGE = Set.of("matrix", "cmd", "wdir", "deps", "params", "vars", "frozen", "meta",
      "desc", "always_changed", "outs", "metrics", "plots");
  static final Set<String> FOREACH = Set.of("foreach", "do");
  static final Set<String> OUT = Set.of("desc", "type", "labels", "meta", "cache", "persist", "checkpoint", "remote",
      "push");
  static final Set<String> PLOT_PROPS = Set.of("template", "x", "y", "x_label", "y_label", "title", "header");
  static final Set<String> TOP_PLOT = Set.of("x", "y", "x_label", "y_label", "title", "template");
  static final Set<String> ARTIFACT = Set.of("path", "desc", "type", "labels", "meta");

  private final String file;

  private PipelineSchema(String file) {
    this.file = file;
  }

  static void validate(Node root, String file) {
    new PipelineSchema(file).top(root);
  }

  private void top(Node root) {
    MappingNode top = mapping(root, "dvc.yaml's top level");
    for (NodeTuple t : entries(top, TOP, "the top level")) {
      String key = key(t);
      Node v = t.getValueNode();
      switch (key) {
        case "stages" -> {
          for (NodeTuple s : entries(mapping(v, "'stages'"), null, "'stages'")) {
            stageEntry(s.getKeyNode(), key(s), s.getValueNode());
          }
        }
        case "vars" -> vars(v, "'vars'");
        case "params", "metrics" -> {
          for (Node item : sequence(v, "'" + key + "'").getValue()) {
            string(item, "an entry of '" + key + "'");
          }
        }
        case "plots" -> {
          for (Node item : sequence(v, "'plots'").getValue()) {
            if (!isString(item)) {
              for (NodeTuple p : entries(mapping(item, "an entry of 'plots'"), null, "a plot")) {
                if (!isNull(p.getValueNode())) {
                  topPlot(mapping(p.getValueNode(), "plot '" + key(p) + "'"), key(p));
                }
              }
            }
          }
        }
        case "artifacts" -> {
          for (NodeTuple a : entries(mapping(v, "'artifacts'"), null, "'artifacts'")) {
            MappingNode art = mapping(a.getValueNode(), "artifact '" + key(a) + "'");
            annotations(art, ARTIFACT, "artifact '" + key(a) + "'");
            if (art.getValue().stream().noneMatch(t2 -> key(t2).equals("path"))) {
              throw error(art, "artifact '" + key(a) + "' has no 'path'");
            }
          }
        }
        default -> { } // datasets: any value, as DVC
      }
    }
  }

  private void stageEntry(Node keyNode, String name, Node node) {
    String where = "stage '" + name + "'";
    MappingNode stage = mapping(node, where);
    boolean foreach = stage.getValue().stream().anyMatch(t -> FOREACH.contains(key(t)));
    if (!foreach) {
      definition(stage, where, keyNode);
      return;
    }
    Node over = null;
    Node body = null;
    for (NodeTuple t : entries(stage, FOREACH, where)) {
      if (key(t).equals("foreach")) {
        over = t.getValueNode();
      } else {
        body = t.getValueNode();
      }
    }
    if (over == null || body == null) {
      throw error(stage, where + " needs both 'foreach' and 'do'");
    }
    if (over instanceof ScalarNode && !isString(over)) {
      throw error(over, "'foreach' of " + where + " must be a list, a dictionary or a ${…} string");
    }
    definition(mapping(body, "'do' of " + where), "'do' of " + where, keyNode);
  }

  private void definition(MappingNode stage, String where, Node keyNode) {
    boolean hasCmd = false;
    for (NodeTuple t : entries(stage, STAGE, where)) {
      String key = key(t);
      Node v = t.getValueNode();
      String what = "'" + key + "' of " + where;
      switch (key) {
        case "cmd" -> {
          hasCmd = true;
          if (!(v instanceof SequenceNode)) {
            string(v, what);
          }
        }
        case "matrix" -> {
          for (NodeTuple m : entries(mapping(v, what), null, what)) {
            if (!(m.getValueNode() instanceof SequenceNode)) {
              string(m.getValueNode(), "'" + key(m) + "' of the matrix of " + where);
            }
          }
        }
        case "wdir", "desc" -> string(v, what);
        case "deps" -> stringList(v, what);
        case "params", "vars" -> {
          for (Node item : sequence(v, what).getValue()) {
            if (!(item instanceof MappingNode)) {
              string(item, "an entry of " + what);
            }
          }
        }
        case "frozen", "always_changed" -> bool(v, what);
        case "outs", "metrics", "plots" -> {
          for (Node item : sequence(v, what).getValue()) {
            if (!isString(item)) {
              outputEntry(mapping(item, "an entry of " + what), key.equals("plots"), where);
            }
          }
        }
        default -> { } // meta: any value
      }
    }
    if (!hasCmd) {
      throw error(keyNode, where + " has no 'cmd'");
    }
  }

  private void outputEntry(MappingNode entry, boolean plot, String stage) {
    for (NodeTuple t : entries(entry, null, "an output of " + stage)) {
      String where = "output '" + key(t) + "' of " + stage;
      Node v = t.getValueNode();
      if (plot && v instanceof SequenceNode seq) {
        for (Node props : seq.getValue()) {
          outputFlags(mapping(props, where), true, where);
        }
      } else {
        outputFlags(mapping(v, where), plot, where);
      }
    }
  }

  private void outputFlags(MappingNode flags, boolean plot, String where) {
    Set<String> allowed = OUT;
    if (plot) {
      allowed = new HashSet<>(OUT);
      allowed.addAll(PLOT_PROPS);
    }
    annotations(flags, allowed, where);
    for (NodeTuple t : flags.getValue()) {
      String what = "'" + key(t) + "' of " + where;
      switch (key(t)) {
        case "cache", "persist", "checkpoint", "push", "header" -> bool(t.getValueNode(), what);
        case "remote", "template", "x", "y", "x_label", "y_label", "title" -> string(t.getValueNode(), what);
        default -> { }
      }
    }
  }

  /** Checks keys and the annotation fields (desc, type, labels; meta is free). */
  private void annotations(MappingNode m, Set<String> allowed, String where) {
    for (NodeTuple t : entries(m, allowed, where)) {
      String what = "'" + key(t) + "' of " + where;
      switch (key(t)) {
        case "desc", "type", "path" -> string(t.getValueNode(), what);
        case "labels" -> stringList(t.getValueNode(), what);
        default -> { }
      }
    }
  }

  private void topPlot(MappingNode def, String name) {
    String where = "plot '" + name + "'";
    for (NodeTuple t : entries(def, TOP_PLOT, where)) {
      Node v = t.getValueNode();
      String what = "'" + key(t) + "' of " + where;
      switch (key(t)) {
        case "x" -> {
          if (v instanceof MappingNode m) {
            entries(m, null, what).forEach(e -> string(e.getValueNode(), what));
          } else {
            string(v, what);
          }
        }
        case "y" -> {
          if (v instanceof MappingNode m) {
            for (NodeTuple e : entries(m, null, what)) {
              if (e.getValueNode() instanceof SequenceNode) {
                stringList(e.getValueNode(), what);
              } else {
                string(e.getValueNode(), what);
              }
            }
          } else if (v instanceof SequenceNode) {
            stringList(v, what);
          } else {
            string(v, what);
          }
        }
        default -> string(v, what);
      }
    }
  }

  private void vars(Node v, String what) {
    for (Node item : sequence(v, what).getValue()) {
      if (!(item instanceof MappingNode)) {
        string(item, "an entry of " + what);
      }
    }
  }

  /** Mapping entries; keys must be strings, and in {@code allowed} unless it is null. */
  private java.util.List<NodeTuple> entries(MappingNode node, Set<String> allowed, String where) {
    for (NodeTuple t : node.getValue()) {
      Node k = t.getKeyNode();
      if (!isString(k)) {
        throw error(k, "a key in " + where + " must be a string"
            + (k instanceof ScalarNode s ? ", not '" + s.getValue() + "' (quote it)" : ""));
      }
      if (allowed != null && !allowed.contains(key(t))) {
        throw error(k, "unknown key '" + key(t) + "' in " + where);
      }
    }
    return node.getValue();
  }

  static String key(NodeTuple t) {
    return ((ScalarNode) t.getKeyNode()).getValue();
  }

  private MappingNode mapping(Node node, String what) {
    if (node instanceof MappingNode m) {
      return m;
    }
    throw error(node, what + " must be a mapping");
  }

  private SequenceNode sequence(Node node, String what) {
    if (node instanceof SequenceNode s) {
      return s;
    }
    throw error(node, what + " must be a list");
  }

  private void stringList(Node node, String what) {
    for (Node item : sequence(node, what).getValue()) {
      string(item, "an entry of " + what);
    }
  }

  static boolean isString(Node node) {
    return node instanceof ScalarNode s && (!s.isPlain() || ScalarResolver.isString(s.getValue()));
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode s && s.isPlain() && ScalarResolver.isNull(s.getValue());
  }

  private void string(Node node, String what) {
    if (!isString(node)) {
      throw error(node, what + " must be a string" + (node instanceof ScalarNode s
          ? (isNull(s) ? ", not empty" : ", not '" + s.getValue() + "' (quote it)") : ""));
    }
  }

  private void bool(Node node, String what) {
    if (!(node instanceof ScalarNode s && s.isPlain() && ScalarResolver.isBool(s.getValue()))) {
      throw error(node, what + " must be true or false"
          + (node instanceof ScalarNode s2 ? ", not '" + s2.getValue() + "'" : ""));
    }
  }

  private PipelineFileException error(Node node, String problem) {
    return new PipelineFileException(file, YamlValues.line(node), problem);
  }
}
