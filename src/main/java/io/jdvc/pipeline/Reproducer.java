package io.jdvc.pipeline;

import io.jdvc.AtomicFiles;
import io.jdvc.FileTrees;
import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.pointer.Output;
import io.jdvc.workspace.CheckoutReport;
import io.jdvc.workspace.OutputState;
import io.jdvc.workspace.OutputStatus;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code repro}: runs the stages whose command, dependencies, params or outputs differ from {@code dvc.lock},
 * upstream first, as DVC's {@code dvc/repo/reproduce.py} plans and runs them. A stage that ran is recorded at once
 * (outputs cached as {@code add} caches them, its lock entry written atomically), so a failure or Ctrl-C later
 * leaves the stages before it recorded and its own entry untouched.
 */
public final class Reproducer {
  /** Runs one stage's commands (the shell, its working directory, its environment). */
  @FunctionalInterface
  public interface Commands {
    void run(PipelineStage stage) throws IOException;
  }

  /** Fetches the missing outputs of a stage or .dvc file from a remote and checks them out; false if it could not. */
  @FunctionalInterface
  public interface MissingData {
    boolean pull(List<TrackedOutput> outputs) throws IOException;
  }

  /** Told of each stage just recorded in {@code dvc.lock}, with its outputs (to git-ignore the cached ones). */
  @FunctionalInterface
  public interface Recorded {
    void recorded(PipelineStage stage, List<TrackedOutput> outputs) throws IOException;
  }

  /**
   * What a {@code repro} did.
   *
   * @param ran the stages that ran (or, in a dry run, would run), in order, restored ones included
   * @param lockFiles the {@code dvc.lock} files written
   * @param failed the stages whose command failed (with {@code -k} or {@code --ignore-errors})
   */
  public record Result(List<String> ran, List<Path> lockFiles, List<String> failed) {}

  private final RepoIndex index;
  private final Workspace ws;
  private final StageInspector inspector;
  private final StageRecorder recorder;
  private final Commands commands;
  private final RunCache runs;
  private final MissingData missing;
  private final ReproListener listener;
  private final ProgressListener progress;
  private final LockFileWriter writer = new LockFileWriter();
  private Recorded recorded = (stage, outputs) -> {};

  public Reproducer(RepoIndex index, Commands commands, MissingData missing, ReproListener listener,
      ProgressListener progress) {
    this.index = index;
    this.ws = index.workspace();
    this.inspector = new StageInspector(ws);
    this.recorder = new StageRecorder(ws, inspector);
    this.commands = commands;
    this.runs = new RunCache(ws.cache());
    this.missing = missing;
    this.listener = listener;
    this.progress = progress;
  }

  /** Called after each stage's lock entry is written. */
  public Reproducer onRecorded(Recorded value) {
    this.recorded = value;
    return this;
  }

  /** The graph of every stage and {@code .dvc} file, as DVC's index builds it. */
  public static Dag graph(RepoIndex index) {
    // nodes by the path of the file that defines them, stages in file order: DVC's (and so Dag's) stable order
    java.util.TreeMap<String, List<DagNode>> byFile = new java.util.TreeMap<>();
    Map<String, List<String>> dataSources = new LinkedHashMap<>();
    for (TrackedOutput o : index.outputs()) {
      if (!o.isStageOutput()) {
        dataSources.computeIfAbsent(o.dvcPath(), k -> new ArrayList<>()).add(o.repoPath());
      }
    }
    dataSources.forEach((dvcFile, outs) -> byFile.computeIfAbsent(dvcFile, k -> new ArrayList<>())
        .add(new DagNode(dvcFile, List.of(), outs)));
    for (PipelineStage s : index.stages()) {
      Stage def = s.definition();
      List<String> deps = new ArrayList<>();
      def.deps().forEach(d -> deps.add(def.repoPath(d)));
      def.params().forEach(p -> deps.add(def.repoPath(p.file())));
      List<String> outs = index.outputsOf(s).stream().map(TrackedOutput::repoPath).toList();
      byFile.computeIfAbsent(def.dvcFile(), k -> new ArrayList<>()).add(new DagNode(s.address(), deps, outs));
    }
    List<DagNode> nodes = new ArrayList<>();
    byFile.values().forEach(nodes::addAll);
    return new Dag(nodes);
  }

