package io.jdvc.api;

import io.jdvc.AtomicFiles;
import io.jdvc.JdvcException;
import io.jdvc.experiments.ExpNames;
import io.jdvc.experiments.ExpRef;
import io.jdvc.experiments.ExperimentTree;
import io.jdvc.experiments.ParamOverride;
import io.jdvc.experiments.ParamsEditor;
import io.jdvc.git.GitRefs;
import io.jdvc.git.GitRepo;
import io.jdvc.pipeline.RepoIndex;
import io.jdvc.pipeline.ReproListener;
import io.jdvc.pipeline.ReproOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code jdvc exp run}: applies the {@code -S} overrides, reproduces the pipeline in the workspace with the
 * experiment's environment, and records the result as DVC does: one commit whose only parent is the baseline
 * (HEAD), holding the tracked files plus the stage files, referenced by {@code refs/exps/<B[:2]>/<B[2:]>/<name>}.
 * HEAD, the branch and the index stay where they were; the workspace keeps the results. A failed stage makes no
 * ref.
 */
public final class ExpRunOperation {
  private final Jdvc jdvc;
  private List<Path> targets = List.of();
  private List<ParamOverride> overrides = List.of();
  private String name;
  private String message;
  private boolean force;
  private Path dvcRoot;
  private ReproOptions options = ReproOptions.defaults();
  private ReproListener listener = ReproListener.NONE;

  ExpRunOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public ExpRunOperation targets(List<Path> value) {
    this.targets = List.copyOf(value);
    return this;
  }

  /** {@code -S} arguments, parsed with {@link ParamOverride#parse}. */
  public ExpRunOperation overrides(List<ParamOverride> value) {
    this.overrides = List.copyOf(value);
    return this;
  }

  /** {@code -n}: null for a random adjective-noun name. */
  public ExpRunOperation name(String value) {
    this.name = value;
    return this;
  }

  /** {@code -m}: the commit message instead of {@code dvc: commit experiment <hash>}. */
  public ExpRunOperation message(String value) {
    this.message = value;
    return this;
  }

  /** {@code -f}: reproduce every stage and overwrite an experiment of the same name. */
  public ExpRunOperation force(boolean value) {
    this.force = value;
    return this;
  }

  /**
   * The project root stages see as {@code DVC_ROOT} (default: this repository's root). A queued run passes the
   * project it was queued in, as DVC's queue does, not its own temporary copy.
   */
  public ExpRunOperation dvcRoot(Path value) {
    this.dvcRoot = value;
    return this;
  }

  /** repro's options; {@code force} is taken from {@link #force}. */
  public ExpRunOperation options(ReproOptions value) {
    this.options = value;
    return this;
  }

  public ExpRunOperation listener(ReproListener value) {
    this.listener = value;
    return this;
  }

  /** What the run made. */
  public record Result(String name, String baseline, String commit, String ref, List<String> ran) {}

