package io.jdvc.pipeline;

import io.jdvc.JdvcException;
import io.jdvc.pointer.PlainScalar;
import io.jdvc.pointer.YamlEmitter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Edits a {@code dvc.yaml} the way {@code dvc stage add}, {@code dvc freeze}/{@code unfreeze} and
 * {@code dvc remove} change it, touching only the stage concerned: every other byte (comments, other stages'
 * formatting) stays as it was. A new stage is written as DVC's {@code to_pipeline_file} builds it and ruamel dumps
 * it (key order {@code desc, cmd, wdir, deps, params, outs, metrics, plots, frozen, always_changed, meta}, deps and
 * outputs sorted by path, sequences' dashes at their key's column), indented like the file's other stages.
 * DVC re-dumps the whole file through ruamel, which re-indents hand-written lists; jdvc deliberately does not.
 * Stateless and thread-safe.
 */
public final class PipelineFileEditor {
  private static final String STAGES = "stages";

  /**
   * The file with {@code stage} added, or replacing the stage of that name when {@code force} (keeping the order of
   * the keys the old entry had, new keys after them, as DVC's {@code apply_diff} does).
   *
   * @param existing the current bytes, or null when there is no file yet
   * @throws JdvcException if the stage exists and {@code force} is false
   */
  public byte[] addStage(byte[] existing, Stage stage, boolean force) {
    return putEntry(existing, stage.dvcFile(), STAGES, stage.name(), toPipelineEntry(stage), force, "stage");
  }

  /**
   * The file with an artifact declared under {@code artifacts:} (added at the end of the file when there is no
   * such section), as DVC's {@code Artifacts.add} writes it: keys {@code path, desc, type, labels, meta}, empty
   * ones left out. An existing declaration of that name is replaced only when {@code force}.
   */
  public byte[] addArtifact(byte[] existing, String dvcFile, String name, Map<String, Object> declaration,
      boolean force) {
    return putEntry(existing, dvcFile, "artifacts", name, declaration, force, "artifact");
  }

  private byte[] putEntry(byte[] existing, String dvcFile, String section, String name, Map<String, Object> entry,
      boolean force, String what) {
    Doc doc = Doc.parse(existing, dvcFile);
    if (doc.root == null) {
      String prefix = doc.text.isEmpty() || doc.text.endsWith("\n") ? doc.text : doc.text + "\n";
      return bytes(prefix + YamlEmitter.document(Map.of(section, Map.of(name, entry))));
    }
    Optional<NodeTuple> sectionTuple = doc.tuple(doc.root, section);
    if (sectionTuple.isEmpty()) {
      String prefix = doc.text.endsWith("\n") ? doc.text : doc.text + "\n";
      return bytes(prefix + section + ":\n" + doc.block(section, name, entry, 2));
    }
    Node sectionValue = sectionTuple.get().getValueNode();
    if (!(sectionValue instanceof MappingNode m) || m.getValue().isEmpty()) {
      // "stages:" with nothing, or "stages: {}": the entry becomes its first
      int colon = doc.text.indexOf(':', doc.end(sectionTuple.get().getKeyNode()));
      int lineEnd = doc.lineEnd(colon);
      return bytes(doc.text.substring(0, colon + 1) + "\n" + doc.block(section, name, entry, 2)
          + doc.text.substring(lineEnd));
    }
    doc.requireBlock(m);
    int indent = m.getValue().get(0).getKeyNode().getStartMark().orElseThrow().getColumn();
    Optional<NodeTuple> old = doc.tuple(m, name);
    if (old.isPresent()) {
      if (!force) {
        throw new JdvcException(what + " '" + name + "' already exists in '" + dvcFile + "'",
            "use -f/--force to overwrite it");
      }
      Map<String, Object> ordered = new LinkedHashMap<>();
      if (old.get().getValueNode() instanceof MappingNode oldEntry) {
        for (NodeTuple t : oldEntry.getValue()) {
          String k = ((ScalarNode) t.getKeyNode()).getValue();
          if (entry.containsKey(k)) {
            ordered.put(k, entry.get(k));
          }
        }
      }
      entry.forEach(ordered::putIfAbsent);
      int start = doc.lineStart(doc.start(old.get().getKeyNode()));
      int end = doc.entryEnd(old.get());
      return bytes(doc.text.substring(0, start) + doc.block(section, name, ordered, indent)
          + doc.text.substring(end));
    }
    int end = doc.entryEnd(m.getValue().get(m.getValue().size() - 1));
    String before = doc.text.substring(0, end);
    if (!before.endsWith("\n")) {
      before += "\n";
    }
    return bytes(before + doc.block(section, name, entry, indent) + doc.text.substring(end));
  }

