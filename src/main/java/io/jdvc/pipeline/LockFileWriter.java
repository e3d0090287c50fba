package io.jdvc.pipeline;

import io.jdvc.manifest.DirManifest;
import io.jdvc.pointer.YamlEmitter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code dvc.lock} as DVC 3.x does ({@code Lockfile.dump_stages} and {@code remove_stage}): DVC loads the
 * file in ruamel's round-trip mode, replaces or deletes one stage's value and dumps the whole document, so every
 * other stage keeps its bytes, comments included. This writer gets the same bytes by splicing the text of that one
 * stage: a stage's block runs from its key line to the next stage's key (comments in between belong to the block
 * above, as ruamel attaches them to the last value before them). A new stage goes last; a new file starts with
 * {@code schema: '2.0'}.
 *
 * <p>One stage is written as {@code to_single_stage_lockfile} builds it: {@code cmd, deps, params, outs} (empty
 * ones left out), entries sorted by path with keys {@code path, hash, md5, size, nfiles, isexec} then the extra
 * ones, params files {@code params.yaml} first then by name, keys sorted within a file (values not re-sorted).
 *
 * <p>Files DVC itself re-indents on load (stages not at column 2, a flow-style {@code stages}) and DVC 1.x locks
 * are written whole from their parsed stages, which loses their comments; DVC 3 refuses 1.x locks outright.
 * Stateless and thread-safe.
 */
public final class LockFileWriter {
  private static final String DEFAULT_PARAMS_FILE = "params.yaml";
  private static final int STAGE_COLUMN = 2;

  /** Python's order for {@code str}: by code point. */
  static final Comparator<String> CODE_POINT_ORDER = DirManifest.CODE_POINT_ORDER;

  /**
   * The lock with {@code entry} added or replacing the stage of the same name.
   *
   * @param existingOrNull the current file's bytes, or null if there is none
   * @throws io.jdvc.pointer.CorruptDvcFileException if the existing file cannot be read as a lock
   */
  public byte[] withStage(byte[] existingOrNull, LockedStageEntry entry) {
    if (existingOrNull == null) {
      return whole(List.of(entry));
    }
    LockFile lock = LockFile.parse(LockFile.FILE_NAME, existingOrNull);
    if (lock.emptyDocument()) {
      return whole(List.of(entry));
    }
    if (lock.legacyFormat() || !spliceable(lock)) {
      List<LockedStageEntry> stages = new ArrayList<>(lock.stages());
      int at = indexOf(stages, entry.name());
      if (at >= 0) {
        stages.set(at, entry);
      } else {
        stages.add(entry);
      }
      return lock.legacyFormat() ? whole(stages) : wholeWithHeader(lock, stages);
    }
    List<String> lines = lines(lock.text());
    LockFile.Layout layout = lock.layout();
    String block = stageBlock(entry);
    int at = indexOf(lock.stages(), entry.name());
    if (at >= 0) {
      int end = at + 1 < layout.stageLines().size() ? layout.stageLines().get(at + 1) : layout.stagesEndLine();
      return join(lines.subList(0, layout.stageLines().get(at)), block, lines.subList(end, lines.size()));
    }
    if (layout.stagesKeyLine() < 0) {
      // No stages key: ruamel appends it at the end of the document.
      return join(lines, "stages:\n" + block, List.of());
    }
    int end = layout.stagesEndLine();
    return join(lines.subList(0, end), block, lines.subList(end, lines.size()));
  }

  /**
   * The lock without the stage {@code name}; the same bytes if it has no such stage, and null when no stage is
   * left: DVC then deletes the file.
   */
  public byte[] withoutStage(byte[] existing, String name) {
    LockFile lock = LockFile.parse(LockFile.FILE_NAME, existing);
    int at = indexOf(lock.stages(), name);
    if (at < 0) {
      return existing;
    }
    if (lock.stages().size() == 1) {
      return null;
    }
    List<LockedStageEntry> rest = new ArrayList<>(lock.stages());
    rest.remove(at);
    if (lock.legacyFormat()) {
      return whole(rest);
    }
    if (!spliceable(lock)) {
      return wholeWithHeader(lock, rest);
    }
    List<String> lines = lines(lock.text());
    LockFile.Layout layout = lock.layout();
    int end = at + 1 < layout.stageLines().size() ? layout.stageLines().get(at + 1) : layout.stagesEndLine();
    return join(lines.subList(0, layout.stageLines().get(at)), "", lines.subList(end, lines.size()));
  }

