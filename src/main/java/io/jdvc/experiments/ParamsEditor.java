package io.jdvc.experiments;

import io.jdvc.JdvcException;
import io.jdvc.manifest.DirManifestCodec;
import io.jdvc.pipeline.ParamsFiles;
import io.jdvc.pointer.PythonFloat;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Applies {@code -S} overrides to one params file as {@code dvc exp run} does. A YAML file is edited in place,
 * value by value, so comments, key order and the rest of its formatting survive (DVC keeps them through ruamel's
 * round trip); a JSON file is rewritten compactly, keys in their order, as Python's {@code json.dump} writes it.
 * TOML and Python files are edited as text too ({@link TomlParamsEditor}, {@link PythonParamsEditor}).
 */
public final class ParamsEditor {
  private ParamsEditor() {}

  /**
   * The file's new bytes.
   *
   * @param existing current bytes, or null if the file does not exist (it is then created)
   * @throws JdvcException naming the override and file if a key is missing (without {@code +}) or exists (with
   *     {@code +}), or the file is malformed
   */
  public static byte[] apply(String file, byte[] existing, List<ParamOverride> overrides) {
    String lower = file.toLowerCase(Locale.ROOT);
    Map<String, Object> tree = existing == null ? new LinkedHashMap<>() : copy(ParamsFiles.parse(existing, file));
    for (ParamOverride o : overrides) {
      try {
        edit(tree, o); // validates every override before any text changes
      } catch (JdvcException e) {
        if (existing != null) {
          throw e;
        }
        throw new JdvcException(e.getMessage() + " (" + file + " does not exist)", "check the file's name, or "
            + "create it with +KEY=VALUE", e);
      }
    }
    String original = existing == null ? "" : new String(existing, StandardCharsets.UTF_8);
    if (lower.endsWith(".toml")) {
      for (ParamOverride o : overrides) {
        TomlParamsEditor.check(original, o, file);
      }
      return TomlParamsEditor.apply(original, overrides, file).getBytes(StandardCharsets.UTF_8);
    }
    if (lower.endsWith(".py")) {
      for (ParamOverride o : overrides) {
        PythonParamsEditor.check(original, o, file);
      }
      return PythonParamsEditor.apply(original, overrides, file).getBytes(StandardCharsets.UTF_8);
    }
    if (lower.endsWith(".json")) {
      StringBuilder sb = new StringBuilder();
      writeJson(tree, sb);
      return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
    String text = existing == null ? "" : new String(existing, StandardCharsets.UTF_8);
    for (ParamOverride o : overrides) {
      text = editYaml(text, o, file);
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  // ---- the tree: Hydra's struct-mode rules ----

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, deepCopy(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object deepCopy(Object v) {
    if (v instanceof Map<?, ?> m) {
      return copy((Map<String, Object>) m);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(deepCopy(x)));
      return out;
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static void edit(Map<String, Object> tree, ParamOverride o) {
    String[] parts = o.key().split("\\.");
    Object node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      Object next = child(node, parts[i]);
      if (next == ParamsFiles.MISSING && (o.action() == ParamOverride.Action.ADD
          || o.action() == ParamOverride.Action.ADD_OR_SET) && node instanceof Map<?, ?> m) {
        next = new LinkedHashMap<String, Object>();
        ((Map<String, Object>) m).put(parts[i], next);
      }
      if (next == ParamsFiles.MISSING || !(next instanceof Map || next instanceof List)) {
        throw missing(o);
      }
      node = next;
    }
    String last = parts[parts.length - 1];
    boolean exists = child(node, last) != ParamsFiles.MISSING;
    switch (o.action()) {
      case SET -> {
        if (!exists) {
          throw missing(o);
        }
      }
      case ADD -> {
        if (exists) {
          throw new JdvcException("Invalid --set-param value '" + show(o) + "': key '" + o.key()
              + "' is already in " + o.file(), "use ++" + o.key() + "=... to override it, or drop the '+'");
        }
      }
      case DELETE -> {
        if (!exists) {
          throw missing(o);
        }
      }
      default -> { }
    }
    if (node instanceof List<?> list) {
      int index = Integer.parseInt(last);
      if (o.action() == ParamOverride.Action.DELETE) {
        throw new JdvcException("Invalid --set-param value '" + show(o) + "': list items cannot be deleted",
            "delete the whole list with ~KEY or set it with KEY=[...]");
      }
      ((List<Object>) list).set(index, o.value());
    } else if (o.action() == ParamOverride.Action.DELETE) {
      ((Map<String, Object>) node).remove(last);
    } else {
      ((Map<String, Object>) node).put(last, o.value());
    }
  }

  private static Object child(Object node, String part) {
    if (node instanceof Map<?, ?> m) {
      return m.containsKey(part) ? m.get(part) : ParamsFiles.MISSING;
    }
    if (node instanceof List<?> l && part.matches("[0-9]+")) {
      int i = Integer.parseInt(part);
      return i < l.size() ? l.get(i) : ParamsFiles.MISSING;
    }
    return ParamsFiles.MISSING;
  }

  private static String show(ParamOverride o) {
    String prefix = switch (o.action()) {
      case ADD -> "+";
      case ADD_OR_SET -> "++";
      case DELETE -> "~";
      default -> "";
    };
    return prefix + o.key() + (o.valueText() == null ? "" : "=" + o.valueText());
  }

  private static JdvcException missing(ParamOverride o) {
    return new JdvcException("Invalid --set-param value '" + show(o) + "': key '" + o.key() + "' is not in "
        + o.file(), o.action() == ParamOverride.Action.DELETE ? "check the key's spelling"
            : "check the key's spelling, or add it with +" + o.key() + "=" + o.valueText());
  }

  // ---- YAML, edited as text ----

  private static String editYaml(String text, ParamOverride o, String file) {
    Node root = compose(text, file);
    String[] parts = o.key().split("\\.");
    if (root == null || root instanceof ScalarNode s && s.getValue().isEmpty()) {
      return text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + block(parts, 0, o.value(), 0);
    }
    Node parent = root;
    int depth = 0;
    while (depth < parts.length - 1) {
      Optional<Node> next = childNode(parent, parts[depth]);
      if (next.isEmpty()) {
        break;
      }
      parent = next.get();
      depth++;
    }
    if (depth < parts.length - 1) {
      return insert(text, parent, parts, depth, o.value());
    }
    String last = parts[parts.length - 1];
    if (parent instanceof MappingNode m) {
      Optional<NodeTuple> tuple = m.getValue().stream()
          .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(last)).findFirst();
      if (tuple.isEmpty()) {
        return insert(text, parent, parts, depth, o.value());
      }
      if (o.action() == ParamOverride.Action.DELETE) {
        return delete(text, tuple.get());
      }
      return replace(text, tuple.get().getValueNode(), o.value());
    }
    if (parent instanceof SequenceNode seq) {
      return replace(text, seq.getValue().get(Integer.parseInt(last)), o.value());
    }
    throw new JdvcException("cannot set '" + o.key() + "' in " + file + ": its parent is not a mapping", null);
  }

  private static Optional<Node> childNode(Node node, String part) {
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(part)) {
          return Optional.of(t.getValueNode());
        }
      }
    } else if (node instanceof SequenceNode s && part.matches("[0-9]+")) {
      int i = Integer.parseInt(part);
      if (i < s.getValue().size()) {
        return Optional.of(s.getValue().get(i));
      }
    }
    return Optional.empty();
  }

