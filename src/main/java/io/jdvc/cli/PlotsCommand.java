package io.jdvc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "plots", mixinStandardHelpOptions = true,
    description = "Commands to draw plots into one self-contained HTML page.",
    subcommands = {PlotsShowCommand.class, PlotsDiffCommand.class},
    commandListHeading = "%nCommands:%n", synopsisSubcommandLabel = "COMMAND")
final class PlotsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** No command given: the help goes to stderr and the exit code says usage error, as for a missing argument. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