  /** The text of one stage as it appears under {@code stages:} (indented by 2), ending with a newline. */
  public String stageBlock(LockedStageEntry entry) {
    Map<String, Object> stages = new LinkedHashMap<>();
    stages.put(entry.name(), stageMap(entry));
    String doc = YamlEmitter.document(Map.of("stages", stages));
    return doc.substring(doc.indexOf('\n') + 1);
  }

  /**
   * The stage as {@code to_single_stage_lockfile} builds it, in DVC's key order; the run cache hashes and stores
   * this same map.
   */
  public static Map<String, Object> stageMap(LockedStageEntry entry) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cmd", entry.cmd());
    if (!entry.deps().isEmpty()) {
      m.put("deps", entryMaps(entry.deps()));
    }
    if (!entry.params().isEmpty()) {
      List<String> files = new ArrayList<>(entry.params().keySet());
      files.sort(CODE_POINT_ORDER);
      if (files.remove(DEFAULT_PARAMS_FILE)) {
        files.add(0, DEFAULT_PARAMS_FILE);
      }
      Map<String, Object> params = new LinkedHashMap<>();
      for (String file : files) {
        Map<String, Object> values = entry.params().get(file);
        List<String> keys = new ArrayList<>(values.keySet());
        keys.sort(CODE_POINT_ORDER);
        Map<String, Object> sorted = new LinkedHashMap<>();
        keys.forEach(k -> sorted.put(k, values.get(k)));
        params.put(file, sorted);
      }
      m.put("params", params);
    }
    if (!entry.outs().isEmpty()) {
      m.put("outs", entryMaps(entry.outs()));
    }
    return m;
  }

  private static List<Object> entryMaps(List<LockEntry> entries) {
    List<LockEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(LockEntry::path, CODE_POINT_ORDER));
    List<Object> out = new ArrayList<>();
    for (LockEntry e : sorted) {
      out.add(entryMap(e));
    }
    return out;
  }

  static Map<String, Object> entryMap(LockEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", e.path());
    if (e.hashName() != null) {
      m.put("hash", e.hashName());
    }
    if (e.md5() != null) {
      m.put("md5", e.md5().value());
    }
    if (e.size() != null) {
      m.put("size", e.size());
    }
    if (e.nfiles() != null) {
      m.put("nfiles", e.nfiles());
    }
    if (e.isexec()) {
      m.put("isexec", true);
    }
    m.putAll(e.extra());
    return m;
  }

  /** A whole new file; also DVC 2.x's migration of a 1.x lock ({@code schema} first, then {@code stages}). */
  private static byte[] whole(List<LockedStageEntry> stages) {
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("schema", LockFile.SCHEMA_VERSION);
    Map<String, Object> byName = new LinkedHashMap<>();
    stages.forEach(s -> byName.put(s.name(), stageMap(s)));
    top.put("stages", byName);
    return YamlEmitter.document(top).getBytes(StandardCharsets.UTF_8);
  }

  /** The header lines before {@code stages:} kept, the stages re-emitted; for layouts splicing cannot serve. */
  private static byte[] wholeWithHeader(LockFile lock, List<LockedStageEntry> stages) {
    List<String> lines = lines(lock.text());
    LockFile.Layout layout = lock.layout();
    int stagesLine = layout.stagesKeyLine() < 0 ? lines.size() : layout.stagesKeyLine();
    Map<String, Object> byName = new LinkedHashMap<>();
    stages.forEach(s -> byName.put(s.name(), stageMap(s)));
    String doc = YamlEmitter.document(Map.of("stages", byName));
    int end = layout.stagesKeyLine() < 0 ? lines.size() : layout.stagesEndLine();
    return join(lines.subList(0, stagesLine), doc, lines.subList(end, lines.size()));
  }

  private static boolean spliceable(LockFile lock) {
    LockFile.Layout layout = lock.layout();
    return !layout.stagesIsFlow() && (layout.stageLines().isEmpty() || layout.stageColumn() == STAGE_COLUMN)
        && (layout.stagesKeyLine() >= 0 || lock.stages().isEmpty());
  }

  private static int indexOf(List<LockedStageEntry> stages, String name) {
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The text's lines, each with its newline; a last line without one gets one, as ruamel's dump ends in one. */
  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      if (nl < 0) {
        out.add(text.substring(start) + "\n");
        break;
      }
      out.add(text.substring(start, nl + 1));
      start = nl + 1;
    }
    return out;
  }

  private static byte[] join(List<String> before, String middle, List<String> after) {
    StringBuilder sb = new StringBuilder();
    before.forEach(sb::append);
    sb.append(middle);
    after.forEach(sb::append);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
