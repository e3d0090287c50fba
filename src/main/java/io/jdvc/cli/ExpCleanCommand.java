package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import picocli.CommandLine.Command;

@Command(name = "clean", mixinStandardHelpOptions = true,
    description = {"Clean up the queue's leftovers: the private copies of finished or failed runs (their entries "
        + "and logs stay for 'jdvc queue status' and 'queue logs') and copies no entry owns.",
        "Running experiments are left alone."})
final class ExpCleanCommand extends RepoCommand {
  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      say("Cleaning up the experiment queue's leftovers...");
      int removed = jdvc.expQueue().clean();
      say("Removed " + removed + " run cop" + (removed == 1 ? "y" : "ies") + ".");
      say("Done!");
      return ExitCode.OK;
    }
  }
}
