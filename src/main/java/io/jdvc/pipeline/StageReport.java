package io.jdvc.pipeline;

import io.jdvc.workspace.OutputStatus;
import java.util.List;
import java.util.Map;

/**
 * What differs between a stage's {@code dvc.lock} entry and the workspace, in the terms of DVC's {@code status}.
 *
 * @param stage the stage
 * @param changedDeps each changed dependency's path and its state ({@code modified}, {@code deleted}, ...), or for a
 *     params file, a map of each changed key to its state (or the file's own state if it is new or deleted)
 * @param changedOuts the outputs that are not as recorded
 * @param alwaysChanged the stage always runs ({@code always_changed: true}, or no dependencies at all)
 * @param commandChanged {@code cmd} differs from the one recorded
 */
public record StageReport(PipelineStage stage, Map<String, Object> changedDeps, List<OutputStatus> changedOuts,
    boolean alwaysChanged, boolean commandChanged) {

  public StageReport {
    changedDeps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(changedDeps));
    changedOuts = List.copyOf(changedOuts);
  }

  /** Whether {@code repro} would run the stage. */
  public boolean changed() {
    return !changedDeps.isEmpty() || !changedOuts.isEmpty() || alwaysChanged || commandChanged;
  }
}