  public Result call() throws IOException {
    GitRepo git = jdvc.requireGit("exp run");
    GitRefs refs = new GitRefs(git);
    String baseline = git.head().commitId();
    String expName = chooseName(refs, baseline, name, force);
    ExpRef ref = new ExpRef(baseline, expName);
    Map<Path, byte[]> before = new LinkedHashMap<>();
    List<String> edited = applyOverrides(before);
    List<Path> cleanOutputs = rememberStageFiles(before);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DVC_EXP_BASELINE_REV", baseline);
    env.put("DVC_EXP_NAME", expName);
    env.put("DVC_ROOT", (dvcRoot != null ? dvcRoot : jdvc.root()).toString());
    ReproOptions o = options;
    ReproOptions opts = new ReproOptions(force || o.force(), o.singleItem(), o.pipeline(), o.downstream(),
        o.forceDownstream(), false, o.onError(), false, o.noRunCache(), o.pull(), o.allowMissing());
    ReproResult repro;
    // Ctrl-C halts the JVM once the stage is stopped, maybe before the catch below restores the params: a shutdown
    // hook restores them then, unless the experiment is already being recorded (then it is recorded whole or not)
    Interruption interruption = new Interruption(before, jdvc::notice);
    Runtime.getRuntime().addShutdownHook(interruption);
    try {
      repro = jdvc.repro().targets(targets).options(opts).environment(env).listener(listener)
          .stageLockFiles(false).call();
      if (!repro.failed().isEmpty()) {
        throw new JdvcException("failed to reproduce experiment '" + expName + "': stages " + repro.failed()
            + " failed", "see the stage output above; no experiment was recorded");
      }
      interruption.startRecording();
    } catch (IOException | RuntimeException e) {
      // no experiment: the workspace goes back to what the user had (params, dvc.lock, outputs)
      restore(before);
      checkOutAgain(cleanOutputs);
      if (e instanceof io.jdvc.pipeline.StageFailedException failed) {
        throw new JdvcException(failed.getMessage(), "see the command's output above; no experiment was recorded, "
            + "and params, dvc.lock and outputs are as they were before the run", failed);
      }
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(interruption);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs or has run
      }
    }
    RepoIndex index = jdvc.index();
    Set<String> extra = ExperimentTree.extraPaths(jdvc.root(), index, repro.ran(), edited, git::isIgnored);
    String text = message != null ? message
        : "dvc: commit experiment " + ExperimentTree.hash(jdvc.root(), index, repro.ran());
    String commit = refs.commitSnapshot(baseline, extra, text);
    refs.setRef(ref.refName(), commit, "dvc: commit experiment");
    return new Result(expName, baseline, commit, ref.refName(), repro.ran());
  }

  /**
   * The experiment's name: {@code name} validated and free on the baseline (or taken, with {@code force}), else a
   * random free adjective-noun.
   */
  static String chooseName(GitRefs refs, String baseline, String name, boolean force) {
    if (name == null) {
      return ExpNames.random(n -> refs.refValue(new ExpRef(baseline, n).refName()).isPresent());
    }
    ExpNames.validate(name);
    if (!force && refs.refValue(new ExpRef(baseline, name).refName()).isPresent()) {
      throw new JdvcException("Experiment conflicts with existing experiment '" + name + "'.",
          "use -f to overwrite it, or give another name with -n");
    }
    return name;
  }

  /** The shutdown hook that puts the params files back when jdvc is stopped before the recording began. */
  private static final class Interruption extends Thread {
    private final Map<Path, byte[]> before;
    private final java.util.function.Consumer<String> notices;
    private boolean recording;
    private boolean stopped;

    Interruption(Map<Path, byte[]> before, java.util.function.Consumer<String> notices) {
      super("jdvc-exp-params-restore");
      this.before = before;
      this.notices = notices;
    }

    @Override
    public synchronized void run() {
      if (!recording) {
        stopped = true;
        try {
          restore(before);
        } catch (IOException e) {
          notices.accept("cannot restore the params files: " + e.getMessage());
        }
      }
    }

    synchronized void startRecording() {
      if (stopped) {
        throw new JdvcException("interrupted: the experiment was not recorded", "run it again");
      }
      recording = true;
    }
  }

  /** Uncached outputs up to this size are kept in memory to be put back after a failed run. */
  private static final long KEPT_OUTPUT_BYTES = 16L << 20;

  /**
   * Remembers, for a failed run to put back, each stage's {@code dvc.lock} and uncached output files (their bytes,
   * null if absent) in {@code before}; returns the cached outputs that match {@code dvc.lock} now, which the cache
   * can restore. Outputs that did not match, directories and large uncached files are left as the run leaves them.
   */
  private List<Path> rememberStageFiles(Map<Path, byte[]> before) throws IOException {
    RepoIndex index = jdvc.index();
    List<Path> clean = new ArrayList<>();
    for (io.jdvc.pipeline.PipelineStage stage : index.stages()) {
      remember(before, stage.lockFile());
      for (io.jdvc.workspace.TrackedOutput o : index.outputsOf(stage)) {
        if (!o.output().usesCache()) {
          if (!Files.isDirectory(o.path()) && (!Files.exists(o.path()) || Files.size(o.path()) <= KEPT_OUTPUT_BYTES)) {
            remember(before, o.path());
          }
        } else if (jdvc.workspace().status(o).state() == io.jdvc.workspace.OutputState.UNCHANGED) {
          clean.add(o.path());
        }
      }
    }
    return clean;
  }

  private static void remember(Map<Path, byte[]> before, Path file) throws IOException {
    if (!before.containsKey(file)) {
      before.put(file, Files.isRegularFile(file) ? Files.readAllBytes(file) : null);
    }
  }

  /** Checks the outputs out of the cache again, as {@code dvc.lock} (restored) records them. */
  private void checkOutAgain(List<Path> outputs) {
    if (outputs.isEmpty()) {
      return;
    }
    try {
      jdvc.checkout().targets(outputs).force(true).call();
    } catch (IOException | RuntimeException e) {
      jdvc.notice("cannot restore the outputs of the failed experiment (" + e.getMessage() + "); 'jdvc checkout "
          + "--force' restores them");
    }
  }

  private static void restore(Map<Path, byte[]> before) throws IOException {
    for (Map.Entry<Path, byte[]> e : before.entrySet()) {
      if (e.getValue() == null) {
        Files.deleteIfExists(e.getKey());
      } else {
        AtomicFiles.write(e.getKey(), e.getValue());
      }
    }
  }

  /**
   * Writes each params file the overrides touch (atomically), remembering its old bytes (null: it did not exist) in
   * {@code before}; returns their repo-relative paths.
   */
  private List<String> applyOverrides(Map<Path, byte[]> before) throws IOException {
    Map<String, byte[]> rewritten = new LinkedHashMap<>();
    for (Map.Entry<String, List<ParamOverride>> e : ParamOverride.byFile(overrides).entrySet()) {
      Path file = jdvc.resolve(Path.of(e.getKey()));
      if (!file.startsWith(jdvc.root())) {
        throw new JdvcException("params file '" + e.getKey() + "' is outside the repository", null);
      }
      byte[] old = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
      rewritten.put(jdvc.root().relativize(file).toString().replace('\\', '/'),
          ParamsEditor.apply(e.getKey(), old, e.getValue()));
    }
    // All files are computed first, so a bad override in the second file leaves the first untouched.
    List<String> edited = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : rewritten.entrySet()) {
      Path file = jdvc.root().resolve(e.getKey());
      before.put(file, Files.isRegularFile(file) ? Files.readAllBytes(file) : null);
      AtomicFiles.write(file, e.getValue());
      edited.add(e.getKey());
    }
    return edited;
  }
}
