package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.pipeline.PipelineStage;
import io.jdvc.pipeline.RepoIndex;
import io.jdvc.pipeline.ReproListener;
import io.jdvc.pipeline.ReproOptions;
import io.jdvc.pipeline.Reproducer;
import io.jdvc.pipeline.StageInterruptedException;
import io.jdvc.pipeline.StageRunner;
import io.jdvc.repo.RepoLock;
import io.jdvc.workspace.CheckoutReport;
import io.jdvc.workspace.TrackedOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code jdvc repro}: runs the changed stages of the pipelines the targets name, upstream first, and records each in
 * its {@code dvc.lock}. The repository lock is released while a stage's command runs, as DVC releases it, so a
 * command may itself call jdvc.
 */
public final class ReproOperation {
  private final Jdvc jdvc;
  private List<Path> targets = List.of();
  private ReproOptions options = ReproOptions.defaults();
  private boolean recursive;
  private boolean allPipelines;
  private ReproListener listener = ReproListener.NONE;
  private Map<String, String> environment = Map.of();
  private boolean stageLockFiles = true;

  ReproOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  /** Stages ({@code train}, {@code sub/dvc.yaml:train}), {@code dvc.yaml} files, outputs, or with -R directories. */
  public ReproOperation targets(List<Path> value) {
    this.targets = List.copyOf(value);
    return this;
  }

  public ReproOperation options(ReproOptions value) {
    this.options = value;
    return this;
  }

  /** Targets are directories: every stage of every {@code dvc.yaml} inside them ({@code -R}). */
  public ReproOperation recursive(boolean value) {
    this.recursive = value;
    return this;
  }

  /** Every pipeline of the repository ({@code -P}). */
  public ReproOperation allPipelines(boolean value) {
    this.allPipelines = value;
    return this;
  }

  public ReproOperation listener(ReproListener value) {
    this.listener = value;
    return this;
  }

  /** Extra environment variables for every stage command (experiments set DVC_EXP_NAME and the baseline). */
  public ReproOperation environment(Map<String, String> value) {
    this.environment = Map.copyOf(value);
    return this;
  }

  /** False: leave Git's index alone even with {@code core.autostage} (an experiment commits its own tree). */
  public ReproOperation stageLockFiles(boolean value) {
    this.stageLockFiles = value;
    return this;
  }

  public ReproResult call() throws IOException {
    Lock lock = new Lock();
    try {
      RepoIndex index = jdvc.index();
      // a repro killed while restoring from the run cache leaves a checkout's temp copy beside an output
      jdvc.removeStaleWorkspaceTemps(index.outputs());
      for (io.jdvc.pipeline.PipelineFile pf : index.pipelineFiles().values()) {
        // and one killed while writing dvc.lock, a temp beside it
        io.jdvc.AtomicFiles.removeStaleTemps(jdvc.root().resolve(pf.dir().isEmpty() ? "." : pf.dir()).normalize());
      }
      List<PipelineStage> chosen = stages(index);
      StageRunner runner = new StageRunner(jdvc.root()).environment(environment)
          .listener(new StageRunner.Listener() {
            @Override public void stageStarted(String stage) {
              listener.running(stage);
            }

            @Override public void commandStarted(String stage, String command) {
              listener.command(command);
            }
          });
      Reproducer reproducer = new Reproducer(index, stage -> {
        lock.release();
        try {
          runner.run(stage.address(), Reproducer.commandLines(stage.definition()),
              jdvc.root().resolve(stage.definition().wdir()));
        } finally {
          lock.take();
        }
      }, this::pull, listener, jdvc.progressListener());
      List<Path> ignores = new ArrayList<>();
      reproducer.onRecorded((stage, outs) -> {
        for (TrackedOutput o : outs) {
          if (o.output().usesCache()) { // DVC git-ignores a cached output when its stage is saved
            Pointers.ignore(jdvc.git(), o.path()).ifPresent(ignores::add);
          }
        }
      });
      Reproducer.Result result;
      try {
        result = reproducer.reproduce(chosen, options);
      } catch (StageInterruptedException e) {
        // the JVM is halting once the stage's processes are gone: a state file begun now would be cut off
        // half-written, and every stage that finished saved the state already
        throw e;
      } catch (RuntimeException | IOException e) {
        jdvc.workspace().saveState();
        throw e;
      }
      jdvc.workspace().saveState();
      List<Path> touched = new ArrayList<>(result.lockFiles());
      ignores.stream().distinct().forEach(touched::add);
      List<String> unstaged = options.dry() || !stageLockFiles ? List.of() : jdvc.stageOrAdvise(touched);
      return new ReproResult(result.ran(), result.failed(), unstaged);
    } finally {
      lock.release();
    }
  }

  /** The stages the targets name; without targets, those of the {@code dvc.yaml} in the working directory. */
  private List<PipelineStage> stages(RepoIndex index) {
    if (allPipelines) {
      return index.stages();
    }
    Path cwd = jdvc.resolve(Path.of(""));
    List<Path> given = targets.isEmpty() ? List.of(Path.of(RepoIndex.PIPELINE_FILE)) : targets;
    Set<PipelineStage> chosen = new LinkedHashSet<>();
    for (Path raw : given) {
      Path abs = jdvc.resolve(raw);
      if (recursive && Files.isDirectory(abs)) {
        index.stages().stream().filter(s -> s.pipelineFile().startsWith(abs)).forEach(chosen::add);
        continue;
      }
      List<PipelineStage> named = Targets.stages(index, raw, jdvc.root(), cwd);
      if (!named.isEmpty()) {
        chosen.addAll(named);
        continue;
      }
      List<PipelineStage> producers = new ArrayList<>();
      for (PipelineStage s : index.stages()) {
        if (index.outputsOf(s).stream().anyMatch(o -> o.path().equals(abs))) {
          producers.add(s);
        }
      }
      if (producers.isEmpty()) {
        String shown = jdvc.root().relativize(abs).toString();
        throw new JdvcException(targets.isEmpty() ? "'" + shown + "' does not exist: there is no pipeline here"
            : "'" + raw + "' is neither a stage nor an output of one",
            "list the stages with 'jdvc stage list', or add one with 'jdvc stage add'");
      }
      chosen.addAll(producers);
    }
    return new ArrayList<>(chosen);
  }

  /** {@code --pull}: fetches the stage's outputs and checks them out; false if any is still missing. */
  private boolean pull(List<TrackedOutput> outs) throws IOException {
    FetchOperation fetch = new FetchOperation(jdvc);
    List<TrackedOutput> cached = outs.stream().filter(o -> o.output().md5() != null && o.output().usesCache())
        .toList();
    if (cached.size() != outs.size()) {
      return false;
    }
    fetch.run(cached);
    for (TrackedOutput o : cached) {
      CheckoutReport r = jdvc.workspace().checkout(o, true, jdvc.progressListener());
      if (!r.missing().isEmpty() || !r.corrupt().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** The repository lock, given up while a stage's command runs and taken back after. */
  private final class Lock {
    private RepoLock held = jdvc.lock();

    void release() {
      if (held != null) {
        held.close();
        held = null;
      }
    }

    void take() {
      if (held == null) {
        held = jdvc.lock();
      }
    }
  }
}
