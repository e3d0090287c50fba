package io.jdvc.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables a {@code dvc.yaml} is templated from, as DVC's {@code dvc/parsing/context.py} builds them: the
 * {@code params.yaml} beside the file, then {@code vars} (files, {@code file.yaml:key1,key2}, inline dicts), merged
 * without overwriting (a key defined twice is an error naming both sources), plus a stage's own {@code vars} and the
 * {@code item}/{@code key} of a foreach or matrix, which are reserved while set.
 */
final class TemplateContext {
  /** Reads a repo-relative file: its bytes, or null if absent. */

  private final Map<String, Object> data;
  /** The source (file or {@code vars[i]}) of each merged node, by dotted path. */
  private final Map<String, String> sources;
  /** Loaded files: null value = the whole file, else the keys taken. */
  private final Map<String, List<String>> imports;
  private final Set<String> reserved;

  TemplateContext() {
    this(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new HashSet<>());
  }

  private TemplateContext(Map<String, Object> data, Map<String, String> sources, Map<String, List<String>> imports,
      Set<String> reserved) {
    this.data = data;
    this.sources = sources;
    this.imports = imports;
    this.reserved = reserved;
  }

  TemplateContext copy() {
    Map<String, List<String>> imp = new LinkedHashMap<>();
    imports.forEach((k, v) -> imp.put(k, v == null ? null : new ArrayList<>(v)));
    return new TemplateContext(deepCopy(data), new LinkedHashMap<>(sources), imp, new HashSet<>(reserved));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> m) {
    Map<String, Object> c = new LinkedHashMap<>();
    m.forEach((k, v) -> c.put(k, v instanceof Map<?, ?> mm ? deepCopy((Map<String, Object>) mm) : v));
    return c;
  }

  boolean contains(String key) {
    return data.containsKey(key);
  }

  /**
   * Loads {@code default} (if it exists) and then each {@code vars} item; paths are relative to {@code wdir}.
   */
  void loadFromVars(PipelineFileLoader.RepoFiles files, List<Object> vars, String wdir, String stageName,
      String defaultFile) {
    if (defaultFile != null) {
      String path = Stage.join(wdir, defaultFile, () -> defaultFile);
      if (read(files, path) != null) {
        mergeFrom(files, defaultFile, wdir);
      }
    }
    String prefix = stageName == null || stageName.isEmpty() ? "" : stageName + ".";
    for (int i = 0; i < vars.size(); i++) {
      Object item = vars.get(i);
      if (item instanceof String s) {
        mergeFrom(files, s, wdir);
      } else {
        @SuppressWarnings("unchecked") Map<String, Object> inline = (Map<String, Object>) item;
        merge(inline, prefix + "vars[" + i + "]", null);
      }
    }
  }