  /**
   * Sets or clears {@code frozen: true} on a stage, as {@code dvc freeze}/{@code unfreeze} do (unfreezing removes
   * the key). Returns the bytes unchanged when there is nothing to do.
   *
   * @throws JdvcException if the stage does not exist, or is generated by foreach/matrix or templated (DVC refuses
   *     to dump a parametrized stage)
   */
  public byte[] setFrozen(byte[] existing, String dvcFile, String stageName, boolean frozen) {
    Doc doc = Doc.parse(existing, dvcFile);
    NodeTuple entry = doc.stage(stageName, frozen ? "freeze" : "unfreeze");
    if (!(entry.getValueNode() instanceof MappingNode stage)) {
      throw new PipelineFileException(dvcFile, YamlValues.line(entry.getValueNode()), "stage '" + stageName
          + "' must be a mapping");
    }
    doc.requireBlock(stage);
    if (doc.tuple(stage, "foreach").isPresent() || doc.tuple(stage, "matrix").isPresent()
        || Interpolation.isInterpolatedTree(YamlValues.value(stage, dvcFile))) {
      throw parametrized(stageName, dvcFile, frozen ? "freeze" : "unfreeze");
    }
    Optional<NodeTuple> key = doc.tuple(stage, "frozen");
    if (frozen) {
      if (key.isPresent()) {
        Node v = key.get().getValueNode();
        if (v instanceof ScalarNode s && s.getValue().equalsIgnoreCase("true")) {
          return existing;
        }
        return bytes(doc.text.substring(0, doc.start(v)) + "true" + doc.text.substring(doc.end(v)));
      }
      int indent = stage.getValue().get(0).getKeyNode().getStartMark().orElseThrow().getColumn();
      int end = doc.entryEnd(entry);
      String before = doc.text.substring(0, end);
      if (!before.endsWith("\n")) {
        before += "\n";
      }
      return bytes(before + " ".repeat(indent) + "frozen: true\n" + doc.text.substring(end));
    }
    if (key.isEmpty()) {
      return existing;
    }
    int start = doc.lineStart(doc.start(key.get().getKeyNode()));
    return bytes(doc.text.substring(0, start) + doc.text.substring(doc.entryEnd(key.get())));
  }

  /**
   * The file without the stage, or null when it was the last one: DVC then deletes the whole file.
   *
   * @throws JdvcException if the stage does not exist or belongs to a foreach/matrix group
   */
  public byte[] removeStage(byte[] existing, String dvcFile, String stageName) {
    Doc doc = Doc.parse(existing, dvcFile);
    NodeTuple entry = doc.stage(stageName, "remove");
    MappingNode stages = (MappingNode) doc.tuple(doc.root, STAGES).orElseThrow().getValueNode();
    if (stages.getValue().size() == 1) {
      return null;
    }
    int start = doc.lineStart(doc.start(entry.getKeyNode()));
    return bytes(doc.text.substring(0, start) + doc.text.substring(doc.entryEnd(entry)));
  }

  /** DVC's ParametrizedDumpError: a stage foreach/matrix generates (or a templated one) is edited by hand. */
  private static JdvcException parametrized(String name, String file, String action) {
    return new JdvcException("cannot " + action + " a parametrized stage '" + name + "' in '" + file + "'",
        action.endsWith("freeze") ? "set 'frozen' in " + file + " by hand"
            : "edit the foreach/matrix entry that generates it in " + file + " by hand");
  }

