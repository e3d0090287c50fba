package io.jdvc.cli.render;

import io.jdvc.registry.Lineage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What made a model or an experiment ({@link Lineage.Report}) as text and JSON, for {@code artifacts lineage},
 * {@code audit} and {@code which}: the stages upstream with their data hashes and params, then the metrics.
 */
public final class LineageRenderer {
  private LineageRenderer() {}

  /** The stages and metrics, one line each, indented by {@code indent}. */
  public static String text(Lineage.Report l, String indent) {
    StringBuilder b = new StringBuilder();
    if (l.stages().isEmpty()) {
      b.append(indent).append("no stage recorded in dvc.lock").append(l.path() == null ? ""
          : " produced " + l.path()).append('\n');
    }
    for (Lineage.StageRecord s : l.stages()) {
      b.append(indent).append("stage ").append(s.name()).append(": ").append(s.cmd()).append('\n');
      s.deps().forEach((p, h) -> b.append(indent).append("  dep    ").append(p).append("  ")
          .append(h == null ? "-" : h).append('\n'));
      s.params().forEach((file, keys) -> keys.forEach((k, v) -> b.append(indent).append("  param  ").append(file)
          .append(':').append(k).append(" = ").append(v).append('\n')));
      s.outs().forEach((p, h) -> b.append(indent).append("  out    ").append(p).append("  ")
          .append(h == null ? "-" : h).append('\n'));
    }
    l.metrics().forEach((file, data) -> b.append(indent).append("metrics ").append(file).append(": ")
        .append(data instanceof Map<?, ?> d ? d.get("data") : data).append('\n'));
    return b.toString();
  }

  /** The report as JSON: artifact, version, commit, path, md5, stages, metrics. */
  public static Map<String, Object> json(Lineage.Report l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("artifact", l.artifact());
    m.put("version", l.version());
    m.put("commit", l.commit());
    m.put("path", l.path());
    m.put("md5", l.oid());
    List<Object> stages = new ArrayList<>();
    for (Lineage.StageRecord s : l.stages()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("stage", s.name());
      sm.put("cmd", s.cmd());
      sm.put("deps", s.deps());
      sm.put("params", s.params());
      sm.put("outs", s.outs());
      stages.add(sm);
    }
    m.put("stages", stages);
    m.put("metrics", l.metrics());
    return m;
  }
}
