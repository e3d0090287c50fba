package io.jdvc.audit;

import io.jdvc.git.RevisionRef;
import java.util.List;

/** The audit of every output one revision records. */
public record RevisionAudit(RevisionRef revision, List<OutputAudit> outputs) {
  public RevisionAudit {
    outputs = List.copyOf(outputs);
  }

  public boolean ok() {
    return outputs.stream().allMatch(OutputAudit::ok);
  }
}