  /**
   * The {@code dvc.yaml} entry DVC writes for a stage ({@code dvc/stage/serialize.py::to_pipeline_file}): falsy
   * values dropped, deps and outputs sorted by path, params of {@code params.yaml} first as bare keys.
   */
  public static Map<String, Object> toPipelineEntry(Stage stage) {
    Map<String, Object> m = new LinkedHashMap<>();
    putIfPresent(m, "desc", stage.desc());
    m.put("cmd", stage.cmdIsList() ? List.copyOf(stage.cmd()) : stage.cmd().get(0));
    String wdir = relative(stage.dvcFileDir(), stage.wdir());
    putIfPresent(m, "wdir", wdir.equals(".") ? null : wdir);
    List<String> deps = new ArrayList<>(stage.deps());
    deps.sort(Comparator.naturalOrder());
    putIfPresent(m, "deps", deps);
    putIfPresent(m, "params", params(stage.params()));
    List<StageOutput> outs = new ArrayList<>(stage.outs());
    outs.sort(Comparator.comparing(StageOutput::path));
    for (StageOutput.Kind kind : StageOutput.Kind.values()) {
      putIfPresent(m, kind.key(), outs.stream().filter(o -> o.kind() == kind).map(PipelineFileEditor::output)
          .toList());
    }
    if (stage.frozen()) {
      m.put("frozen", true);
    }
    if (stage.alwaysChanged()) {
      m.put("always_changed", true);
    }
    putIfPresent(m, "meta", emittable(stage.meta()));
    return m;
  }

  private static List<Object> params(List<ParamsDependency> params) {
    List<Object> keys = new ArrayList<>();
    List<ParamsDependency> sorted = new ArrayList<>(params);
    sorted.sort(Comparator.comparing(ParamsDependency::file));
    for (ParamsDependency p : sorted) {
      List<String> k = p.keys() == null ? List.of() : p.keys().stream().sorted().toList();
      if (!k.isEmpty() && p.file().equals(ParamsDependency.DEFAULT_FILE)) {
        List<Object> merged = new ArrayList<>(k);
        merged.addAll(keys);
        keys = merged;
      } else {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(p.file(), k.isEmpty() ? new PlainScalar("") : k);
        keys.add(one);
      }
    }
    return keys;
  }

