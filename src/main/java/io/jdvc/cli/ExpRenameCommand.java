package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rename", mixinStandardHelpOptions = true,
    description = "Rename an experiment: its ref moves to the new name on the same baseline; the commit stays.")
final class ExpRenameCommand extends RepoCommand {
  @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "Experiment name or ref.")
  String experiment;

  @Parameters(index = "1", paramLabel = "NAME", description = "New name (DVC's rules for experiment names).")
  String newName;

  @Option(names = {"-f", "--force"}, description = "Replace an experiment that already has the new name.")
  boolean force;

  @Option(names = {"-g", "--git-remote"}, paramLabel = "GIT_REMOTE", description = "Rename the experiment on this "
      + "Git remote (name or URL) instead of locally; local refs stay.")
  String gitRemote;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      if (experiment.equals(newName)) {
        say("No experiments to rename.");
        return ExitCode.OK;
      }
      if (gitRemote != null) {
        jdvc.experiments().renameRemote(gitRemote, experiment, newName, force);
      } else {
        jdvc.experiments().rename(experiment, newName, force);
      }
      say("Renamed experiments: '" + experiment + "'");
      return ExitCode.OK;
    }
  }
}