  private static Node compose(String text, String file) {
    LoadSettings settings = LoadSettings.builder().setLabel(file).build();
    Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
    return composer.getSingleNode().orElse(null);
  }

  private static int start(Node n) {
    return n.getStartMark().orElseThrow().getIndex();
  }

  private static int end(Node n) {
    return n.getEndMark().orElseThrow().getIndex();
  }

  private static String replace(String text, Node value, Object newValue) {
    int from = start(value);
    int to = end(value);
    while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
      to--;
    }
    String rendered = inline(newValue);
    if (from > 0 && text.charAt(from - 1) == ':') {
      rendered = " " + rendered;
    }
    return text.substring(0, from) + rendered + text.substring(to);
  }

  private static String delete(String text, NodeTuple tuple) {
    int from = text.lastIndexOf('\n', start(tuple.getKeyNode()) - 1) + 1;
    int to = end(tuple.getValueNode());
    if (to > 0 && text.charAt(to - 1) != '\n') {
      int nl = text.indexOf('\n', to);
      to = nl < 0 ? text.length() : nl + 1;
    }
    return text.substring(0, from) + text.substring(to);
  }

  /** Adds {@code parts[depth..]} under {@code parent}, after its last entry at the indentation of its entries. */
  private static String insert(String text, Node parent, String[] parts, int depth, Object value) {
    if (!(parent instanceof MappingNode m) || m.getValue().isEmpty()
        || m.getFlowStyle() == org.snakeyaml.engine.v2.common.FlowStyle.FLOW) {
      Map<String, Object> nested = new LinkedHashMap<>();
      if (parent instanceof MappingNode m2 && !m2.getValue().isEmpty()) {
        for (NodeTuple t : m2.getValue()) {
          nested.put(((ScalarNode) t.getKeyNode()).getValue(), new Raw(text.substring(start(t.getValueNode()),
              end(t.getValueNode()))));
        }
      }
      nested.put(parts[depth], nest(parts, depth + 1, value));
      return replace(text, parent, nested);
    }
    int indent = m.getValue().get(0).getKeyNode().getStartMark().orElseThrow().getColumn();
    NodeTuple lastEntry = m.getValue().get(m.getValue().size() - 1);
    int at = end(lastEntry.getValueNode());
    if (at > 0 && text.charAt(at - 1) != '\n') {
      int nl = text.indexOf('\n', at);
      at = nl < 0 ? text.length() : nl + 1;
    }
    String prefix = text.substring(0, at);
    if (!prefix.isEmpty() && !prefix.endsWith("\n")) {
      prefix += "\n";
    }
    return prefix + block(parts, depth, value, indent) + text.substring(at);
  }

  private static Object nest(String[] parts, int from, Object value) {
    Object v = value;
    for (int i = parts.length - 1; i >= from; i--) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(parts[i], v);
      v = m;
    }
    return v;
  }

  private static String block(String[] parts, int from, Object value, int indent) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < parts.length; i++) {
      sb.append(" ".repeat(indent + 2 * (i - from))).append(key(parts[i])).append(':');
      sb.append(i == parts.length - 1 ? " " + inline(value) + "\n" : "\n");
    }
    return sb.toString();
  }

  /** Text already in the file, carried over verbatim. */
  private record Raw(String text) {}

  private static String key(String k) {
    return k.matches("[A-Za-z_][A-Za-z0-9_-]*") ? k : quote(k);
  }

  /** A value in YAML flow form, as ruamel would write it on one line. */
  static String inline(Object v) {
    if (v instanceof Raw r) {
      return r.text();
    }
    if (v == null) {
      return "null";
    }
    if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof BigInteger) {
      return v.toString();
    }
    if (v instanceof Double d) {
      return d.isNaN() ? ".nan" : d.isInfinite() ? (d > 0 ? ".inf" : "-.inf") : PythonFloat.repr(d);
    }
    if (v instanceof List<?> l) {
      List<String> items = new ArrayList<>();
      l.forEach(x -> items.add(inline(x)));
      return "[" + String.join(", ", items) + "]";
    }
    if (v instanceof Map<?, ?> m) {
      List<String> items = new ArrayList<>();
      m.forEach((k, x) -> items.add(key(k.toString()) + ": " + inline(x)));
      return "{" + String.join(", ", items) + "}";
    }
    String s = v.toString();
    boolean plain = s.matches("[A-Za-z_][A-Za-z0-9_./-]*")
        && !s.matches("(?i)(true|false|null|yes|no|on|off|y|n|~|\\.inf|\\.nan)");
    return plain ? s : quote(s);
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  // ---- JSON, as Python's json.dump(obj, f) writes it ----

  static void writeJson(Object v, StringBuilder sb) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      sb.append(DirManifestCodec.pythonJsonString(s));
    } else if (v instanceof Double d) {
      sb.append(d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : PythonFloat.repr(d));
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        sb.append(i > 0 ? ", " : "");
        writeJson(l.get(i), sb);
      }
      sb.append(']');
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(first ? "" : ", ").append(DirManifestCodec.pythonJsonString(e.getKey().toString())).append(": ");
        writeJson(e.getValue(), sb);
        first = false;
      }
      sb.append('}');
    } else {
      sb.append(v);
    }
  }
}
