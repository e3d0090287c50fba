package io.jdvc.cli;

import io.jdvc.JdvcException;
import io.jdvc.api.Jdvc;
import io.jdvc.experiments.ExpQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print the output of a queued experiment's "
    + "run (kept after it failed).")
final class QueueLogsCommand extends RepoCommand {
  @Parameters(paramLabel = "TASK", description = "Experiment name or task id.")
  String task;

  @Option(names = {"-f", "--follow"}, description = "Keep printing the output as it is written until the run "
      + "ends (waits while it is queued).")
  boolean follow;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      ExpQueue q = jdvc.expQueue().queue();
      List<ExpQueue.Entry> found = q.find(task);
      if (found.isEmpty()) {
        throw new JdvcException("no queued experiment '" + task + "'", "list them with 'jdvc queue status'");
      }
      ExpQueue.Entry entry = found.get(found.size() - 1);
      Path log = q.log(entry);
      long printed = 0;
      while (true) {
        // the state first: a run that ended before this read has all its output in the log
        boolean going = follow && q.find(entry.id()).stream().anyMatch(e -> e.status() == ExpQueue.Status.RUNNING
            || e.status() == ExpQueue.Status.QUEUED);
        printed += printFrom(log, printed);
        if (!going) {
          return ExitCode.OK;
        }
        Thread.sleep(200);
      }
    }
  }

  /** Prints the log from byte {@code from} on; returns how many bytes it printed. */
  private long printFrom(Path log, long from) throws java.io.IOException {
    if (!Files.exists(log)) {
      return 0;
    }
    try (java.io.InputStream in = Files.newInputStream(log)) {
      in.skipNBytes(Math.min(from, Files.size(log)));
      byte[] more = in.readAllBytes();
      out().print(new String(more, java.nio.charset.StandardCharsets.UTF_8));
      out().flush();
      return more.length;
    }
  }
}
