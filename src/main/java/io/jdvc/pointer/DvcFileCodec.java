package io.jdvc.pointer;

import io.jdvc.AtomicFiles;
import io.jdvc.object.Oid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads and writes {@code .dvc} files exactly as DVC 3.x does.
 *
 * <p>Reading follows DVC's schema ({@code SINGLE_STAGE_SCHEMA} and {@code output.SCHEMA}) strictly: an unknown key,
 * a wrong type, an invalid md5, a negative size, a missing, absolute or {@code ..} path all raise
 * {@link CorruptDvcFileException} naming the file and line. Scalars are typed by YAML 1.2 rules, as DVC's ruamel
 * reader does, so {@code path: on} is a string and an all-digit md5 stays a string.
 *
 * <p>Writing produces ruamel's bytes with DVC's key order, so {@code write(parse(x)).equals(x)} for every file DVC
 * wrote (and for any file DVC would leave unchanged when re-dumping it). Stateless and thread-safe.
 */
public final class DvcFileCodec {
  private static final Set<String> TOP_KEYS =
      Set.of("md5", "wdir", "deps", "outs", "locked", "frozen", "meta", "always_changed", "desc");
  private static final Set<String> OUT_KEYS = Set.of("md5", "etag", "checksum", "hash", "size", "nfiles",
      "isexec", "version_id", "path", "desc", "type", "labels", "meta", "cache", "persist", "remote", "push",
      "cloud", "files", "fs_config");
  private static final Pattern UNSIGNED = Pattern.compile("[0-9]+");
  private static final Pattern SIGNED = Pattern.compile("[-+][0-9]+");

