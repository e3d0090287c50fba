package io.jdvc.api;

import io.jdvc.workspace.OutputStatus;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jdvc status}: compares each tracked output with its pointer. Reads only files whose inode, mtime or
 * size changed since they were last hashed, so a warm status of an unchanged tree reads no file contents.
 */
public final class StatusOperation {
  private final Jdvc jdvc;
  private List<Path> targets = List.of();

  StatusOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public StatusOperation targets(List<Path> value) {
    this.targets = List.copyOf(value);
    return this;
  }

  public StatusResult call() throws IOException {
    Workspace ws = jdvc.workspace();
    List<TrackedOutput> selected = Targets.select(ws.collect(), targets.stream().map(jdvc::resolve).toList(),
        jdvc.root());
    List<OutputStatus> result = new ArrayList<>();
    try {
      for (TrackedOutput o : selected) {
        result.add(ws.status(o));
      }
    } finally {
      ws.saveState();
    }
    return new StatusResult(result);
  }
}
