package io.jdvc.pipeline;

import io.jdvc.object.InvalidOidException;
import io.jdvc.object.Oid;
import io.jdvc.pointer.CorruptDvcFileException;
import io.jdvc.pointer.ScalarResolver;
import io.jdvc.pointer.StrictYaml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A parsed {@code dvc.lock}, validated as strictly as DVC 3.x's {@code LOCKFILE_SCHEMA}: {@code schema: '2.0'}
 * (the string; {@code 2.0} unquoted is a float and refused as DVC refuses it), optional {@code datasets} and
 * {@code stages}, each stage {@code cmd} (required), {@code deps}, {@code params}, {@code outs}; an unknown key or a
 * wrong type is a {@link CorruptDvcFileException} with {@code file:line}.
 *
 * <p>A DVC 1.x lock (no {@code schema} key, stages at the top level) is read too, although DVC 3 refuses it since
 * 3.0 dropped the migration; {@link LockFileWriter} rewrites it as 2.0, as DVC 2.x's migration did.
 *
 * <p>Scalars are typed by YAML 1.2 as DVC's ruamel reader types them (so {@code on} is a string), and an all-digit
 * md5 stays a string. The parse also remembers where each stage's text is, so the writer can replace one stage and
 * leave every other byte alone. Immutable.
 */
public final class LockFile {
  public static final String FILE_NAME = "dvc.lock";
  public static final String SCHEMA_VERSION = "2.0";

  private static final Set<String> TOP_KEYS = Set.of("schema", "datasets", "stages");
  private static final Set<String> STAGE_KEYS = Set.of("cmd", "deps", "params", "outs");
  private static final Set<String> ENTRY_KEYS = Set.of("path", "hash", "md5", "size", "nfiles", "isexec",
      "version_id", "etag", "checksum", "cloud", "files", "dataset");
  private static final Pattern UNSIGNED = Pattern.compile("[0-9]+");

  private final String path;
  private final String text;
  private final boolean legacyFormat;
  private final List<LockedStageEntry> stages;
  private final Layout layout;

  /**
   * Where the stages are in the text, as 0-based line numbers: the {@code stages:} key line (-1 if absent), the
   * first line of each stage (its key), and the line that ends the last stage's block (the next top-level key,
   * or the line count). {@code stageColumn} is the column of the stage keys (-1 without stages).
   */
  record Layout(int stagesKeyLine, List<Integer> stageLines, int stagesEndLine, int stageColumn,
      boolean stagesIsFlow) {}

  /** The layout of a file with no content (compared by identity). */
  private static final Layout EMPTY_DOCUMENT = new Layout(-1, List.of(), 0, -1, false);

  private LockFile(String path, String text, boolean legacyFormat, List<LockedStageEntry> stages, Layout layout) {
    this.path = path;
    this.text = text;
    this.legacyFormat = legacyFormat;
    this.stages = List.copyOf(stages);
    this.layout = layout;
  }

  /**
   * Parses and validates a lock file.
   *
   * @param repoRelativePath the file's path, for error messages ({@code dvc.lock}, {@code sub/dvc.lock})
   * @throws CorruptDvcFileException if DVC would refuse it, naming the line
   */
  public static LockFile parse(String repoRelativePath, byte[] bytes) {
    String text = StrictYaml.utf8(bytes,
        (line, problem) -> new CorruptDvcFileException(repoRelativePath, line, problem));
    return new Reader(repoRelativePath).read(text);
  }

