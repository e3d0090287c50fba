package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.experiments.ExpQueue;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "status", mixinStandardHelpOptions = true, description = "List queued, running, succeeded and "
    + "failed experiments of the queue.")
final class QueueStatusCommand extends RepoCommand {
  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("Task", "Name", "Created", "Status"));
      for (ExpQueue.Entry e : jdvc.expQueue().queue().entries()) {
        String status = e.status().name().charAt(0) + e.status().name().substring(1).toLowerCase();
        rows.add(List.of(e.id().substring(0, 7), e.name(), e.created().toString(),
            status + (e.returncode() != null && e.returncode() != 0 ? " (exit " + e.returncode() + ")"
                : e.status() == ExpQueue.Status.FAILED && e.returncode() == null ? " (its worker died)" : "")));
      }
      if (rows.size() == 1) {
        say("No experiments in the queue.");
      } else {
        out().print(TextTable.aligned(rows));
        out().flush();
      }
      return ExitCode.OK;
    }
  }
}
