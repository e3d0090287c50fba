package io.jdvc.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resolved stage definition turned into a {@link Stage} as DVC's stage loader does it: {@code params} entries
 * merged per file ({@code _merge_params}: a wholly tracked file swallows keys named for it), outputs merged per
 * path ({@code _merge_data}: a later entry's flags update an earlier one's), plot properties split from the other
 * flags.
 */
final class StageBuilder {
  private final String file;
  private final String name;
  private final int line;

  StageBuilder(String file, String name, int line) {
    this.file = file;
    this.name = name;
    this.line = line;
  }

  Stage build(Map<String, Object> d, String wdir) {
    Object cmdValue = d.get("cmd");
    List<String> cmd = new ArrayList<>();
    boolean cmdIsList = cmdValue instanceof List;
    if (cmdValue instanceof List<?> l) {
      for (Object item : l) {
        cmd.add(scalarText(item, "cmd"));
      }
    } else {
      cmd.add(scalarText(cmdValue, "cmd"));
    }
    List<String> deps = new ArrayList<>();
    for (Object dep : PipelineFileLoader.list(d.get("deps"))) {
      deps.add(scalarText(dep, "deps"));
    }
    List<StageOutput> outs = new ArrayList<>();
    for (StageOutput.Kind kind : StageOutput.Kind.values()) {
      outs.addAll(outputs(PipelineFileLoader.list(d.get(kind.key())), kind));
    }
    return new Stage(name, file, wdir, cmd, cmdIsList, deps, params(PipelineFileLoader.list(d.get("params"))), outs,
        Boolean.TRUE.equals(d.get("frozen")), Boolean.TRUE.equals(d.get("always_changed")),
        d.get("desc") == null ? null : scalarText(d.get("desc"), "desc"), d.get("meta"));
  }

  private List<ParamsDependency> params(List<Object> entries) {
    Set<String> whole = new LinkedHashSet<>();
    for (Object e : entries) {
      if (e instanceof Map<?, ?> m) {
        m.forEach((k, v) -> {
          if (v == null || v instanceof List<?> l && l.isEmpty()) {
            whole.add(String.valueOf(k));
          }
        });
      }
    }
    Map<String, List<String>> byFile = new LinkedHashMap<>();
    for (Object e : entries) {
      if (e instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> f : m.entrySet()) {
          String path = String.valueOf(f.getKey());
          if (whole.contains(path)) {
            byFile.put(path, null);
          } else if (f.getValue() instanceof List<?> keys) {
            List<String> list = byFile.computeIfAbsent(path, p -> new ArrayList<>());
            keys.forEach(k -> list.add(scalarText(k, "params")));
          } else {
            throw error("expected a list of params for params file '" + path + "', got '"
                + PipelineFileLoader.pythonType(f.getValue()) + "'");
          }
        }
      } else if (!whole.contains(ParamsDependency.DEFAULT_FILE)) {
        byFile.computeIfAbsent(ParamsDependency.DEFAULT_FILE, p -> new ArrayList<>()).add(scalarText(e, "params"));
      }
    }
    List<ParamsDependency> out = new ArrayList<>();
    byFile.forEach((path, keys) -> out.add(new ParamsDependency(path, keys)));
    return out;
  }

  private List<StageOutput> outputs(List<Object> entries, StageOutput.Kind kind) {
    Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
    for (Object e : entries) {
      if (e instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> o : m.entrySet()) {
          String path = String.valueOf(o.getKey());
          if (!(o.getValue() instanceof Map<?, ?> flags)) {
            throw error("expected a mapping of options for output '" + path + "', got '"
                + PipelineFileLoader.pythonType(o.getValue()) + "'");
          }
          Map<String, Object> into = merged.computeIfAbsent(path, p -> new LinkedHashMap<>());
          flags.forEach((k, v) -> into.put(String.valueOf(k), v));
        }
      } else {
        merged.computeIfAbsent(scalarText(e, kind.key()), p -> new LinkedHashMap<>());
      }
    }
    List<StageOutput> out = new ArrayList<>();
    merged.forEach((path, flags) -> {
      Map<String, Object> plot = null;
      if (kind == StageOutput.Kind.PLOT) {
        plot = new LinkedHashMap<>();
        for (Map.Entry<String, Object> f : flags.entrySet()) {
          if (PipelineSchema.PLOT_PROPS.contains(f.getKey())) {
            plot.put(f.getKey(), f.getValue());
          }
        }
        plot = java.util.Collections.unmodifiableMap(plot);
      }
      List<String> labels = null;
      if (flags.get("labels") instanceof List<?> l) {
        labels = new ArrayList<>();
        for (Object label : l) {
          labels.add(scalarText(label, "labels"));
        }
      }
      out.add(new StageOutput(path, kind, !Boolean.FALSE.equals(flags.get("cache")),
          Boolean.TRUE.equals(flags.get("persist")), text(flags.get("remote")),
          flags.get("push") instanceof Boolean b ? b : null, text(flags.get("desc")), text(flags.get("type")),
          labels, flags.get("meta"), plot));
    });
    return out;
  }

  private static String text(Object v) {
    return v == null ? null : Interpolation.toStr(v);
  }

  private String scalarText(Object v, String key) {
    if (v instanceof Map || v instanceof List) {
      throw error("'" + key + "' holds a " + PipelineFileLoader.pythonType(v) + " where a string belongs");
    }
    return v instanceof String s ? s : PythonRepr.str(v);
  }

  private PipelineFileException error(String problem) {
    return new PipelineFileException(file, line, "stage '" + name + "': " + problem);
  }
}
