package io.jdvc.cli;

import picocli.CommandLine.Command;

@Command(name = "remote", mixinStandardHelpOptions = true,
    description = "Set up and manage data remotes (S3 buckets, S3-compatible servers, local directories).",
    subcommands = {RemoteAddCommand.class, RemoteModifyCommand.class, RemoteListCommand.class,
        RemoteRemoveCommand.class, RemoteRenameCommand.class, RemoteDefaultCommand.class},
    commandListHeading = "%nCommands:%n", synopsisSubcommandLabel = "COMMAND")
final class RemoteCommand extends CommandGroup {}
