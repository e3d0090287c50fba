/**
 * Params, metrics and plots data at a revision, as DVC's {@code params diff}, {@code metrics show/diff} and
 * {@code plots} read them: {@link io.jdvc.metrics.RevisionFiles} (a Git commit's tree without checkout, or the work
 * tree, falling back to the cache for outputs that {@code dvc.lock} records), {@link io.jdvc.metrics.ParamsReader},
 * {@link io.jdvc.metrics.MetricsReader}, {@link io.jdvc.metrics.ValuesDiff}.
 */
package io.jdvc.metrics;
