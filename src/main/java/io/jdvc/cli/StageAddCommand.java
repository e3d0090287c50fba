package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.api.StageAddOperation;
import io.jdvc.api.StageAddResult;
import io.jdvc.pipeline.StageOutput.Kind;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", mixinStandardHelpOptions = true,
    description = {"Create a stage in the dvc.yaml of the current directory, as dvc stage add does.",
        "Paths are relative to the stage's wdir. The command is everything after the options; "
            + "run the stage with 'jdvc repro'."})
final class StageAddCommand extends RepoCommand {
  @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME", description = "Name of the stage to add.")
  String name;

  @Option(names = {"-f", "--force"}, description = "Overwrite an existing stage.")
  boolean force;

  @Option(names = {"-d", "--deps"}, paramLabel = "PATH", description = "Declare dependencies for the command.")
  List<String> deps = new ArrayList<>();

  @Option(names = {"-p", "--params"}, paramLabel = "[FILE:]KEYS",
      description = "Declare parameters (comma-separated keys of FILE, params.yaml by default) as dependencies.")
  List<String> params = new ArrayList<>();

  @Option(names = {"-o", "--outs"}, paramLabel = "PATH", description = "Declare an output file or directory.")
  List<String> outs = new ArrayList<>();

  @Option(names = {"-O", "--outs-no-cache"}, paramLabel = "PATH",
      description = "Declare an output file or directory (not put into the cache).")
  List<String> outsNoCache = new ArrayList<>();

  @Option(names = "--outs-persist", paramLabel = "PATH",
      description = "Declare an output file or directory that repro does not remove first.")
  List<String> outsPersist = new ArrayList<>();

  @Option(names = "--outs-persist-no-cache", paramLabel = "PATH",
      description = "Declare an output that repro does not remove first (not put into the cache).")
  List<String> outsPersistNoCache = new ArrayList<>();

  @Option(names = {"-m", "--metrics"}, paramLabel = "PATH", description = "Declare an output metrics file.")
  List<String> metrics = new ArrayList<>();

  @Option(names = {"-M", "--metrics-no-cache"}, paramLabel = "PATH",
      description = "Declare an output metrics file (not put into the cache).")
  List<String> metricsNoCache = new ArrayList<>();

  @Option(names = "--plots", paramLabel = "PATH", description = "Declare an output plot file.")
  List<String> plots = new ArrayList<>();

  @Option(names = "--plots-no-cache", paramLabel = "PATH",
      description = "Declare an output plot file (not put into the cache).")
  List<String> plotsNoCache = new ArrayList<>();

  @Option(names = {"-w", "--wdir"}, paramLabel = "PATH",
      description = "Directory within the repository to run the command in.")
  String wdir;

  @Option(names = "--always-changed", description = "Always consider this stage as changed.")
  boolean alwaysChanged;

  @Option(names = "--desc", paramLabel = "TEXT", description = "User description of the stage.")
  String desc;

  @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "Command to execute, with its arguments.")
  List<String> command;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      StageAddOperation op = jdvc.stageAdd().name(name).force(force).deps(deps).params(params).wdir(wdir)
          .alwaysChanged(alwaysChanged).desc(desc).command(command)
          .outs(outsPersist, Kind.OUT, true, true)
          .outs(outsPersistNoCache, Kind.OUT, false, true)
          .outs(metrics, Kind.METRIC, true, false)
          .outs(metricsNoCache, Kind.METRIC, false, false)
          .outs(plots, Kind.PLOT, true, false)
          .outs(plotsNoCache, Kind.PLOT, false, false)
          .outs(outsNoCache, Kind.OUT, false, false)
          .outs(outs, Kind.OUT, true, false);
      StageAddResult r = op.call();
      say("Added stage '" + r.address() + "' in '" + r.dvcFile() + "'");
      adviseGitAdd(r.unstaged());
      return ExitCode.OK;
    }
  }
}
