package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.experiments.ExpQueue;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stop", mixinStandardHelpOptions = true,
    description = {"Stop the queue's workers: no further queued experiment starts (they stay queued for the next"
        + " 'jdvc queue start'); running ones finish, or are killed with --kill."})
final class QueueStopCommand extends RepoCommand {
  @Option(names = "--kill", description = "Also kill the running experiments (as 'jdvc queue kill').")
  boolean kill;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      List<ExpQueue.Entry> running = jdvc.expQueue().stop(kill);
      say("Queue workers will start no more experiments."
          + (running.isEmpty() ? "" : kill ? " Killed " + running.size() + " running experiment(s)."
          : " " + running.size() + " running experiment(s) will finish."));
      return ExitCode.OK;
    }
  }
}