  /** Reads and validates a {@code .dvc} file; the path as given is used in error messages. */
  public DvcFile read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text = StrictYaml.utf8(bytes,
        (line, problem) -> new CorruptDvcFileException(file.toString(), line, problem));
    return parse(text, file.toString());
  }

  /** Parses and validates {@code .dvc} text; {@code fileNameForMessages} prefixes every error message. */
  public DvcFile parse(String text, String fileNameForMessages) {
    DvcFile fast = CanonicalPointer.tryParse(text);
    if (fast != null && write(fast).equals(text)) {
      return fast;
    }
    return new Reader(fileNameForMessages).file(text);
  }

  /** The exact bytes (as UTF-8 text) DVC writes for this file. */
  public String write(DvcFile dvcFile) {
    Map<String, Object> top = new LinkedHashMap<>();
    putIfPresent(top, "desc", dvcFile.desc());
    putIfPresent(top, "md5", dvcFile.md5());
    putIfPresent(top, "wdir", dvcFile.wdir());
    if (dvcFile.frozen()) {
      top.put("frozen", true);
    }
    if (dvcFile.locked()) {
      top.put("locked", true);
    }
    putIfPresent(top, "deps", dvcFile.deps());
    if (!dvcFile.outs().isEmpty()) {
      List<Object> outs = new ArrayList<>();
      for (Output o : dvcFile.outs()) {
        outs.add(outputMap(o));
      }
      top.put("outs", outs);
    }
    if (dvcFile.alwaysChanged()) {
      top.put("always_changed", true);
    }
    putIfPresent(top, "meta", dvcFile.meta());
    return YamlEmitter.document(top);
  }

  /**
   * Writes {@code dvcFile} to {@code file} atomically unless the file already holds the same content (as parsed),
   * which is how DVC avoids touching unchanged pointer files. Returns true if the file was written. An existing
   * file that cannot be parsed is replaced.
   */
  public boolean writeIfChanged(Path file, DvcFile dvcFile) throws IOException {
    try {
      if (read(file).equals(dvcFile)) {
        return false;
      }
    } catch (NoSuchFileException | CorruptDvcFileException e) {
      // Nothing usable there: write a fresh one.
    }
    AtomicFiles.write(file, write(dvcFile).getBytes(StandardCharsets.UTF_8));
    return true;
  }

  private static Map<String, Object> outputMap(Output o) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (o.md5() != null) {
      m.put("md5", o.md5().value());
    }
    putIfPresent(m, "size", o.size());
    putIfPresent(m, "nfiles", o.nfiles());
    if (o.isexec()) {
      m.put("isexec", true);
    }
    putIfPresent(m, "version_id", o.versionId());
    putIfPresent(m, "etag", o.etag());
    putIfPresent(m, "checksum", o.checksum());
    putIfPresent(m, "hash", o.hashName());
    m.put("path", o.path());
    putIfPresent(m, "desc", o.desc());
    putIfPresent(m, "type", o.type());
    putIfPresent(m, "labels", o.labels());
    putIfPresent(m, "meta", o.meta());
    if (Boolean.FALSE.equals(o.cache())) {
      m.put("cache", false);
    }
    if (o.persist()) {
      m.put("persist", true);
    }
    putIfPresent(m, "remote", o.remote());
    if (Boolean.FALSE.equals(o.push())) {
      m.put("push", false);
    }
    putIfPresent(m, "cloud", o.cloud());
    putIfPresent(m, "files", o.files());
    putIfPresent(m, "fs_config", o.fsConfig());
    return m;
  }

  /** DVC drops falsy values when dumping: null, empty strings, empty lists and maps. */
  private static void putIfPresent(Map<String, Object> m, String key, Object value) {
    if (value == null || value instanceof String s && s.isEmpty() || value instanceof List<?> l && l.isEmpty()
        || value instanceof Map<?, ?> mm && mm.isEmpty()) {
      return;
    }
    m.put(key, value);
  }

  /** One parse: carries the file name for messages. */
  private static final class Reader {
    private final String file;

    Reader(String file) {
      this.file = file;
    }

    DvcFile file(String text) {
      Optional<Node> root = StrictYaml.compose(text, file, this::problem);
      if (root.isEmpty()) {
        return DvcFile.of(List.of());
      }
      MappingNode top = mapping(root.get(), "a .dvc file");
      List<Output> outs = List.of();
      String desc = null;
      String md5 = null;
      String wdir = null;
      boolean frozen = false;
      boolean locked = false;
      List<Object> deps = null;
      boolean alwaysChanged = false;
      Object meta = null;
      for (NodeTuple t : entries(top, TOP_KEYS, "top level")) {
        String key = ((ScalarNode) t.getKeyNode()).getValue();
        Node v = t.getValueNode();
        switch (key) {
          case "outs" -> outs = outputs(v);
          case "desc" -> desc = string(v, key);
          case "md5" -> md5 = string(v, key);
          case "wdir" -> wdir = string(v, key);
          case "frozen" -> frozen = bool(v, key);
          case "locked" -> locked = bool(v, key);
          case "always_changed" -> alwaysChanged = bool(v, key);
          case "deps" -> {
            @SuppressWarnings("unchecked") List<Object> d = (List<Object>) raw(sequence(v, key));
            deps = d;
          }
          case "meta" -> meta = raw(v);
          default -> throw new AssertionError(key);
        }
      }
      return new DvcFile(outs, desc, md5, wdir, frozen, locked, deps, alwaysChanged, meta);
    }

    private List<Output> outputs(Node node) {
      List<Output> outs = new ArrayList<>();
      for (Node item : sequence(node, "outs").getValue()) {
        outs.add(output(mapping(item, "an entry of outs")));
      }
      return outs;
    }

    private Output output(MappingNode node) {
      Map<String, Node> f = new LinkedHashMap<>();
      for (NodeTuple t : entries(node, OUT_KEYS, "an output")) {
        f.put(((ScalarNode) t.getKeyNode()).getValue(), t.getValueNode());
      }
      if (!f.containsKey("path")) {
        throw error(node, "output has no 'path'");
      }
      Node pathNode = f.get("path");
      String path = string(pathNode, "path");
      String pathProblem = Output.pathProblem(path);
      if (pathProblem != null) {
        throw error(pathNode, "path '" + path + "' " + pathProblem);
      }
      String hashName = optString(f, "hash");
      if (hashName != null && !hashName.equals(Output.MD5)) {
        throw error(f.get("hash"), "unsupported hash '" + hashName + "' (expected 'md5')");
      }
      Oid md5 = f.containsKey("md5") ? md5(f.get("md5"), hashName == null) : null;
      Long size = f.containsKey("size") ? count(f.get("size"), "size") : null;
      Long nfiles = f.containsKey("nfiles") ? count(f.get("nfiles"), "nfiles") : null;
      boolean isexec = f.containsKey("isexec") && bool(f.get("isexec"), "isexec");
      List<String> labels = null;
      if (f.containsKey("labels")) {
        labels = new ArrayList<>();
        for (Node l : sequence(f.get("labels"), "labels").getValue()) {
          labels.add(string(l, "labels"));
        }
      }
      Boolean cache = f.containsKey("cache") ? bool(f.get("cache"), "cache") : null;
      boolean persist = f.containsKey("persist") && bool(f.get("persist"), "persist");
      Boolean push = f.containsKey("push") ? bool(f.get("push"), "push") : null;
      Object cloud = f.containsKey("cloud") ? raw(mapping(f.get("cloud"), "cloud")) : null;
      Object files = f.containsKey("files") ? raw(sequence(f.get("files"), "files")) : null;
      Object fsConfig = f.containsKey("fs_config") ? raw(mapping(f.get("fs_config"), "fs_config")) : null;
      return new Output(path, md5, size, nfiles, isexec, hashName, optString(f, "etag"), optString(f, "checksum"),
          optString(f, "version_id"), optString(f, "desc"), optString(f, "type"), labels,
          f.containsKey("meta") ? raw(f.get("meta")) : null, cache, persist, optString(f, "remote"), push, cloud,
          files, fsConfig);
    }

    /** Mapping entries, refusing non-scalar, unknown and duplicate keys as DVC's schema does. */
    private List<NodeTuple> entries(MappingNode node, Set<String> allowed, String where) {
      Set<String> seen = new java.util.HashSet<>();
      for (NodeTuple t : node.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k)) {
          throw error(t.getKeyNode(), "a key in " + where + " must be a string");
        }
        if (!allowed.contains(k.getValue())) {
          throw error(k, "unknown key '" + k.getValue() + "' in " + where);
        }
        if (!seen.add(k.getValue())) {
          throw error(k, "duplicate key '" + k.getValue() + "' in " + where);
        }
      }
      return node.getValue();
    }

    private String optString(Map<String, Node> f, String key) {
      return f.containsKey(key) ? string(f.get(key), key) : null;
    }

    private MappingNode mapping(Node node, String what) {
      if (node instanceof MappingNode m) {
        return m;
      }
      throw error(node, what + " must be a mapping");
    }

    private SequenceNode sequence(Node node, String key) {
      if (node instanceof SequenceNode s) {
        return s;
      }
      throw error(node, "'" + key + "' must be a list");
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
        throw error(node, "'" + key + "' must be a string, not " + describe(s.getValue()));
      }
      return s.getValue();
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
      String v = s.getValue();
      if (s.isPlain() && SIGNED.matcher(v).matches() && v.startsWith("-")) {
        throw error(node, "'" + key + "' must not be negative: " + v);
      }
      if (!s.isPlain() || !(UNSIGNED.matcher(v).matches() || SIGNED.matcher(v).matches())) {
        throw error(node, "'" + key + "' must be a whole number, not '" + v + "'");
      }
      try {
        return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
      } catch (NumberFormatException e) {
        throw error(node, "'" + key + "' is too large: " + v);
      }
    }

    private Oid md5(Node node, boolean legacy) {
      ScalarNode s = scalar(node, "md5");
      String v = s.getValue();
      // DVC coerces an int to str (an all-digit md5 written unquoted), but a float would be garbage.
      if (s.isPlain() && !ScalarResolver.isString(v) && !UNSIGNED.matcher(v).matches()) {
        throw error(node, "'md5' must be a string, not " + describe(v));
      }
      String lower = v.toLowerCase(Locale.ROOT);
      if (!Oid.isValid(lower)) {
        throw error(node, "invalid md5 '" + v + "': expected 32 hex digits, optionally followed by .dir");
      }
      return Oid.parse(lower, legacy);
    }

    /** A free-form value as maps, lists, strings and {@link PlainScalar}s, in document order. */
    private Object raw(Node node) {
      if (node instanceof ScalarNode s) {
        return s.isPlain() && !ScalarResolver.isString(s.getValue()) ? new PlainScalar(s.getValue()) : s.getValue();
      }
      if (node instanceof SequenceNode seq) {
        List<Object> list = new ArrayList<>();
        for (Node item : seq.getValue()) {
          list.add(raw(item));
        }
        return Collections.unmodifiableList(list);
      }
      MappingNode m = (MappingNode) node;
      Map<String, Object> map = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k)) {
          throw error(t.getKeyNode(), "a mapping key must be a plain value");
        }
        if (map.put(k.getValue(), raw(t.getValueNode())) != null) {
          throw error(k, "duplicate key '" + k.getValue() + "'");
        }
      }
      return Collections.unmodifiableMap(map);
    }

    private static String describe(String plain) {
      if (plain.isEmpty() || ScalarResolver.isNull(plain)) {
        return "empty";
      }
      return "the non-string value '" + plain + "' (quote it)";
    }

    private CorruptDvcFileException error(Node node, String problem) {
      return problem(StrictYaml.line(node), problem);
    }

    private CorruptDvcFileException problem(int line, String problem) {
      return new CorruptDvcFileException(file, line, problem);
    }
  }
}
