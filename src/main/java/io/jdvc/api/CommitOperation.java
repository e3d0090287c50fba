package io.jdvc.api;

import io.jdvc.pointer.Output;
import io.jdvc.repo.RepoLock;
import io.jdvc.workspace.Snapshot;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jdvc commit}: records the current workspace content of tracked outputs in the cache and their pointer
 * files (after {@code add --no-commit}, or after editing tracked data). Unchanged outputs are left byte-identical.
 */
public final class CommitOperation {
  private final Jdvc jdvc;
  private List<Path> targets = List.of();

  CommitOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public CommitOperation targets(List<Path> value) {
    this.targets = List.copyOf(value);
    return this;
  }

  public AddResult call() throws IOException {
    try (RepoLock lock = jdvc.lock(); Sha256RecordFile.Journal journal = Sha256RecordFile.journal(jdvc)) {
      Workspace ws = jdvc.workspace();
      List<TrackedOutput> selected = Targets.select(ws.collect(), targets.stream().map(jdvc::resolve).toList(),
          jdvc.root());
      List<AddResult.Added> results = new ArrayList<>();
      List<Path> touched = new ArrayList<>();
      try {
        for (TrackedOutput o : selected) {
          if (!Files.exists(o.path())) {
            throw new io.jdvc.JdvcException("output '" + o.repoPath() + "' does not exist",
                "restore it with 'jdvc checkout', or stop tracking it with 'jdvc remove " + ws.relative(o.dvcFile())
                    + "'");
          }
          Output out = o.output();
          boolean wasCached = out.md5() == null || !out.usesCache() || ws.isComplete(out.md5());
          Snapshot snap = null;
          if (out.isLegacy() && out.md5() != null) {
            Snapshot legacy = ws.snapshot(o.path(), true, true, jdvc.progressListener());
            snap = legacy.oid().equals(out.md5()) ? legacy : null;
          }
          if (snap == null) {
            snap = ws.snapshot(o.path(), false, true, jdvc.progressListener());
          }
          Output updated = out.withContent(snap.oid(), snap.size(), snap.nfiles(), snap.isExec());
          List<Output> outs = new ArrayList<>(o.pointer().outs());
          outs.set(o.index(), updated);
          boolean changed = Pointers.write(o.dvcFile(), o.pointer().withOuts(outs));
          if (!changed) {
            Pointers.stageIfBehind(jdvc.git(), o.dvcFile(), touched);
          } else {
            touched.add(o.dvcFile());
          }
          ws.relink(o.path(), snap);
          results.add(new AddResult.Added(o.repoPath(), ws.relative(o.dvcFile()), snap.oid(), snap.size(),
              snap.nfiles(), changed, !changed && !wasCached));
        }
      } finally {
        ws.saveState();
      }
      touched.addAll(journal.flush());
      return new AddResult(results, jdvc.stageOrAdvise(touched), null);
    }
  }
}
