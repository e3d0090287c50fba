package io.jdvc.api;

import io.jdvc.pipeline.StageReport;
import io.jdvc.workspace.OutputStatus;
import java.util.List;
import java.util.Map;

/**
 * Status of every selected output of a {@code .dvc} file, including unchanged ones ({@link #changed()} filters),
 * and of every selected pipeline stage, changed or not ({@link #changedStages()} filters). {@code importUpdates}
 * holds, per {@code .dvc} file of a repository import whose source has moved on, DVC's {@code changed deps} entry
 * ({@code "PATH (URL)" -> "update available"}).
 */
public record StatusResult(List<OutputStatus> outputs, List<StageReport> stages,
    Map<String, Map<String, String>> importUpdates) {
  public StatusResult(List<OutputStatus> outputs) {
    this(outputs, List.of());
  }

  public StatusResult(List<OutputStatus> outputs, List<StageReport> stages) {
    this(outputs, stages, Map.of());
  }

  public List<OutputStatus> changed() {
    return outputs.stream().filter(OutputStatus::changed).toList();
  }

  public List<StageReport> changedStages() {
    return stages.stream().filter(StageReport::changed).toList();
  }

  public boolean clean() {
    return changed().isEmpty() && changedStages().isEmpty() && importUpdates.isEmpty();
  }
}
