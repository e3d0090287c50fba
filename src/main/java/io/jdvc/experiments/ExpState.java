package io.jdvc.experiments;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code exp show}: the workspace, a baseline commit or an experiment, with what DVC reports for it.
 *
 * @param rev {@code workspace} or the commit's 40-hex id
 * @param name the experiment's name, the baseline's branch or tag, or null
 * @param created commit time (null for the workspace)
 * @param params params file → {@code {"data": tree}} or {@code {"error": {...}}}, as DVC's JSON has them
 * @param metrics metrics file → the same
 * @param deps dependency path → {@code {hash, size, nfiles}} from {@code dvc.lock}
 * @param outs output path → {@code {hash, size, nfiles, use_cache, is_data_source}}
 */
public record ExpState(String rev, String name, Instant created, Map<String, Object> params,
    Map<String, Object> metrics, Map<String, Map<String, Object>> deps, Map<String, Map<String, Object>> outs) {

  /** A baseline and its experiments, newest first. */
  public record Baseline(ExpState state, List<ExpState> experiments) {}
}
