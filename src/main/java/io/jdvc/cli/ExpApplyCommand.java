package io.jdvc.cli;

import io.jdvc.api.Experiments;
import io.jdvc.api.Jdvc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "apply", mixinStandardHelpOptions = true,
    description = {"Put an experiment's files and data into the workspace; HEAD, the branch and the index stay.",
        "What it overwrites is saved first as a commit at " + Experiments.APPLY_BACKUP_REF + "."})
final class ExpApplyCommand extends RepoCommand {
  @Parameters(paramLabel = "EXPERIMENT", description = "Experiment name, ref or commit.")
  String experiment;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      jdvc.experiments().apply(experiment);
      say("Changes for experiment '" + experiment + "' have been applied to your current workspace.");
      say("Your previous files are saved at " + Experiments.APPLY_BACKUP_REF + " (restore them with "
          + "'git checkout " + Experiments.APPLY_BACKUP_REF + " -- .').");
      return ExitCode.OK;
    }
  }
}
