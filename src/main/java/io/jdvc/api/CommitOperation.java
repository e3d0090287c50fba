package io.jdvc.api;

import io.jdvc.AtomicFiles;
import io.jdvc.pipeline.LockEntry;
import io.jdvc.pipeline.LockFileWriter;
import io.jdvc.pipeline.LockedStageEntry;
import io.jdvc.pipeline.PipelineStage;
import io.jdvc.pipeline.RepoIndex;
import io.jdvc.pipeline.StageInspector;
import io.jdvc.pipeline.StageRecorder;
import io.jdvc.pointer.Output;
import io.jdvc.repo.RepoLock;
import io.jdvc.workspace.Snapshot;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
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
      RepoIndex index = jdvc.index();
      List<TrackedOutput> selected = Targets.select(index, targets, jdvc);
      List<AddResult.Added> results = new ArrayList<>();
      List<Path> touched = new ArrayList<>();
      try {
        commitStages(index, selected, results, touched);
        for (TrackedOutput o : selected) {
          if (o.isStageOutput()) {
            continue;
          }
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

  /**
   * Records the stages whose outputs are selected as DVC's {@code commit} does: dependencies and params hashed,
   * outputs cached, the {@code dvc.lock} entry rewritten (and the file left byte-identical if nothing changed).
   */
  private void commitStages(RepoIndex index, List<TrackedOutput> selected, List<AddResult.Added> results,
      List<Path> touched) throws IOException {
    Set<TrackedOutput> chosen = new HashSet<>(selected);
    StageRecorder recorder = new StageRecorder(index.workspace(), new StageInspector(index.workspace()));
    LockFileWriter writer = new LockFileWriter();
    for (PipelineStage stage : index.stages()) {
      List<TrackedOutput> outs = index.outputsOf(stage);
      if (outs.stream().noneMatch(chosen::contains)) {
        continue;
      }
      LockedStageEntry entry = recorder.record(stage, true, jdvc.progressListener());
      Path lock = stage.lockFile();
      byte[] before = Files.exists(lock) ? Files.readAllBytes(lock) : null;
      byte[] after = writer.withStage(before, entry);
      boolean changed = before == null || !Arrays.equals(before, after);
      if (changed) {
        AtomicFiles.write(lock, after);
        touched.add(lock);
      } else {
        Pointers.stageIfBehind(jdvc.git(), lock, touched);
      }
      for (TrackedOutput o : outs) {
        if (o.output().usesCache()) {
          Pointers.ignore(jdvc.git(), o.path()).ifPresent(touched::add);
        }
        String written = stage.definition().outs().get(o.index()).path();
        LockEntry e = entry.out(written).orElseThrow();
        results.add(new AddResult.Added(o.repoPath(), index.workspace().relative(lock), e.md5(),
            e.size() == null ? 0 : e.size(), e.nfiles(), changed && !e.md5().equals(o.output().md5())));
      }
    }
  }
}
