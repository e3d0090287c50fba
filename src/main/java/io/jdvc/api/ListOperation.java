package io.jdvc.api;

import io.jdvc.workspace.OutputStatus;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code jdvc ls}: every tracked output with its recorded hash, size, file count and current status. */
public final class ListOperation {
  private final Jdvc jdvc;

  ListOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public List<OutputStatus> call() throws IOException {
    Workspace ws = jdvc.workspace();
    List<OutputStatus> result = new ArrayList<>();
    try {
      for (TrackedOutput o : jdvc.index().outputs()) {
        result.add(ws.status(o));
      }
    } finally {
      ws.saveState();
    }
    return result;
  }
}
