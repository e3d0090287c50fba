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
 * {@code {rev, name, data, error, experiments}}, each experiment an ExpRange {@code {revs: [...], executor, name}};
 * {@code executor} is null for a recorded experiment, else the state of a run of the queue.
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
        range.put("executor", executor(e.executor()));
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
    boolean failed = s.executor() != null && s.executor().state().equals("failed");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rev", s.rev());
    out.put("name", s.name());
    out.put("data", data);
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("msg", "Experiment run failed");
    error.put("type", "");
    out.put("error", failed ? error : null);
    out.put("experiments", experiments);
    return out;
  }

  /** DVC's {@code ExpExecutor}: {@code {state, name, local: {root, log, pid, returncode, task_id}}}. */
  private static Map<String, Object> executor(ExpState.Executor x) {
    if (x == null) {
      return null;
    }
    Map<String, Object> local = new LinkedHashMap<>();
    local.put("root", x.root());
    local.put("log", x.log());
    local.put("pid", x.pid());
    local.put("returncode", x.returncode() == null ? null : x.returncode().longValue());
    local.put("task_id", x.taskId());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("state", x.state());
    out.put("name", x.name());
    out.put("local", local);
    return out;
  }
}
