package io.jdvc.api;

import io.jdvc.workspace.OutputStatus;
import java.util.List;

/** Status of every selected output, including unchanged ones; {@link #changed()} filters. */
public record StatusResult(List<OutputStatus> outputs) {
  public List<OutputStatus> changed() {
    return outputs.stream().filter(OutputStatus::changed).toList();
  }

  public boolean clean() {
    return changed().isEmpty();
  }
}
