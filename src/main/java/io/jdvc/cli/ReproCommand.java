package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.api.ReproResult;
import io.jdvc.pipeline.ReproListener;
import io.jdvc.pipeline.ReproOptions;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "repro", mixinStandardHelpOptions = true,
    description = {"Reproduce complete or partial pipelines by running the stages of dvc.yaml whose command, "
        + "dependencies, params or outputs changed, upstream first, and record them in dvc.lock.",
        "Without targets: the stages of the dvc.yaml in the current directory."})
final class ReproCommand extends RepoCommand {
  @Parameters(arity = "0..*", paramLabel = "TARGET",
      description = "Stages (train, dvc.yaml:train, sub/dvc.yaml:train), dvc.yaml files, or outputs.")
  List<Path> targets = List.of();

  @Option(names = {"-f", "--force"}, description = "Reproduce even if dependencies were not changed.")
  boolean force;

  @Option(names = {"-s", "--single-item"},
      description = "Reproduce only single data item without recursive dependencies check.")
  boolean singleItem;

  @Option(names = {"-p", "--pipeline"},
      description = "Reproduce the whole pipeline that the specified targets belong to.")
  boolean pipeline;

  @Option(names = {"-P", "--all-pipelines"}, description = "Reproduce all pipelines in the repo.")
  boolean allPipelines;

  @Option(names = {"-R", "--recursive"}, description = "Reproduce all stages in the specified directory.")
  boolean recursive;

  @Option(names = "--downstream", description = "Start from the specified stages when reproducing pipelines.")
  boolean downstream;

  @Option(names = "--force-downstream",
      description = "Reproduce all descendants of a changed stage even if their direct dependencies didn't change.")
  boolean forceDownstream;

  @Option(names = "--pull", description = "Try automatically pulling missing data.")
  boolean pull;

  @Option(names = "--allow-missing", description = "Skip stages with missing data but no other changes.")
  boolean allowMissing;

  @Option(names = "--dry", description = "Only print the commands that would be executed without actually "
      + "executing.")
  boolean dry;

  @Option(names = {"-k", "--keep-going"}, description = "Continue executing, skipping stages having dependencies "
      + "on the failed stages.")
  boolean keepGoing;

  @Option(names = "--ignore-errors", description = "Ignore errors from stages.")
  boolean ignoreErrors;

  @Option(names = "--no-commit", description = "Don't put files/directories into cache.")
  boolean noCommit;

  @Option(names = "--no-run-cache", description = "Execute stage commands even if they have already been run "
      + "with the same command/dependencies/outputs/etc before.")
  boolean noRunCache;

  @Override
  public Integer call() throws Exception {
    if (keepGoing && ignoreErrors) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "-k/--keep-going and --ignore-errors cannot be used together");
    }
    ReproOptions.OnError onError = keepGoing ? ReproOptions.OnError.KEEP_GOING
        : ignoreErrors ? ReproOptions.OnError.IGNORE : ReproOptions.OnError.FAIL;
    boolean whole = pipeline || allPipelines;
    ReproOptions options = new ReproOptions(force, singleItem && !whole, pipeline, downstream && !whole,
        forceDownstream, dry, onError, noCommit, noRunCache, pull, allowMissing);
    try (Jdvc jdvc = open()) {
      ReproResult r = jdvc.repro().targets(targets).options(options).recursive(recursive)
          .allPipelines(allPipelines).listener(new Printer(this)).call();
      if (r.ran().isEmpty()) {
        say("Data and pipelines are up to date.");
      } else if (!dry) {
        say("Use `jdvc push` to send your updates to remote storage.");
      }
      adviseGitAdd(r.unstaged());
      return ExitCode.OK;
    }
  }

  /** DVC's words while reproducing (exp run prints the same). */
  static final class Printer implements ReproListener {
    private final RepoCommand cmd;
    private boolean first = true;

    Printer(RepoCommand cmd) {
      this.cmd = cmd;
    }

    private void say(String line) {
      cmd.say(line);
    }

    private void gap() {
      if (!first) {
        say("");
      }
      first = false;
    }

    @Override public void unchanged(String address) {
      say((address.endsWith(".dvc") ? "'" + address + "'" : "Stage '" + address + "'") + " didn't change, "
          + "skipping");
    }

    @Override public void running(String address) {
      gap();
      say("Running stage '" + address + "':");
    }

    @Override public void command(String command) {
      say("> " + command);
    }

    @Override public void restored(String address) {
      gap();
      say("Stage '" + address + "' is cached - skipping run, checking out outputs");
    }

    @Override public void pulling(String address) {
      say("Pulling data for stage: '" + address + "'");
    }

    @Override public void unableToPull(String address) {
      say("Unable to pull data for stage: '" + address + "'");
    }

    @Override public void verifying(String address) {
      say("Verifying outputs in frozen stage: '" + address + "'");
    }

    @Override public void warning(String message) {
      if (!cmd.quiet()) {
        cmd.err().println("WARNING: " + message);
        cmd.err().flush();
      }
    }
  }
}