  /** The stages {@code repro} would visit for these targets, in order (addresses; data sources included). */
  public List<String> plan(List<PipelineStage> targets, ReproOptions opts) {
    Set<String> names = new LinkedHashSet<>();
    targets.forEach(t -> names.add(t.address()));
    if (opts.singleItem()) {
      return List.copyOf(names);
    }
    Set<String> frozen = new HashSet<>();
    index.stages().stream().filter(s -> s.definition().frozen()).forEach(s -> frozen.add(s.address()));
    Dag active = graph(index).detachFromUpstream(frozen);
    List<DagNode> steps = opts.pipeline() ? active.pipeline(names)
        : opts.downstream() ? active.downstream(names) : active.upstream(names);
    return steps.stream().map(DagNode::name).toList();
  }

  public Result reproduce(List<PipelineStage> targets, ReproOptions opts) throws IOException {
    Dag dag = graph(index);
    List<String> ran = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    Set<Path> lockFiles = new LinkedHashSet<>();
    Set<String> skip = new HashSet<>();
    Set<String> forced = new HashSet<>();
    Map<String, PipelineStage> byAddress = new LinkedHashMap<>();
    index.stages().forEach(s -> byAddress.put(s.address(), s));
    for (String address : plan(targets, opts)) {
      PipelineStage stage = byAddress.get(address);
      if (stage == null) {
        dataSource(address, opts);
        continue;
      }
      if (skip.contains(address)) {
        continue;
      }
      try {
        boolean didRun = reproduceStage(stage, opts.force() || forced.contains(address), opts, lockFiles);
        if (didRun) {
          ran.add(address);
          if (opts.forceDownstream()) {
            dag.downstream(Set.of(address)).forEach(n -> forced.add(n.name()));
          }
        }
      } catch (StageInterruptedException e) {
        throw e;
      } catch (JdvcException | IOException e) {
        if (opts.onError() == ReproOptions.OnError.FAIL) {
          if (e instanceof StageFailedException) {
            throw e;
          }
          throw new JdvcException("failed to reproduce '" + address + "': " + e.getMessage(),
              e instanceof JdvcException j ? j.hint() : null, e);
        }
        failed.add(address);
        listener.warning(e.getMessage() + (opts.onError() == ReproOptions.OnError.IGNORE ? " (ignored)" : ""));
        if (opts.onError() == ReproOptions.OnError.KEEP_GOING) {
          List<String> dependents = dag.downstream(Set.of(address)).stream().map(DagNode::name)
              .filter(n -> !n.equals(address)).toList();
          if (!dependents.isEmpty()) {
            skip.addAll(dependents);
            listener.warning((dependents.size() > 1 ? "Stages " : "Stage ") + quoted(dependents)
                + " will be skipped due to this failure");
          }
        }
      }
    }
    if (!failed.isEmpty() && opts.onError() != ReproOptions.OnError.IGNORE) {
      throw new JdvcException("failed to reproduce" + (failed.size() > 1 ? " stages: " : " ") + quoted(failed),
          "see the errors above; the stages that succeeded are recorded in dvc.lock");
    }
    return new Result(ran, List.copyOf(lockFiles), failed);
  }

