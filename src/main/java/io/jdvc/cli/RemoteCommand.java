package io.jdvc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "remote", mixinStandardHelpOptions = true,
    description = "Set up and manage data remotes (S3 buckets, S3-compatible servers, local directories).",
    subcommands = {RemoteAddCommand.class, RemoteModifyCommand.class, RemoteListCommand.class,
        RemoteRemoveCommand.class, RemoteRenameCommand.class, RemoteDefaultCommand.class},
    commandListHeading = "%nCommands:%n", synopsisSubcommandLabel = "COMMAND")
final class RemoteCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
