package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.experiments.ExpQueue;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "kill", mixinStandardHelpOptions = true,
    description = {"Kill running queued experiments: their stage commands, then their jdvc process. Each is then"
        + " listed as failed with its exit code; its log and copy are kept; the other runs go on.",
        "Exit code 1 if a name is not running (nothing is killed then)."})
final class QueueKillCommand extends RepoCommand {
  @Parameters(arity = "1..*", paramLabel = "EXPERIMENT", description = "Names (or task id prefixes) of running "
      + "experiments.")
  List<String> names;

  @Option(names = {"-f", "--force"}, description = "SIGKILL instead of SIGTERM.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      for (ExpQueue.Entry e : jdvc.expQueue().kill(names, force)) {
        say("Killed experiment '" + e.name() + "' (task " + e.id().substring(0, 7) + ").");
      }
      return ExitCode.OK;
    }
  }
}