  /**
   * One stage written at the top level, as DVC's run cache stores it ({@code LOCK_FILE_STAGE_SCHEMA}).
   *
   * @param name the name to give the stage (the file has none)
   */
  static LockedStageEntry parseStage(String path, byte[] bytes, String name) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    return new Reader(path).singleStage(text, name);
  }

  /** The path given to {@link #parse}. */
  public String path() {
    return path;
  }

  /** Every stage, in file order. */
  public List<LockedStageEntry> stages() {
    return stages;
  }

  /** The stage named {@code name}, if the lock has it. */
  public Optional<LockedStageEntry> stage(String name) {
    return stages.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** True when the file holds nothing: no text, only comments, or {@code {}}; DVC writes such a file anew. */
  boolean emptyDocument() {
    return layout == EMPTY_DOCUMENT;
  }

  /** True for a DVC 1.x lock (no {@code schema} key). */
  public boolean legacyFormat() {
    return legacyFormat;
  }

  String text() {
    return text;
  }

  Layout layout() {
    return layout;
  }

  /** One parse: carries the file name for messages. */
  private static final class Reader {
    private final String file;

    Reader(String file) {
      this.file = file;
    }

    LockedStageEntry singleStage(String text, String name) {
      Node root = compose(text).orElseThrow(() -> new CorruptDvcFileException(file, 1, "empty"));
      return stage(name, root, mapping(root, "a stage"));
    }

    private Optional<Node> compose(String text) {
      return StrictYaml.compose(text, file, (line, problem) -> new CorruptDvcFileException(file, line, problem));
    }

    LockFile read(String text) {
      Optional<Node> root = compose(text);
      int lineCount = lineCount(text);
      if (root.isEmpty() || root.get() instanceof MappingNode m && m.getValue().isEmpty()) {
        return new LockFile(file, text, false, List.of(), EMPTY_DOCUMENT);
      }
      MappingNode top = mapping(root.get(), "dvc.lock");
      boolean hasSchema = top.getValue().stream()
          .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("schema"));
      if (!hasSchema) {
        // DVC 1.x: the top level is the stages mapping.
        return new LockFile(file, text, true, stages(top), layoutOf(top, -1, lineCount, false));
      }
      List<LockedStageEntry> stages = List.of();
      MappingNode stagesNode = null;
      int stagesKeyLine = -1;
      int stagesEnd = lineCount;
      List<NodeTuple> tuples = entries(top, TOP_KEYS, "the top level");
      for (int i = 0; i < tuples.size(); i++) {
        NodeTuple t = tuples.get(i);
        String key = ((ScalarNode) t.getKeyNode()).getValue();
        switch (key) {
          case "schema" -> {
            Node v = t.getValueNode();
            if (!(v instanceof ScalarNode s) || s.isPlain() || !s.getValue().equals(SCHEMA_VERSION)) {
              throw error(v, "invalid schema version (expected '2.0', quoted)");
            }
          }
          case "stages" -> {
            stagesKeyLine = line(t.getKeyNode());
            if (i + 1 < tuples.size()) {
              stagesEnd = line(tuples.get(i + 1).getKeyNode());
            }
            Node v = t.getValueNode();
            if (v instanceof ScalarNode s && s.isPlain() && ScalarResolver.isNull(s.getValue())) {
              continue;
            }
            stagesNode = mapping(v, "'stages'");
            stages = stages(stagesNode);
          }
          case "datasets" -> {
            // Any value: DVC's schema says object.
          }
          default -> throw new AssertionError(key);
        }
      }
      Layout layout = stagesNode == null
          ? new Layout(stagesKeyLine, List.of(), stagesEnd, -1, false)
          : layoutOf(stagesNode, stagesKeyLine, stagesEnd, stagesNode.getFlowStyle().name().equals("FLOW"));
      return new LockFile(file, text, false, stages, layout);
    }

    private Layout layoutOf(MappingNode stagesNode, int stagesKeyLine, int stagesEnd, boolean flow) {
      List<Integer> lines = new ArrayList<>();
      int column = -1;
      for (NodeTuple t : stagesNode.getValue()) {
        lines.add(line(t.getKeyNode()));
        column = t.getKeyNode().getStartMark().map(Mark::getColumn).orElse(-1);
      }
      return new Layout(stagesKeyLine, lines, stagesEnd, column, flow);
    }

    private List<LockedStageEntry> stages(MappingNode node) {
      List<LockedStageEntry> out = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (NodeTuple t : node.getValue()) {
        String name = keyString(t.getKeyNode(), "a stage name");
        if (!seen.add(name)) {
          throw error(t.getKeyNode(), "duplicate stage '" + name + "'");
        }
        out.add(stage(name, t.getKeyNode(), mapping(t.getValueNode(), "stage '" + name + "'")));
      }
      return out;
    }

    private LockedStageEntry stage(String name, Node keyNode, MappingNode node) {
      Object cmd = null;
      List<LockEntry> deps = List.of();
      List<LockEntry> outs = List.of();
      Map<String, Map<String, Object>> params = Map.of();
      String where = "stage '" + name + "'";
      for (NodeTuple t : entries(node, STAGE_KEYS, where)) {
        String key = ((ScalarNode) t.getKeyNode()).getValue();
        Node v = t.getValueNode();
        switch (key) {
          case "cmd" -> {
            if (v instanceof SequenceNode) {
              cmd = raw(v);
            } else {
              cmd = string(v, "cmd");
            }
          }
          case "deps" -> deps = lockEntries(v, "deps");
          case "outs" -> outs = lockEntries(v, "outs");
          case "params" -> params = params(v);
          default -> throw new AssertionError(key);
        }
      }
      if (cmd == null) {
        throw error(keyNode, where + " has no 'cmd'");
      }
      return new LockedStageEntry(name, cmd, deps, params, outs);
    }

    private Map<String, Map<String, Object>> params(Node node) {
      Map<String, Map<String, Object>> out = new LinkedHashMap<>();
      for (NodeTuple t : mapping(node, "'params'").getValue()) {
        String paramsFile = keyString(t.getKeyNode(), "a params file name");
        Map<String, Object> values = new LinkedHashMap<>();
        for (NodeTuple kv : mapping(t.getValueNode(), "params of '" + paramsFile + "'").getValue()) {
          values.put(keyString(kv.getKeyNode(), "a param name"), raw(kv.getValueNode()));
        }
        out.put(paramsFile, values);
      }
      return out;
    }

    private List<LockEntry> lockEntries(Node node, String key) {
      if (!(node instanceof SequenceNode seq)) {
        throw error(node, "'" + key + "' must be a list");
      }
      List<LockEntry> out = new ArrayList<>();
      for (Node item : seq.getValue()) {
        out.add(lockEntry(mapping(item, "an entry of '" + key + "'")));
      }
      return out;
    }

    private LockEntry lockEntry(MappingNode node) {
      Map<String, Node> f = new LinkedHashMap<>();
      for (NodeTuple t : entries(node, ENTRY_KEYS, "an entry")) {
        f.put(((ScalarNode) t.getKeyNode()).getValue(), t.getValueNode());
      }
      if (!f.containsKey("path")) {
        throw error(node, "entry has no 'path'");
      }
      String path = string(f.get("path"), "path");
      String hashName = f.containsKey("hash") ? string(f.get("hash"), "hash") : null;
      if (hashName != null && !hashName.equals("md5")) {
        throw error(f.get("hash"), "unsupported hash '" + hashName + "' (expected 'md5')");
      }
      Oid md5 = f.containsKey("md5") ? md5(f.get("md5"), hashName == null) : null;
      Long size = f.containsKey("size") ? count(f.get("size"), "size") : null;
      Long nfiles = f.containsKey("nfiles") ? count(f.get("nfiles"), "nfiles") : null;
      boolean isexec = f.containsKey("isexec") && bool(f.get("isexec"), "isexec");
      Map<String, Object> extra = new LinkedHashMap<>();
      for (Map.Entry<String, Node> e : f.entrySet()) {
        String k = e.getKey();
        if (!LockEntry.EXTRA_KEYS.contains(k)) {
          continue;
        }
        switch (k) {
          case "version_id", "etag", "checksum" -> extra.put(k, checksumText(e.getValue(), k));
          case "files" -> {
            if (!(e.getValue() instanceof SequenceNode)) {
              throw error(e.getValue(), "'files' must be a list");
            }
            extra.put(k, raw(e.getValue()));
          }
          default -> extra.put(k, raw(mapping(e.getValue(), "'" + k + "'")));
        }
      }
      return new LockEntry(path, hashName, md5, size, nfiles, isexec, extra);
    }

    /** Mapping entries, refusing non-scalar, unknown and duplicate keys as DVC's schema does. */
    private List<NodeTuple> entries(MappingNode node, Set<String> allowed, String where) {
      Set<String> seen = new HashSet<>();
      for (NodeTuple t : node.getValue()) {
        String k = keyString(t.getKeyNode(), "a key in " + where);
        if (!allowed.contains(k)) {
          throw error(t.getKeyNode(), "unknown key '" + k + "' in " + where);
        }
        if (!seen.add(k)) {
          throw error(t.getKeyNode(), "duplicate key '" + k + "' in " + where);
        }
      }
      return node.getValue();
    }

    private String keyString(Node node, String what) {
      if (!(node instanceof ScalarNode s) || s.isPlain() && !ScalarResolver.isString(s.getValue())) {
        throw error(node, what + " must be a string");
      }
      return s.getValue();
    }

    private MappingNode mapping(Node node, String what) {
      if (node instanceof MappingNode m) {
        return m;
      }
      throw error(node, what + " must be a mapping");
    }

    private ScalarNode scalar(Node node, String key) {
      if (node instanceof ScalarNode s) {
        return s;
      }
      throw error(node, "'" + key + "' must be a single value");
    }

    private String string(Node node, String key) {
      ScalarNode s = scalar(node, key);
      if (s.isPlain() && !ScalarResolver.isString(s.getValue())) {
        throw error(node, "'" + key + "' must be a string, not '" + s.getValue() + "'");
      }
      return s.getValue();
    }

    /** DVC's checksum schema: a string, or an int it turns into one. */
    private String checksumText(Node node, String key) {
      ScalarNode s = scalar(node, key);
      String v = s.getValue();
      if (s.isPlain() && !ScalarResolver.isString(v) && !UNSIGNED.matcher(v).matches()) {
        throw error(node, "'" + key + "' must be a string, not '" + v + "'");
      }
      return v;
    }

    private boolean bool(Node node, String key) {
      ScalarNode s = scalar(node, key);
      if (!s.isPlain() || !ScalarResolver.isBool(s.getValue())) {
        throw error(node, "'" + key + "' must be true or false, not '" + s.getValue() + "'");
      }
      return s.getValue().toLowerCase(Locale.ROOT).equals("true");
    }

    private long count(Node node, String key) {
      ScalarNode s = scalar(node, key);
      Object v = ScalarResolver.construct(s);
      if (!(v instanceof Long n)) {
        throw error(node, "'" + key + "' must be a whole number, not '" + s.getValue() + "'");
      }
      if (n < 0) {
        throw error(node, "'" + key + "' must not be negative: " + s.getValue());
      }
      return n;
    }

    private Oid md5(Node node, boolean legacy) {
      String v = checksumText(node, "md5").toLowerCase(Locale.ROOT);
      if (v.isEmpty()) {
        return null;
      }
      try {
        return Oid.parse(v, legacy);
      } catch (InvalidOidException e) {
        throw error(node, "invalid md5 '" + v + "': expected 32 hex digits, optionally followed by .dir");
      }
    }

    /** A free-form value: typed scalars, lists and maps, in document order. */
    private Object raw(Node node) {
      if (node instanceof ScalarNode s) {
        return ScalarResolver.construct(s);
      }
      if (node instanceof SequenceNode seq) {
        List<Object> list = new ArrayList<>();
        for (Node item : seq.getValue()) {
          list.add(raw(item));
        }
        return Collections.unmodifiableList(list);
      }
      Map<String, Object> map = new LinkedHashMap<>();
      for (NodeTuple t : ((MappingNode) node).getValue()) {
        String k = keyString(t.getKeyNode(), "a mapping key");
        if (map.containsKey(k)) {
          throw error(t.getKeyNode(), "duplicate key '" + k + "'");
        }
        map.put(k, raw(t.getValueNode()));
      }
      return Collections.unmodifiableMap(map);
    }

    private static int line(Node node) {
      return node.getStartMark().map(Mark::getLine).orElse(0);
    }

    private CorruptDvcFileException error(Node node, String problem) {
      return new CorruptDvcFileException(file, StrictYaml.line(node), problem);
    }
  }

  /** Lines, counting a last line without a newline. */
  static int lineCount(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    return text.isEmpty() || text.endsWith("\n") ? n : n + 1;
  }
}
