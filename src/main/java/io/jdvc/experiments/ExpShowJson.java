package io.jdvc.experiments;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code exp show --json} in DVC's shape ({@code repo/experiments/serialize.py}): a list of
 * {@code {rev, name, data, error, experiments}}, each experiment an ExpRange {@code {revs: [...], executor, name}}.
 */
public final class ExpShowJson {
  private ExpShowJson() {}

  public static List<Object> of(ExpState workspace, List<ExpState.Baseline> baselines) {
    List<Object> out = new ArrayList<>();
    out.add(state(workspace, null));
    for (ExpState.Baseline b : baselines) {
      List<Object> ranges = new ArrayList<>();
      for (ExpState e : b.experiments()) {
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("revs", List.of(state(e, null)));
        range.put("executor", null);
        range.put("name", e.name());
        ranges.add(range);
      }
      out.add(state(b.state(), ranges));
    }
    return out;
  }

  private static Map<String, Object> state(ExpState s, List<Object> experiments) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("rev", s.rev());
    data.put("timestamp", s.created() == null ? null
        : LocalDateTime.ofInstant(s.created(), ZoneId.systemDefault()).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
    data.put("params", s.params());
    data.put("metrics", s.metrics());
    data.put("deps", s.deps());
    data.put("outs", s.outs());
    data.put("meta", Map.of());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rev", s.rev());
    out.put("name", s.name());
    out.put("data", data);
    out.put("error", null);
    out.put("experiments", experiments);
    return out;
  }
}