  /**
   * A .dvc file in the plan. Its data only missing: skipped with {@code --allow-missing}, pulled with {@code --pull},
   * as DVC's {@code Stage.reproduce} does. Changed data: DVC commits it; jdvc says so and leaves it to 'commit'.
   */
  private void dataSource(String dvcFile, ReproOptions opts) {
    try {
      List<TrackedOutput> outs = index.outputs().stream()
          .filter(o -> !o.isStageOutput() && o.dvcPath().equals(dvcFile)).toList();
      boolean changed = false;
      boolean onlyMissing = true;
      for (TrackedOutput o : outs) {
        OutputStatus st = inspector.outputStatus(o);
        changed |= st.changed();
        onlyMissing &= !st.changed() || isMissing(st);
      }
      if (!changed || onlyMissing && opts.allowMissing()) {
        listener.unchanged(dvcFile);
        return;
      }
      if (onlyMissing && opts.pull() && !opts.dry()) {
        listener.pulling(dvcFile);
        boolean pulled = missing.pull(outs);
        inspector.forget(); // the pull changed the workspace
        if (pulled) {
          return;
        }
        listener.unableToPull(dvcFile);
      }
      listener.warning(onlyMissing
          ? "the data of '" + dvcFile + "' is missing: get it with 'jdvc pull " + dvcFile + "' (or repro --pull)"
          : "'" + dvcFile + "' changed: record it with 'jdvc commit " + dvcFile + "'");
    } catch (IOException e) {
      listener.warning("cannot check '" + dvcFile + "': " + e.getMessage());
    }
  }

  /** Runs one stage if it changed (or is forced); true if it ran or was restored. */
  private boolean reproduceStage(PipelineStage stage, boolean force, ReproOptions opts, Set<Path> lockFiles)
      throws IOException {
    Stage def = stage.definition();
    List<TrackedOutput> outs = index.outputsOf(stage);
    if (def.frozen()) {
      listener.warning("stage: '" + stage.address() + "' is frozen. Its dependencies are not going to be "
          + "reproduced.");
    }
    if (!force) {
      StageReport report = inspector.status(stage, outs);
      if (!changed(report, opts.allowMissing())) {
        listener.unchanged(stage.address());
        return false;
      }
      if (opts.pull() && !changed(report, true) && !opts.dry()) {
        listener.pulling(stage.address());
        boolean pulled = missing.pull(outs);
        inspector.forget();
        if (pulled) {
          return false;
        }
        listener.unableToPull(stage.address());
      }
    }
    if (def.frozen()) {
      if (!opts.dry()) {
        listener.verifying(stage.address());
        record(stage, opts, lockFiles);
      }
      return false;
    }
    if (opts.dry()) {
      listener.running(stage.address());
      commandLines(def).forEach(listener::command);
      return true;
    }
    // a missing dependency or params file fails here, before the outputs are deleted
    LockedStageEntry inputs = recorder.inputs(stage);
    removeOutputs(stage, outs);
    if (!force && !opts.noRunCache() && restore(stage, inputs)) {
      listener.restored(stage.address());
    } else {
      commands.run(stage);
    }
    LockedStageEntry entry = record(stage, opts, lockFiles);
    if (!opts.noRunCache() && !opts.noCommit() && filed(def, entry)) {
      storeUncachedOutputs(stage);
      runs.save(entry);
    }
    return true;
  }

  /**
   * Puts a copy of each {@code cache: false} output into the cache, the workspace file left as it is, so that a
   * restore from the run cache can check it out ({@code StageCache._uncached_outs}).
   */
  private void storeUncachedOutputs(PipelineStage stage) throws IOException {
    Stage def = stage.definition();
    for (StageOutput o : def.outs()) {
      if (!o.cache()) {
        ws.snapshot(ws.root().resolve(def.repoPath(o.path())).normalize(), false, true, progress);
      }
    }
  }

  private LockedStageEntry record(PipelineStage stage, ReproOptions opts, Set<Path> lockFiles) throws IOException {
    LockedStageEntry entry = recorder.record(stage, !opts.noCommit(), progress);
    Path lock = stage.lockFile();
    byte[] before = Files.exists(lock) ? Files.readAllBytes(lock) : null;
    byte[] after = writer.withStage(before, entry);
    if (before == null || !java.util.Arrays.equals(before, after)) {
      AtomicFiles.write(lock, after);
    }
    lockFiles.add(lock);
    ws.saveState();
    recorded.recorded(stage, index.outputsOf(stage));
    return entry;
  }