  private static byte[] read(PipelineFileLoader.RepoFiles files, String path) {
    try {
      return files.read(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void mergeFrom(PipelineFileLoader.RepoFiles files, String item, String wdir) {
    int colon = item.indexOf(':');
    String file = colon < 0 ? item : item.substring(0, colon);
    String keysText = colon < 0 ? "" : item.substring(colon + 1);
    String path;
    try {
      path = Stage.join(wdir, file, () -> "'" + file + "'");
    } catch (io.jdvc.JdvcException e) {
      throw new TemplateException(e.getMessage(), false);
    }
    List<String> keys = null;
    if (!keysText.isEmpty()) {
      keys = new ArrayList<>();
      for (String k : keysText.split(",")) {
        if (!k.isEmpty()) {
          keys.add(k);
        }
      }
      if (keys.isEmpty()) {
        keys = null;
      }
    }
    if (imports.containsKey(path)) {
      List<String> imported = imports.get(path);
      if (keys == null && imported == null) {
        return;
      }
      if (keys == null || imported == null) {
        throw new TemplateException(keys == null ? "cannot load '" + item + "' as it's partially loaded already"
            : "cannot partially load '" + item + "' as it's already loaded.", true);
      }
      for (String k : keys) {
        if (imported.contains(k)) {
          throw new TemplateException("cannot load '" + item + "' as it's partially loaded already", true);
        }
      }
    }
    if (files.isDirectory(path)) {
      throw new TemplateException("'" + path + "' is a directory", false);
    }
    byte[] bytes = read(files, path);
    if (bytes == null) {
      throw new TemplateException("'" + path + "' does not exist", false);
    }
    Map<String, Object> loaded;
    try {
      loaded = ParamsFiles.parse(bytes, path);
    } catch (PipelineFileException e) {
      throw new TemplateException(e.getMessage(), false, e.file());
    }
    if (keys != null) {
      Map<String, Object> selected = new LinkedHashMap<>();
      for (String k : keys) {
        if (!loaded.containsKey(k)) {
          throw new TemplateException("could not find '" + k + "' in '" + path + "'", false);
        }
        selected.put(k, loaded.get(k));
      }
      loaded = selected;
    }
    merge(loaded, path, item);
    if (!imports.containsKey(path)) {
      imports.put(path, keys == null ? null : new ArrayList<>(keys));
    } else if (keys != null) {
      imports.get(path).addAll(keys);
    }
  }

  /** DVC's {@code merge_update(overwrite=False)}: dicts merge recursively, any other clash is an error. */
  private void merge(Map<String, Object> update, String source, String item) {
    List<String> clash = new ArrayList<>();
    for (String k : update.keySet()) {
      if (reserved.contains(k)) {
        clash.add("'" + k + "'");
      }
    }
    if (!clash.isEmpty()) {
      throw new TemplateException("attempted to modify reserved key" + (clash.size() > 1 ? "s " : " ")
          + String.join(" and ", clash) + (item != null ? " in '" + item + "'" : ""), false);
    }
    mergeInto(data, update, "", source);
  }

  @SuppressWarnings("unchecked")
  private void mergeInto(Map<String, Object> into, Map<String, Object> update, String prefix, String source) {
    for (Map.Entry<String, Object> e : update.entrySet()) {
      String path = prefix + e.getKey();
      Object existing = into.get(e.getKey());
      if (existing instanceof Map<?, ?> em && e.getValue() instanceof Map<?, ?> nm) {
        mergeInto((Map<String, Object>) em, (Map<String, Object>) nm, path + ".", source);
      } else if (into.containsKey(e.getKey())) {
        throw new TemplateException("cannot redefine '" + path + "' from '" + source + "' as it already exists in '"
            + sourceOf(path) + "'", true);
      } else {
        Object v = e.getValue();
        into.put(e.getKey(), v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v);
        sources.put(path, source);
      }
    }
  }

  private String sourceOf(String path) {
    for (String p = path; ; p = p.substring(0, p.lastIndexOf('.'))) {
      if (sources.containsKey(p)) {
        return sources.get(p);
      }
      if (!p.contains(".")) {
        return "<local>";
      }
    }
  }

  /**
   * The value of {@code ${expr}}: {@code a.b}, {@code a[0]}, {@code a.0}.
   *
   * @throws TemplateException "Could not find 'expr'" when absent
   */
  Object select(String expr) {
    String normalized = expr.replace("[", ".").replace("]", "");
    Object node = data;
    for (String raw : normalized.split("\\.", -1)) {
      String part = raw.strip();
      if (node instanceof Map<?, ?> m && m.containsKey(part)) {
        node = m.get(part);
      } else if (node instanceof List<?> l && part.matches("-?[0-9]+")) {
        int i = Integer.parseInt(part);
        if (i < 0) {
          i += l.size();
        }
        if (i < 0 || i >= l.size()) {
          throw notFound(expr);
        }
        node = l.get(i);
      } else {
        throw notFound(expr);
      }
    }
    return node;
  }

  private static TemplateException notFound(String expr) {
    return new TemplateException("Could not find '" + expr + "'", false);
  }

  /** Sets top-level keys (a foreach's {@code item}/{@code key}) and reserves them; returns the undo. */
  Runnable setTemporarily(Map<String, Object> values) {
    Map<String, Object> previous = new LinkedHashMap<>();
    Set<String> absent = new HashSet<>();
    Set<String> newlyReserved = new HashSet<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (data.containsKey(e.getKey())) {
        previous.put(e.getKey(), data.get(e.getKey()));
      } else {
        absent.add(e.getKey());
      }
      data.put(e.getKey(), e.getValue());
      if (reserved.add(e.getKey())) {
        newlyReserved.add(e.getKey());
      }
    }
    return () -> {
      data.putAll(previous);
      absent.forEach(data::remove);
      reserved.removeAll(newlyReserved);
    };
  }
}
