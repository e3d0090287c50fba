package io.jdvc.api;

import io.jdvc.pipeline.StageReport;
import io.jdvc.workspace.OutputStatus;
import java.util.List;

/**
 * Status of every selected output of a {@code .dvc} file, including unchanged ones ({@link #changed()} filters),
 * and of every selected pipeline stage, changed or not ({@link #changedStages()} filters).
 */
public record StatusResult(List<OutputStatus> outputs, List<StageReport> stages) {
  public StatusResult(List<OutputStatus> outputs) {
    this(outputs, List.of());
  }

  public List<OutputStatus> changed() {
    return outputs.stream().filter(OutputStatus::changed).toList();
  }

  public List<StageReport> changedStages() {
    return stages.stream().filter(StageReport::changed).toList();
  }

  public boolean clean() {
    return changed().isEmpty() && changedStages().isEmpty();
  }
}
