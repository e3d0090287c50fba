package io.jdvc.experiments;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code exp show}: the workspace, a baseline commit or an experiment, with what DVC reports for it.
 *
 * @param rev {@code workspace}, the commit's 40-hex id, or a queue entry's id for a run not recorded yet
 * @param name the experiment's name, the baseline's branch or tag, or null
 * @param created commit time (null for the workspace), or when a queue entry was queued
 * @param params params file → {@code {"data": tree}} or {@code {"error": ...}}, as DVC's JSON has them
 * @param metrics metrics file → the same
 * @param deps dependency path → {@code {hash, size, nfiles}} from {@code dvc.lock}
 * @param outs output path → {@code {hash, size, nfiles, use_cache, is_data_source}}
 * @param executor for a queued, running or failed run of the queue, its state; null for a recorded experiment
 */
public record ExpState(String rev, String name, Instant created, Map<String, Object> params,
    Map<String, Object> metrics, Map<String, Map<String, Object>> deps, Map<String, Map<String, Object>> outs,
    Executor executor) {

  public ExpState(String rev, String name, Instant created, Map<String, Object> params, Map<String, Object> metrics,
      Map<String, Map<String, Object>> deps, Map<String, Map<String, Object>> outs) {
    this(rev, name, created, params, metrics, deps, outs, null);
  }

  /** This row under another name (null: none, as {@code exp show --sha} shows baselines). */
  public ExpState withName(String newName) {
    return new ExpState(rev, newName, created, params, metrics, deps, outs, executor);
  }

  /**
   * A run of the queue that is not an experiment ref (yet), as DVC's {@code ExpExecutor}: {@code state} is
   * {@code queued}, {@code running} or {@code failed}; {@code log}, {@code pid}, {@code returncode} as far as known.
   */
  public record Executor(String state, String name, String root, String log, Long pid, Integer returncode,
      String taskId) {}

  /** A baseline and its experiments: running, recorded (newest first), queued, then failed runs. */
  public record Baseline(ExpState state, List<ExpState> experiments) {}
}
