package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.TextTable;
import io.jdvc.tables.ColumnProfile;
import io.jdvc.tables.DataQuality;
import io.jdvc.tables.ProfileCodec;
import io.jdvc.tables.ProfileResult;
import io.jdvc.tables.TableProfile;
import io.jdvc.tables.ValueCount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "profile", mixinStandardHelpOptions = true,
    description = "Profile a table: per column type, nulls, distinct values, min/max, mean, standard deviation, "
        + "quantiles, top values and a histogram. Cached by the content's MD5, so a version is profiled once.")
final class DataProfileCommand extends TableCommand {
  @Option(names = "--columns", split = ",", paramLabel = "COL", description = "Only these columns (a,b,c).")
  List<String> columns = List.of();

  @Option(names = "--no-cache", description = "Profile again instead of reusing a cached profile (and cache "
      + "nothing).")
  boolean noCache;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open(); DataQuality dq = jdvc.data().useCache(!noCache)
        .readOptions(format.options())) {
      ProfileResult r = dq.profile(table);
      List<ColumnProfile> cols = select(r.profile());
      if (output.json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", 1);
        m.put("table", r.table().label());
        m.put("commit", r.table().commit());
        List<Object> files = new ArrayList<>();
        r.table().files().forEach(f -> files.add(Json.object("path", f.repoPath(), "md5", f.oid().value())));
        m.put("files", files);
        Map<String, Object> p = ProfileCodec.toJson(r.profile());
        List<Object> cj = new ArrayList<>();
        cols.forEach(c -> cj.add(ProfileCodec.toJson(c)));
        p.put("columns", cj);
        m.put("profile", p);
        out().print(Json.write(m));
      } else {
        String head = r.table().label() + ": " + r.profile().rows() + " rows, " + r.profile().columns().size()
            + " columns, " + r.table().files().size() + " file(s)" + (r.computed() == 0 ? " (profile cached)" : "");
        TextTable t = table(cols);
        out().print(output.md() ? "**" + head + "**\n\n" + t.markdown() : head + "\n\n" + t.text());
      }
      out().flush();
      return ExitCode.OK;
    }
  }

  private List<ColumnProfile> select(TableProfile p) {
    if (columns.isEmpty()) {
      return p.columns();
    }
    List<ColumnProfile> out = new ArrayList<>();
    for (String c : columns) {
      out.add(p.column(c).orElseThrow(() -> new io.jdvc.JdvcException("no column '" + c + "' in " + table,
          "columns: " + p.columns().stream().map(ColumnProfile::name).collect(Collectors.joining(", ")))));
    }
    return out;
  }

  static TextTable table(List<ColumnProfile> cols) {
    TextTable t = new TextTable("column", "type", "null %", "distinct", "min", "p50", "max", "mean", "stddev",
        "top values");
    for (ColumnProfile c : cols) {
      t.row(c.name(), c.type(), TextTable.number(100.0 * c.nullFraction()), (c.valuesComplete() ? "" : "~")
          + c.distinct(), clip(c.min()), TextTable.number(c.quantile(50)), clip(c.max()), TextTable.number(c.mean()),
          TextTable.number(c.stddev()), top(c.values()));
    }
    return t;
  }

  private static String top(List<ValueCount> values) {
    return values.stream().limit(3).map(v -> clip(v.value()) + " (" + v.count() + ")")
        .collect(Collectors.joining(", "));
  }

  static String clip(String s) {
    return s == null ? "" : s.length() > 24 ? s.substring(0, 23) + "…" : s;
  }

}
