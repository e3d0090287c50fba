package io.jdvc.cli;

import picocli.CommandLine.Command;

@Command(name = "push", mixinStandardHelpOptions = true,
    description = "Push experiment refs to a Git remote and their data to the DVC remote.")
final class ExpPushCommand extends ExpSyncCommand {
  @Override
  boolean push() {
    return true;
  }
}
