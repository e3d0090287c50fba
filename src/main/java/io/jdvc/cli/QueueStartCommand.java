package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.experiments.ExpQueue;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "start", mixinStandardHelpOptions = true,
    description = "Run the queued experiments, -j at a time, each in its own copy of the project sharing the "
        + "cache; waits until all have ended.")
final class QueueStartCommand extends RepoCommand {
  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Experiments run in parallel (default 1).")
  int jobs = 1;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      return runQueue(this, jdvc, jobs);
    }
  }

  /** Runs the queue, printing each start and end; exit 1 if any run failed. */
  static int runQueue(RepoCommand cmd, Jdvc jdvc, int jobs) throws java.io.IOException {
    List<ExpQueue.Entry> done = jdvc.expQueue().start(jobs, cmd::say);
    if (done.isEmpty()) {
      cmd.say("No queued experiments.");
    }
    long failed = done.stream().filter(e -> e.status() == ExpQueue.Status.FAILED).count();
    long notStarted = done.stream().filter(e -> e.status() == ExpQueue.Status.QUEUED).count();
    long ran = done.size() - notStarted;
    if (ran > 0) {
      cmd.say("Ran " + ran + " experiment(s): " + (ran - failed) + " succeeded, " + failed + " failed.");
    }
    if (notStarted > 0) {
      cmd.say("Stopped by 'jdvc queue stop': " + notStarted + " experiment(s) left queued.");
    }
    return failed > 0 ? ExitCode.ERROR : ExitCode.OK;
  }
}
