package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.experiments.ExpQueue;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove entries (and their logs) from "
    + "the queue; finished experiments keep their refs.")
final class QueueRemoveCommand extends RepoCommand {
  @Parameters(arity = "0..*", paramLabel = "TASK", description = "Experiment names or task ids.")
  List<String> tasks = new ArrayList<>();

  @Option(names = "--all", description = "Every entry that is not running.")
  boolean all;

  @Option(names = "--queued", description = "Every queued entry.")
  boolean queued;

  @Option(names = "--success", description = "Every succeeded entry.")
  boolean success;

  @Option(names = "--failed", description = "Every failed entry.")
  boolean failed;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      ExpQueue q = jdvc.expQueue().queue();
      List<String> removed = new ArrayList<>();
      for (ExpQueue.Entry e : q.entries()) {
        boolean chosen = tasks.stream().anyMatch(t -> t.equals(e.name()) || e.id().startsWith(t))
            || (all && e.status() != ExpQueue.Status.RUNNING)
            || (queued && e.status() == ExpQueue.Status.QUEUED)
            || (success && e.status() == ExpQueue.Status.SUCCESS)
            || (failed && e.status() == ExpQueue.Status.FAILED);
        if (chosen) {
          q.remove(e);
          removed.add(e.name());
        }
      }
      say(removed.isEmpty() ? "Nothing removed." : "Removed tasks in queue: " + String.join(", ", removed));
      return ExitCode.OK;
    }
  }
}
