package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.experiments.ExpQueue;
import java.util.ArrayList;
import java.util.List;
import io.jdvc.cli.render.Json;
import io.jdvc.experiments.ExpTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true, description = "List queued, running, succeeded and "
    + "failed experiments of the queue.")
final class QueueStatusCommand extends RepoCommand {
  @Option(names = "--json", description = "Each entry as JSON: task, name, baseline, created, status, returncode, "
      + "log.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      ExpQueue queue = jdvc.expQueue().queue();
      if (json) {
        List<Object> entries = new ArrayList<>();
        for (ExpQueue.Entry e : queue.entries()) {
          entries.add(Json.object("task", e.id(), "name", e.name(), "baseline", e.baseline(), "created",
              e.created().toString(), "status", e.status().name().toLowerCase(java.util.Locale.ROOT), "returncode",
              e.returncode() == null ? null : e.returncode().longValue(), "log",
              java.nio.file.Files.exists(queue.log(e)) ? queue.log(e).toString() : null));
        }
        out().print(Json.write(entries));
        out().flush();
        return ExitCode.OK;
      }
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("Task", "Name", "Created", "Status"));
      for (ExpQueue.Entry e : queue.entries()) {
        String status = e.status().name().charAt(0) + e.status().name().substring(1).toLowerCase();
        rows.add(List.of(e.id().substring(0, 7), e.name(), ExpTable.created(e.created()),
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
