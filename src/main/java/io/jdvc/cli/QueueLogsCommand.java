package io.jdvc.cli;

import io.jdvc.JdvcException;
import io.jdvc.api.Jdvc;
import io.jdvc.experiments.ExpQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print the output of a queued experiment's "
    + "run (kept after it failed).")
final class QueueLogsCommand extends RepoCommand {
  @Parameters(paramLabel = "TASK", description = "Experiment name or task id.")
  String task;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      ExpQueue q = jdvc.expQueue().queue();
      List<ExpQueue.Entry> found = q.find(task);
      if (found.isEmpty()) {
        throw new JdvcException("no queued experiment '" + task + "'", "list them with 'jdvc queue status'");
      }
      Path log = q.log(found.get(found.size() - 1));
      out().print(Files.exists(log) ? Files.readString(log) : "");
      out().flush();
      return ExitCode.OK;
    }
  }
}
