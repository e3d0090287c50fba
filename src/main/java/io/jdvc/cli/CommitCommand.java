package io.jdvc.cli;

import io.jdvc.api.AddResult;
import io.jdvc.api.Jdvc;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "commit", mixinStandardHelpOptions = true,
    description = "Record the current content of tracked outputs in the cache and in their .dvc files or dvc.lock "
        + "(the outputs of a stage run by hand).")
final class CommitCommand extends RepoCommand {
  @Parameters(arity = "0..*", paramLabel = "TARGET", description = "Limit to these outputs, .dvc files or stages.")
  List<Path> targets = List.of();

  @Option(names = {"-f", "--force"}, description = "Accepted for DVC compatibility; jdvc never prompts here.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      AddResult r = jdvc.commit().targets(targets).call();
      long changed = r.outputs().stream().filter(a -> a.changed() || a.cached()).count();
      for (AddResult.Added a : r.outputs()) {
        if (a.changed()) {
          say("Updated " + a.dvcFile());
        } else if (a.cached()) {
          say("Committed " + a.path());
        }
      }
      if (changed == 0) {
        say("Nothing to commit: every output matches its .dvc file and is in the cache.");
      }
      adviseGitAdd(r.unstaged());
      return ExitCode.OK;
    }
  }
}
