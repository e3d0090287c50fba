package io.jdvc.cli;

import io.jdvc.api.Experiments;
import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.experiments.ExpDiff;
import io.jdvc.experiments.ExpTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Show changes in params and metrics between two experiments or commits (default: HEAD and the "
        + "workspace).")
final class ExpDiffCommand extends RepoCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "A", description = "Old experiment or commit (HEAD).")
  String a;

  @Parameters(index = "1", arity = "0..1", paramLabel = "B", description = "New experiment or commit (workspace).")
  String b;

  @Option(names = "--all", description = "Also unchanged values.")
  boolean all;

  @Option(names = "--json", description = "DVC's JSON.")
  boolean json;

  @Option(names = "--md", description = "A GitHub Markdown table.")
  boolean md;

  @Option(names = "--precision", paramLabel = "N", description = "Significant digits of numbers (default 5).")
  int precision = 5;

  @Override
  @SuppressWarnings("unchecked")
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      Experiments exps = jdvc.experiments();
      String oldName = a == null ? "HEAD" : a;
      String newName = b == null ? "workspace" : b;
      Map<String, Object> diff = ExpDiff.of(exps.state(oldName), exps.state(newName), all);
      if (json) {
        out().print(Json.write(diff));
        out().flush();
        return ExitCode.OK;
      }
      // as DVC: a Metric table (numbers to --precision digits), then a Param table (values as they are)
      StringBuilder text = new StringBuilder();
      for (String[] section : List.of(new String[] {"metrics", "Metric"}, new String[] {"params", "Param"})) {
        int digits = section[0].equals("metrics") ? precision : -1;
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Path", section[1], oldName, newName, "Change"));
        for (Map.Entry<String, Object> f : ((Map<String, Object>) diff.get(section[0])).entrySet()) {
          for (Map.Entry<String, Object> k : ((Map<String, Object>) f.getValue()).entrySet()) {
            Map<String, Object> c = (Map<String, Object>) k.getValue();
            rows.add(List.of(f.getKey(), k.getKey(), cell(c.get("old"), digits), cell(c.get("new"), digits),
                c.containsKey("diff") ? cell(c.get("diff"), digits) : "-"));
          }
        }
        if (rows.size() == 1) {
          continue;
        }
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(md ? markdown(rows) : TextTable.aligned(rows));
      }
      out().print(text);
      out().flush();
      return ExitCode.OK;
    }
  }

  private static String cell(Object v, int digits) {
    return v == null ? "-" : ExpTable.format(v, digits);
  }

  private static String markdown(List<List<String>> rows) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      sb.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
      if (i == 0) {
        sb.append("|").append("---|".repeat(rows.get(0).size())).append('\n');
      }
    }
    return sb.toString();
  }
}
