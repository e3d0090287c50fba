package io.jdvc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "remote", mixinStandardHelpOptions = true,
    description = "Set up and manage data remotes (S3 buckets, S3-compatible servers, local directories).",
    subcommands = {RemoteAddCommand.class, RemoteModifyCommand.class, RemoteListCommand.class,
        RemoteRemoveCommand.class, RemoteRenameCommand.class, RemoteDefaultCommand.class},
    commandListHeading = "%nCommands:%n", synopsisSubcommandLabel = "COMMAND")
final class RemoteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** No command given: the help goes to stderr and the exit code says usage error, as for a missing argument. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
