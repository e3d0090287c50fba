package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rename", mixinStandardHelpOptions = true,
    description = "Rename a remote (in every config file that defines it); core.remote follows.")
final class RemoteRenameCommand extends RepoCommand {
  @Parameters(index = "0", paramLabel = "OLD", description = "Current name.")
  String oldName;

  @Parameters(index = "1", paramLabel = "NEW", description = "New name (stored in lower case).")
  String newName;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      jdvc.remoteRename().oldName(oldName).newName(newName).call();
      return ExitCode.OK;
    }
  }
}
