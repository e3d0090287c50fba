package io.jdvc.cli;

import io.jdvc.api.DataLogChart;
import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.TextTable;
import io.jdvc.tables.DataQuality;
import io.jdvc.tables.TableVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "log", mixinStandardHelpOptions = true,
    description = "Show metrics of a table (rows, nulls of a column, a mean ...) over every commit that changed it, "
        + "newest first, read from the versions' profiles.")
final class DataLogCommand extends RepoCommand {
  @Parameters(paramLabel = "PATH", description = "A table file, a directory or a glob of them.")
  String table;

  @Option(names = {"-m", "--metric"}, split = ",", paramLabel = "METRIC", description = "Metrics to show (default: "
      + "row_count,column_count): row_count, column_count, missing_count(c), missing_percent(c), distinct_count(c), "
      + "avg(c), sum(c), stddev(c), min(c), max(c), median(c).")
  List<String> metrics = List.of("row_count", "column_count");

  @Option(names = "--rev", paramLabel = "REV", description = "Where history starts (default: HEAD).")
  String rev = "HEAD";

  @Option(names = "-n", paramLabel = "N", description = "At most N versions (default: 20).")
  int max = 20;

  @Option(names = "--html", description = "Also draw each metric over the versions into DIR/index.html, the "
      + "self-contained page 'plots show' writes.")
  boolean html;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Directory for --html's index.html (default: "
      + "dvc_plots).")
  java.nio.file.Path out = java.nio.file.Path.of("dvc_plots");

  @Mixin DataOutput output;

  @Mixin FormatOption format;

  @Override
  public Integer call() throws Exception {
    OptionChecks.atLeastOne(spec, "-n", max);
    try (Jdvc jdvc = open(); DataQuality dq = jdvc.data().readOptions(format.options())) {
      List<TableVersion> versions = dq.log(table, rev, max, metrics);
      if (html) {
        java.nio.file.Path page = DataLogChart.write(jdvc, table, metrics, versions, out);
        err().println("chart: " + page.toUri());
        err().flush();
      }
      if (output.json()) {
        List<Object> rows = new ArrayList<>();
        for (TableVersion v : versions) {
          Map<String, Object> values = new java.util.LinkedHashMap<>();
          v.values().forEach((k, x) -> values.put(k, x.isNaN() ? null : x));
          rows.add(Json.object("commit", v.commit().commitId(), "date", v.commit().commitTime().toString(), "author",
              v.commit().authorName(), "subject", v.commit().subject(), "metrics", values, "errors", v.errors()));
        }
        out().print(Json.write(Json.object("schema_version", 1, "path", table, "versions", rows)));
      } else {
        List<String> headers = new ArrayList<>(List.of("commit", "date", "subject"));
        headers.addAll(metrics);
        TextTable t = new TextTable(headers.toArray(new String[0]));
        for (TableVersion v : versions) {
          List<Object> cells = new ArrayList<>(List.of(v.commit().shortId(), v.commit().commitTime().toString()
              .substring(0, 10), DataProfileCommand.clip(v.commit().subject())));
          v.values().values().forEach(x -> cells.add(x.isNaN() ? "-" : TextTable.number(x)));
          t.row(cells.toArray());
        }
        out().print(output.md() ? t.markdown() : t.text());
        versions.stream().flatMap(v -> v.errors().values().stream()).distinct()
            .forEach(e -> err().println("WARNING: " + e));
      }
      out().flush();
      return ExitCode.OK;
    }
  }
}