  private static Object output(StageOutput o) {
    Map<String, Object> flags = new LinkedHashMap<>();
    putIfPresent(flags, "desc", o.desc());
    putIfPresent(flags, "type", o.type());
    putIfPresent(flags, "labels", o.labels());
    putIfPresent(flags, "meta", emittable(o.meta()));
    if (!o.cache()) {
      flags.put("cache", false);
    }
    if (o.persist()) {
      flags.put("persist", true);
    }
    if (o.plotOptions() != null) {
      o.plotOptions().forEach((k, v) -> flags.put(k, emittable(v)));
    }
    putIfPresent(flags, "remote", o.remote());
    if (Boolean.FALSE.equals(o.push())) {
      flags.put("push", false);
    }
    if (flags.isEmpty()) {
      return o.path();
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put(o.path(), flags);
    return entry;
  }

  /** A loaded value as the emitter takes it: numbers and nulls as the plain scalars ruamel writes. */
  static Object emittable(Object v) {
    if (v == null) {
      return null;
    } else if (v instanceof Double d) {
      return new PlainScalar(PythonRepr.yamlFloat(d));
    } else if (v instanceof BigInteger b) {
      return new PlainScalar(b.toString());
    } else if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), x == null ? new PlainScalar("") : emittable(x)));
      return out;
    } else if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(x == null ? new PlainScalar("") : emittable(x)));
      return out;
    }
    return v;
  }

  /** DVC drops falsy values: null, "", empty lists and maps, false. */
  private static void putIfPresent(Map<String, Object> m, String key, Object value) {
    if (value == null || value instanceof String s && s.isEmpty() || value instanceof List<?> l && l.isEmpty()
        || value instanceof Map<?, ?> mm && mm.isEmpty() || Boolean.FALSE.equals(value)) {
      return;
    }
    m.put(key, value);
  }

  /** {@code target} relative to {@code base} (both repo-relative), "." when equal. */
  static String relative(String base, String target) {
    List<String> b = base.isEmpty() ? List.of() : List.of(base.split("/"));
    List<String> t = target.isEmpty() ? List.of() : List.of(target.split("/"));
    int common = 0;
    while (common < b.size() && common < t.size() && b.get(common).equals(t.get(common))) {
      common++;
    }
    List<String> parts = new ArrayList<>();
    for (int i = common; i < b.size(); i++) {
      parts.add("..");
    }
    parts.addAll(t.subList(common, t.size()));
    return parts.isEmpty() ? "." : String.join("/", parts);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The text and node tree of one file, with offsets in UTF-16 units. */
  private static final class Doc {
    final String text;
    final String file;
    final MappingNode root;

    private Doc(String text, String file, MappingNode root) {
      this.text = text;
      this.file = file;
      this.root = root;
    }

    static Doc parse(byte[] bytes, String file) {
      String text = bytes == null ? "" : YamlValues.utf8(bytes, file);
      Optional<Node> root = YamlValues.compose(text, file, false);
      if (root.isEmpty()) {
        return new Doc(text, file, null);
      }
      PipelineSchema.validate(YamlValues.compose(text, file, true).orElseThrow(), file);
      Doc doc = new Doc(text, file, (MappingNode) root.get());
      doc.requireBlock(doc.root);
      return doc;
    }

    void requireBlock(Node node) {
      if (node instanceof MappingNode m && m.getFlowStyle() == FlowStyle.FLOW
          || node instanceof SequenceNode s && s.getFlowStyle() == FlowStyle.FLOW) {
        throw new PipelineFileException(file, YamlValues.line(node), "jdvc edits only block-style YAML here; edit this part by hand");
      }
    }

    NodeTuple stage(String name, String action) {
      Optional<NodeTuple> stages = root == null ? Optional.empty() : tuple(root, STAGES);
      if (stages.isPresent() && stages.get().getValueNode() instanceof MappingNode m) {
        Optional<NodeTuple> t = tuple(m, name);
        if (t.isPresent()) {
          return t.get();
        }
        String group = name.contains("@") ? name.substring(0, name.lastIndexOf('@')) : null;
        if (group != null && tuple(m, group).isPresent()) {
          throw parametrized(name, file, action);
        }
      }
      throw new JdvcException("stage '" + name + "' not found in '" + file + "'",
          "list the stages with 'jdvc stage list'");
    }

    Optional<NodeTuple> tuple(MappingNode m, String key) {
      return m.getValue().stream()
          .filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key))
          .findFirst();
    }

    int start(Node n) {
      return text.offsetByCodePoints(0, n.getStartMark().orElseThrow().getIndex());
    }

    int end(Node n) {
      return text.offsetByCodePoints(0, n.getEndMark().orElseThrow().getIndex());
    }

    int lineStart(int offset) {
      return text.lastIndexOf('\n', offset - 1) + 1;
    }

    /** The offset just past the line break of the line holding {@code offset} (or the end of the text). */
    int lineEnd(int offset) {
      int nl = text.indexOf('\n', offset);
      return nl < 0 ? text.length() : nl + 1;
    }

    /** Where a mapping entry's text ends: past the line of its last scalar (or flow collection). */
    int entryEnd(NodeTuple t) {
      return lineEnd(Math.max(end(t.getKeyNode()), lastLeafEnd(t.getValueNode())) - 1);
    }

    private int lastLeafEnd(Node n) {
      if (n instanceof MappingNode m && m.getFlowStyle() == FlowStyle.BLOCK && !m.getValue().isEmpty()) {
        int max = 0;
        for (NodeTuple t : m.getValue()) {
          max = Math.max(max, Math.max(end(t.getKeyNode()), lastLeafEnd(t.getValueNode())));
        }
        return max;
      }
      if (n instanceof SequenceNode s && s.getFlowStyle() == FlowStyle.BLOCK && !s.getValue().isEmpty()) {
        return lastLeafEnd(s.getValue().get(s.getValue().size() - 1));
      }
      return end(n);
    }

    /** One entry as ruamel writes it under {@code section:}, its name at column {@code indent}. */
    String block(String section, String name, Map<String, Object> entry, int indent) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put(name, entry);
      String doc = YamlEmitter.document(Map.of(section, one));
      String body = doc.substring(doc.indexOf('\n') + 1);
      if (indent == 2) {
        return body;
      }
      StringBuilder b = new StringBuilder();
      for (String line : body.split("\n", -1)) {
        if (line.isEmpty()) {
          b.append('\n');
          continue;
        }
        b.append(indent > 2 ? " ".repeat(indent - 2) + line : line.substring(Math.min(2 - indent,
            line.length() - line.stripLeading().length()))).append('\n');
      }
      return b.substring(0, b.length() - 1);
    }
  }
}
