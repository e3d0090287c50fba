package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "branch", mixinStandardHelpOptions = true,
    description = "Create a Git branch at an experiment's commit (default name <experiment>-branch); no checkout.")
final class ExpBranchCommand extends RepoCommand {
  @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "Experiment name or ref.")
  String experiment;

  @Parameters(index = "1", arity = "0..1", paramLabel = "BRANCH", description = "Name of the new branch.")
  String branch;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      String name = jdvc.experiments().branch(experiment, branch);
      say("Git branch '" + name + "' has been created from experiment '" + experiment + "'.");
      say("To switch to the new branch run:\n\n\tgit checkout " + name);
      return ExitCode.OK;
    }
  }
}
