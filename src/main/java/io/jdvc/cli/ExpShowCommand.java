package io.jdvc.cli;

import io.jdvc.api.Experiments;
import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.experiments.ExpShowJson;
import io.jdvc.experiments.ExpTable;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Print experiments and their baselines with metrics, params and dependencies, as a table, "
        + "--json, --csv or --md.")
final class ExpShowCommand extends RepoCommand {
  @Mixin ExpScope scope;

  @Option(names = "--json", description = "JSON in DVC's shape.")
  boolean json;

  @Option(names = "--csv", description = "Comma-separated values, full precision.")
  boolean csv;

  @Option(names = "--md", description = "A GitHub Markdown table.")
  boolean md;

  @Option(names = "--only-changed", description = "Only the columns whose values differ between rows.")
  boolean onlyChanged;

  @Option(names = "--sort-by", paramLabel = "[FILE:]KEY", description = "Sort experiments by this metric or param.")
  String sortBy;

  @Option(names = "--sort-order", paramLabel = "asc|desc", description = "Sort order (default asc).")
  String sortOrder = "asc";

  @Option(names = "--precision", paramLabel = "N", description = "Significant digits of numbers (default 5).")
  int precision = 5;

  @Option(names = "--keep", paramLabel = "REGEX", description = "Always show columns matching this.")
  List<String> keep = new ArrayList<>();

  @Option(names = "--drop", paramLabel = "REGEX", description = "Hide columns matching this.")
  List<String> drop = new ArrayList<>();

  @Option(names = "--hide-workspace", description = "Leave out the workspace row.")
  boolean hideWorkspace;

  @Option(names = "--sha", description = "Name baselines by their commit id, not their branch or tag.")
  boolean sha;

  @Option(names = "--hide-queued", description = "Leave out queued experiments.")
  boolean hideQueued;

  @Option(names = "--hide-failed", description = "Leave out failed runs of the queue.")
  boolean hideFailed;

  /**
   * The terminal's width: {@code COLUMNS} if set, else what {@code stty size} says of the terminal; 0 when the
   * output is no terminal (a pipe or a file gets every column, for pagers such as {@code less -S} and scripts).
   */
  static int terminalWidth() {
    String columns = System.getenv("COLUMNS");
    if (columns != null && columns.matches("[1-9][0-9]{0,4}")) {
      return Integer.parseInt(columns);
    }
    if (System.console() == null) {
      return 0;
    }
    try {
      Process p = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 && out.matches("\\d+ \\d+") ? Integer.parseInt(out.split(" ")[1]) : 0;
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      Experiments.Table t = jdvc.experiments().show(scope.toScope(), !hideQueued, !hideFailed);
      if (sha) {
        t = new Experiments.Table(t.workspace(), t.baselines().stream()
            .map(b -> new io.jdvc.experiments.ExpState.Baseline(b.state().withName(null), b.experiments())).toList());
      }
      if (json) {
        List<Object> all = ExpShowJson.of(t.workspace(), t.baselines());
        out().print(Json.write(hideWorkspace ? all.subList(1, all.size()) : all));
        out().flush();
        return ExitCode.OK;
      }
      ExpTable table = ExpTable.build(t.workspace(), t.baselines(), new ExpTable.Options(precision, onlyChanged,
          sortBy, "desc".equalsIgnoreCase(sortOrder), keep, drop, csv));
      List<ExpTable.Row> rows = hideWorkspace ? table.rows().subList(1, table.rows().size()) : table.rows();
      if (csv) {
        out().print(ExpTableText.csv(table.headers(), rows));
      } else if (md) {
        out().print(ExpTableText.markdown(table.headers(), rows));
      } else {
        int width = terminalWidth();
        out().print(width > 0 ? ExpTableText.fitted(table.headers(), rows, table.collapsible(), width)
            : ExpTableText.plain(table.headers(), rows));
      }
      out().flush();
      return ExitCode.OK;
    }
  }
}
