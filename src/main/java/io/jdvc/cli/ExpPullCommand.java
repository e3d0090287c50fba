package io.jdvc.cli;

import picocli.CommandLine.Command;

@Command(name = "pull", mixinStandardHelpOptions = true,
    description = "Pull experiment refs from a Git remote and their data from the DVC remote into the cache.")
final class ExpPullCommand extends ExpSyncCommand {
  @Override
  boolean push() {
    return false;
  }
}
