package io.jdvc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "params", mixinStandardHelpOptions = true, description = "Commands to display params.",
    subcommands = {ParamsDiffCommand.class},
    commandListHeading = "%nCommands:%n", synopsisSubcommandLabel = "COMMAND")
final class ParamsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** No command given: the help goes to stderr and the exit code says usage error, as for a missing argument. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