  private boolean restore(PipelineStage stage, LockedStageEntry inputs) throws IOException {
    if (!eligible(stage.definition(), inputs)) {
      return false;
    }
    Optional<LockedStageEntry> found = runs.lookup(inputs);
    if (found.isEmpty()) {
      return false;
    }
    List<TrackedOutput> outs = index.outputsOf(stage);
    for (TrackedOutput o : outs) {
      String written = stage.definition().outs().get(o.index()).path();
      LockEntry e = found.get().out(written).orElse(null);
      if (e == null || e.md5() == null) {
        return false;
      }
      // an uncached output belongs to the workspace: it comes back as a copy, never a link into the cache
      boolean uncached = !o.output().usesCache();
      Output cached = o.output().withContent(e.md5(), e.size(), e.nfiles(), e.isexec()).withCache(null);
      TrackedOutput restored = new TrackedOutput(o.dvcFile(), o.pointer(), o.index(), cached, o.path(),
          o.repoPath(), o.dvcPath(), o.stage());
      CheckoutReport report = (uncached ? ws.copying() : ws).checkout(restored, true, progress);
      if (!report.missing().isEmpty() || !report.corrupt().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** Whether a run of the stage may be restored from, or saved to, the run cache (DVC's {@code _can_hash}). */
  private static boolean eligible(Stage def, LockedStageEntry entry) {
    boolean persist = def.outs().stream().anyMatch(StageOutput::persist);
    return RunCache.ineligibility(entry, def.alwaysChanged(), persist).isEmpty();
  }

  /**
   * Whether a run of the stage is filed in the run cache: as DVC's {@code Stage.run} decides, not when one of its
   * {@code outs} is {@code cache: false} ({@code metrics} and {@code plots} may be).
   */
  private static boolean filed(Stage def, LockedStageEntry entry) {
    return eligible(def, entry)
        && def.outs().stream().allMatch(o -> o.cache() || o.kind() != StageOutput.Kind.OUT);
  }

  private void removeOutputs(PipelineStage stage, List<TrackedOutput> outs) throws IOException {
    for (int i = 0; i < outs.size(); i++) {
      StageOutput declared = stage.definition().outs().get(i);
      Path path = outs.get(i).path();
      if (declared.persist()) {
        if (outs.get(i).output().md5() != null) {
          ws.unprotect(outs.get(i));
        }
        continue;
      }
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        FileTrees.deleteTree(path);
      } else {
        Files.deleteIfExists(path);
      }
    }
  }


  private static boolean changed(StageReport r, boolean allowMissing) {
    if (!allowMissing) {
      return r.changed();
    }
    boolean outsChanged = r.changedOuts().stream().anyMatch(s -> s.state() != OutputState.DELETED
        && s.state() != OutputState.NOT_IN_CACHE);
    boolean depsChanged = r.changedDeps().values().stream().anyMatch(v -> !"deleted".equals(v));
    return outsChanged || depsChanged || r.alwaysChanged() || r.commandChanged();
  }

  /** DVC runs a list command item by item, and a string command line by line. */
  public static List<String> commandLines(Stage def) {
    if (def.cmdIsList()) {
      return def.cmd();
    }
    return StageRunner.commandLines(def.cmd().get(0));
  }

  private static String quoted(List<String> names) {
    List<String> q = names.stream().map(n -> "'" + n + "'").toList();
    return q.size() == 1 ? q.get(0) : String.join(", ", q.subList(0, q.size() - 1)) + " and " + q.get(q.size() - 1);
  }

  /** Kept for callers that only need the report of one stage. */
  public StageReport status(PipelineStage stage) throws IOException {
    return inspector.status(stage, index.outputsOf(stage));
  }

  static boolean isMissing(OutputStatus s) {
    return s.state() == OutputState.DELETED || s.state() == OutputState.NOT_IN_CACHE;
  }
}
