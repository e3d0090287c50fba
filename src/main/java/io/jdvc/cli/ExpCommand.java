package io.jdvc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "exp", aliases = "experiments", mixinStandardHelpOptions = true,
    description = "Run, compare, apply and share experiments, stored as DVC 3.x stores them (refs/exps/).",
    subcommands = {ExpRunCommand.class, ExpShowCommand.class, ExpListCommand.class, ExpDiffCommand.class,
        ExpApplyCommand.class, ExpBranchCommand.class, ExpRemoveCommand.class, ExpPushCommand.class, ExpPullCommand.class,
        ExpSaveCommand.class, ExpRenameCommand.class, ExpCleanCommand.class},
    commandListHeading = "%nCommands:%n", synopsisSubcommandLabel = "COMMAND")
final class ExpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** No command given: the help goes to stderr and the exit code says usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
