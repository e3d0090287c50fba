package io.jdvc.cli;

import io.jdvc.api.ExpRunOperation;
import io.jdvc.api.Jdvc;
import io.jdvc.experiments.ParamOverride;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run an experiment: apply -S param overrides, reproduce the pipeline, and record the result as "
        + "an experiment commit on top of HEAD (refs/exps/...), leaving HEAD, the branch and the index alone.",
        "The workspace keeps the experiment's results."})
final class ExpRunCommand extends RepoCommand {
  @Parameters(arity = "0..*", paramLabel = "TARGET", description = "Stages to reproduce (default: all of dvc.yaml).")
  List<Path> targets = List.of();

  @Option(names = {"-S", "--set-param"}, paramLabel = "[FILE:]KEY=VALUE",
      description = "Set a param for this experiment (+KEY=V adds, ++KEY=V adds or sets, ~KEY deletes). "
          + "Repeatable.")
  List<String> setParams = new ArrayList<>();

  @Option(names = {"-n", "--name"}, description = "Name of the experiment (default: a random adjective-noun).")
  String name;

  @Option(names = {"-m", "--message"}, description = "Commit message instead of 'dvc: commit experiment <hash>'.")
  String message;

  @Option(names = {"-f", "--force"}, description = "Reproduce every stage and overwrite an experiment of the same "
      + "name.")
  boolean force;

  @Option(names = {"-s", "--single-item"}, description = "Reproduce only the targets, not what they depend on.")
  boolean singleItem;

  @Option(names = "--no-run-cache", description = "Run stage commands even if the run cache has their results.")
  boolean noRunCache;

  @Option(names = "--queue", description = "Queue the experiment (sweeps such as -S 'lr=0.1,0.2' or "
      + "'n=range(1,5)' queue one per combination); run the queue with --run-all or 'jdvc queue start'.")
  boolean queue;

  @Option(names = "--run-all", description = "Run every queued experiment, -j at a time, each in its own copy of "
      + "the project.")
  boolean runAll;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "With --run-all: experiments run in parallel "
      + "(default 1).")
  int jobs = 1;

  @Option(names = "--temp", description = "Run in a private copy of the project (under .dvc/tmp/jdvc/queue/run), "
      + "leaving the workspace untouched; the experiment ref is made all the same.")
  boolean temp;

  /** Set by the queue for a run in its private copy: stages see the project's root as DVC_ROOT, as in DVC. */
  @Option(names = "--dvc-root", hidden = true)
  Path dvcRoot;

  @Override
  public Integer call() throws Exception {
    if (temp && !queue) {
      try (Jdvc jdvc = open()) {
        var op = jdvc.expQueue();
        var ended = op.runNow(op.enqueue(setParams, name, targets.stream().map(Path::toString).toList()), this::say);
        boolean failed = ended.stream().anyMatch(e -> e.status() != io.jdvc.experiments.ExpQueue.Status.SUCCESS);
        if (!failed) {
          say("Ran experiment(s): " + String.join(", ", ended.stream().map(e -> e.name()).toList()));
        }
        return failed ? ExitCode.ERROR : ExitCode.OK;
      }
    }
    if (queue || runAll) {
      try (Jdvc jdvc = open()) {
        if (queue) {
          for (io.jdvc.experiments.ExpQueue.Entry e : jdvc.expQueue().enqueue(setParams, name,
              targets.stream().map(Path::toString).toList())) {
            say("Queued experiment '" + e.name() + "' for future execution.");
          }
        }
        return runAll ? QueueStartCommand.runQueue(this, jdvc, jobs) : ExitCode.OK;
      }
    }
    List<ParamOverride> overrides = setParams.stream().map(ParamOverride::parse).toList();
    io.jdvc.pipeline.ReproOptions d = io.jdvc.pipeline.ReproOptions.defaults();
    io.jdvc.pipeline.ReproOptions options = new io.jdvc.pipeline.ReproOptions(force, singleItem, false, false,
        false, false, d.onError(), false, noRunCache, false, false);
    try (Jdvc jdvc = open()) {
      ExpRunOperation.Result r = jdvc.expRun().targets(targets).overrides(overrides).name(name).message(message)
          .force(force).dvcRoot(dvcRoot).options(options).listener(new ReproCommand.Printer(this)).call();
      say("");
      say("Ran experiment(s): " + r.name());
      say("Experiment results have been applied to your workspace.");
      return ExitCode.OK;
    }
  }
}
