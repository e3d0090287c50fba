package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.api.RemoteRemoveResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true,
    description = "Remove a remote from .dvc/config and .dvc/config.local, and unset core.remote if it named it.")
final class RemoteRemoveCommand extends RepoCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Remote name.")
  String name;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      RemoteRemoveResult r = jdvc.remoteRemove().name(name).call();
      if (r.wasDefault()) {
        say("'" + r.name() + "' was the default remote; no default remote is set now.");
      }
      return ExitCode.OK;
    }
  }
}
