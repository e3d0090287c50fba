package io.jdvc.pipeline;

/**
 * How {@code repro} chooses and runs stages; the flags are DVC's.
 *
 * @param force run the selected stages even if nothing changed ({@code -f})
 * @param singleItem only the targets, not what they depend on ({@code -s})
 * @param pipeline the whole pipelines the targets belong to ({@code -p})
 * @param downstream the targets and what depends on them ({@code --downstream})
 * @param forceDownstream a stage that ran forces the stages after it ({@code --force-downstream})
 * @param dry print the commands, run nothing, write nothing ({@code --dry})
 * @param onError what a failing stage does to the rest
 * @param noCommit record the lock but keep outputs out of the cache ({@code --no-commit})
 * @param noRunCache neither restore from nor save to the run cache ({@code --no-run-cache})
 * @param pull fetch the outputs of a stage whose only change is missing data, instead of running it
 *     ({@code --pull})
 * @param allowMissing a stage whose only change is missing data is unchanged ({@code --allow-missing})
 */
public record ReproOptions(boolean force, boolean singleItem, boolean pipeline, boolean downstream,
    boolean forceDownstream, boolean dry, OnError onError, boolean noCommit, boolean noRunCache, boolean pull,
    boolean allowMissing) {

  /** DVC's {@code on_error}: stop at the first failure, skip what depends on it ({@code -k}), or ignore it. */
  public enum OnError { FAIL, KEEP_GOING, IGNORE }

  public static ReproOptions defaults() {
    return new ReproOptions(false, false, false, false, false, false, OnError.FAIL, false, false, false, false);
  }
}
