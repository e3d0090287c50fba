package io.jdvc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "queue", mixinStandardHelpOptions = true,
    description = "Run and inspect queued experiments (exp run --queue).",
    subcommands = {QueueStartCommand.class, QueueStatusCommand.class, QueueLogsCommand.class,
        QueueRemoveCommand.class, QueueKillCommand.class, QueueStopCommand.class},
    commandListHeading = "%nCommands:%n", synopsisSubcommandLabel = "COMMAND")
final class QueueCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
