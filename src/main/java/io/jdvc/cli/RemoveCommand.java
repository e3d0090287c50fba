package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.api.RemoveResult;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true,
    description = "Stop tracking outputs: delete their .dvc files (or take a stage out of dvc.yaml and dvc.lock) and "
        + "their .gitignore entries; the data is kept.")
final class RemoveCommand extends RepoCommand {
  @Parameters(arity = "1..*", paramLabel = "TARGET",
      description = ".dvc files (or their outputs), or stages (train, dvc.yaml:train).")
  List<Path> targets;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      RemoveResult r = jdvc.remove().targets(targets).call();
      r.removed().forEach(f -> say("Removed " + f));
      adviseGitAdd(r.unstaged());
      return ExitCode.OK;
    }
  }
}
