package io.jdvc.api;

import io.jdvc.repo.RepoLock;
import io.jdvc.workspace.CheckoutReport;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code jdvc pull}: fetch, then checkout of the same outputs, under one lock. A target inside a tracked
 * directory (or a {@code --glob}) fetches and checks out only those files.
 */
public final class PullOperation extends ScopedOperation<PullOperation> {
  private boolean force;

  PullOperation(Jdvc jdvc) {
    super(jdvc);
  }

  /** Overwrite workspace data that is not in the cache. */
  public PullOperation force(boolean value) {
    this.force = value;
    return this;
  }

  /**
   * Also transfers DVC's run cache ({@code runs/} under the cache and the default or {@code -r} remote) and the
   * output objects its runs name, as {@code --run-cache} does.
   */
  public PullOperation runCache(boolean value) {
    options.runCache = value;
    return this;
  }

  public TransferResult call() throws IOException {
    try (RepoLock lock = jdvc.lock()) {
      TransferOptions workspaceOnly = new TransferOptions();
      workspaceOnly.targets = options.targets;
      List<TrackedOutput> outputs = workspaceOnly.outputs(jdvc);
      jdvc.removeStaleWorkspaceTemps(outputs);
      // -a/-T/--all-commits widen what is fetched; checkout is always of the workspace's pointers
      FetchOperation fetch = new FetchOperation(jdvc);
      fetch.options.copyFrom(options);
      PullCopies copies = PullCopies.plan(jdvc, outputs, options);
      Workspace ws = jdvc.workspace();
      List<CheckoutReport> checkouts = new ArrayList<>();
      try {
        List<TrackedOutput> fetched = options.outputs(jdvc);
        List<TransferResult.RemoteReport> reports = new ArrayList<>(fetch.run(fetched, copies));
        HashlessImports.Resolved hashless = HashlessImports.resolve(jdvc, HashlessImports.select(jdvc,
            options.targets), options.jobs);
        reports.addAll(hashless.reports());
        outputs = new ArrayList<>(outputs);
        outputs.addAll(hashless.outputs());
        for (TrackedOutput o : outputs) {
          if (TransferOptions.isRepoImport(o) && !ws.isComplete(o.output().md5())) {
            continue; // fetch skipped it and says so; without its data there is nothing to check out
          }
          Predicate<String> filter = fetch.options.filterFor(jdvc, o);
          CheckoutReport checkout = copies.wroteAll(o, filter)
              ? new CheckoutReport(o, List.of(), List.of(), List.of(), List.of())
              : ws.checkout(o, force, filter, jdvc.progressListener());
          checkouts.add(withCopies(checkout, copies.added(o)));
        }
        return new TransferResult(reports, new CheckoutResult(checkouts), List.of());
      } finally {
        ws.saveState();
      }
    }
  }

  /** The checkout's report plus the files the download already wrote, which the checkout found in place. */
  private static CheckoutReport withCopies(CheckoutReport r, List<String> copied) {
    if (copied.isEmpty()) {
      return r;
    }
    List<String> added = new ArrayList<>(r.added());
    added.addAll(copied);
    Collections.sort(added);
    return new CheckoutReport(r.output(), added, r.modified(), r.deleted(), r.missing(), r.corrupt());
  }
}
