package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.api.MoveResult;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "move", aliases = "mv", mixinStandardHelpOptions = true,
    description = "Rename a tracked output together with its pointer file and Git ignore entry.")
final class MoveCommand extends RepoCommand {
  @Parameters(index = "0", paramLabel = "SRC", description = "Tracked output (or its .dvc file).")
  Path source;

  @Parameters(index = "1", paramLabel = "DST", description = "New path (or an existing directory to move into).")
  Path destination;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      MoveResult r = jdvc.move().paths(source, destination).call();
      say("Moved " + r.from() + " -> " + r.to() + " (" + r.dvcFile() + ")");
      adviseGitAdd(r.unstaged());
      return ExitCode.OK;
    }
  }
}
