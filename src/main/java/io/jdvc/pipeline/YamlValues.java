package io.jdvc.pipeline;

import io.jdvc.pointer.ScalarResolver;
import io.jdvc.pointer.StrictYaml;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * YAML read as DVC reads it (ruamel.yaml, YAML 1.2 core schema): duplicate keys refused, plain scalars typed
 * ({@code 0.20} a {@link Double}, {@code 12} a {@link Long} or {@link BigInteger}, {@code yes} a string,
 * {@code ~} null), quoted scalars always strings, mappings as ordered {@code Map<String, Object>}.
 */
final class YamlValues {
  private YamlValues() {}

  /** Decodes strict UTF-8, naming the file on failure. */
  static String utf8(byte[] bytes, String file) {
    return StrictYaml.utf8(bytes, problems(file));
  }

  /** The node tree of a document (empty for an empty file), every scalar untyped; errors name {@code file:line}. */
  static Optional<Node> compose(String text, String file) {
    return compose(text, file, true);
  }

  /** As {@link #compose(String, String)}; without {@code expandMerges} the tree is as written, for editing. */
  static Optional<Node> compose(String text, String file, boolean expandMerges) {
    Optional<Node> root = StrictYaml.compose(text, file, problems(file));
    if (expandMerges) {
      root.ifPresent(n -> expandMergeKeys(n, new java.util.HashSet<>(), file));
    }
    return root;
  }

  private static StrictYaml.Problems problems(String file) {
    return (line, problem) -> new PipelineFileException(file, line, problem);
  }

  /**
   * Applies YAML merge keys ({@code <<: *defaults}, {@code <<: [*a, *b]}), which ruamel's loaders honour: the
   * referenced mappings' entries join the mapping unless it sets the key itself (earlier sources win).
   */
  private static void expandMergeKeys(Node node, java.util.Set<Node> done, String file) {
    if (!done.add(node)) {
      return;
    }
    if (node instanceof SequenceNode seq) {
      seq.getValue().forEach(n -> expandMergeKeys(n, done, file));
      return;
    }
    if (!(node instanceof MappingNode m)) {
      return;
    }
    List<NodeTuple> own = new ArrayList<>();
    List<MappingNode> sources = new ArrayList<>();
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.isPlain() && k.getValue().equals("<<")) {
        Node v = t.getValueNode();
        List<Node> refs = v instanceof SequenceNode s ? s.getValue() : List.of(v);
        for (Node r : refs) {
          if (!(r instanceof MappingNode rm)) {
            throw new PipelineFileException(file, line(r), "a merge key ('<<') must refer to mappings");
          }
          expandMergeKeys(rm, done, file);
          sources.add(rm);
        }
      } else {
        own.add(t);
      }
    }
    if (!sources.isEmpty()) {
      java.util.Set<String> keys = new java.util.HashSet<>();
      own.forEach(t -> keys.add(t.getKeyNode() instanceof ScalarNode k ? k.getValue() : ""));
      List<NodeTuple> merged = new ArrayList<>(own);
      for (MappingNode src : sources) {
        for (NodeTuple t : src.getValue()) {
          if (t.getKeyNode() instanceof ScalarNode k && keys.add(k.getValue())) {
            merged.add(t);
          }
        }
      }
      m.setValue(merged);
    }
    m.getValue().forEach(t -> expandMergeKeys(t.getValueNode(), done, file));
  }

  /** Parses a whole YAML document into values; an empty document is null. */
  static Object load(String text, String file) {
    return compose(text, file).map(n -> value(n, file)).orElse(null);
  }

  static int line(Node node) {
    return StrictYaml.line(node);
  }

  /** A node as values: Map (ordered), List, String, Long/BigInteger, Double, Boolean or null. */
  static Object value(Node node, String file) {
    if (node instanceof ScalarNode s) {
      // Timestamps stay strings here, as text for templating and params comparison.
      return s.isPlain() ? ScalarResolver.construct(s.getValue(), false) : s.getValue();
    }
    if (node instanceof SequenceNode seq) {
      List<Object> list = new ArrayList<>();
      for (Node item : seq.getValue()) {
        list.add(value(item, file));
      }
      return Collections.unmodifiableList(list);
    }
    MappingNode m = (MappingNode) node;
    Map<String, Object> map = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw new PipelineFileException(file, line(t.getKeyNode()), "a mapping key must be a single value");
      }
      if (map.containsKey(k.getValue())) {
        throw new PipelineFileException(file, line(k), "duplicate key '" + k.getValue() + "'");
      }
      map.put(k.getValue(), value(t.getValueNode(), file));
    }
    return Collections.unmodifiableMap(map);
  }

  /** A Long when it fits, as Python ints are unbounded. */
  static Object normalize(BigInteger v) {
    return v.bitLength() < 64 ? (Object) v.longValue() : v;
  }
}
