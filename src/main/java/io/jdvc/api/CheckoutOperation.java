package io.jdvc.api;

import io.jdvc.repo.RepoLock;
import io.jdvc.workspace.CheckoutReport;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jdvc checkout}: makes the workspace match the pointer files. Refuses to overwrite data that is not in
 * the cache unless forced; objects missing from the cache are reported so the caller can suggest a pull.
 */
public final class CheckoutOperation {
  private final Jdvc jdvc;
  private List<Path> targets = List.of();
  private boolean force;

  CheckoutOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public CheckoutOperation targets(List<Path> value) {
    this.targets = List.copyOf(value);
    return this;
  }

  public CheckoutOperation force(boolean value) {
    this.force = value;
    return this;
  }

  public CheckoutResult call() throws IOException {
    try (RepoLock lock = jdvc.lock()) {
      return run();
    }
  }

  /** The checkout itself, for callers that already hold the lock (pull). */
  CheckoutResult run() throws IOException {
    Workspace ws = jdvc.workspace();
    List<TrackedOutput> selected = Targets.select(jdvc.index(), targets, jdvc);
    jdvc.removeStaleWorkspaceTemps(selected);
    List<CheckoutReport> reports = new ArrayList<>();
    try {
      for (TrackedOutput o : selected) {
        reports.add(ws.checkout(o, force, jdvc.progressListener()));
      }
    } finally {
      ws.saveState();
    }
    return new CheckoutResult(reports);
  }
}
