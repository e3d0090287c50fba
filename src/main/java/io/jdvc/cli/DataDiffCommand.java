package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.TextTable;
import io.jdvc.tables.ColumnDrift;
import io.jdvc.tables.DataQuality;
import io.jdvc.tables.DiffRequest;
import io.jdvc.tables.DriftTest;
import io.jdvc.tables.ResolvedTable;
import io.jdvc.tables.RowDiff;
import io.jdvc.tables.SchemaChange;
import io.jdvc.tables.TableDiff;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Compare two versions of a table (default: HEAD and the workspace): schema changes classed "
        + "breaking/warning/info, row counts, per-column drift, and rows by key.")
final class DataDiffCommand extends RepoCommand {
  enum FailOn { schema, drift, rows }

  @Parameters(arity = "1..3", paramLabel = "[REV1 [REV2]] PATH", description = "Old revision (default HEAD), new "
      + "revision (default: the workspace), and the table: a file, a directory or a glob.")
  List<String> args;

  @Option(names = "--schema-only", description = "Only the schemas (for Parquet, from the file footers).")
  boolean schemaOnly;

  @Option(names = "--key", split = ",", paramLabel = "COL", description = "Compare rows matched by these key "
      + "columns: added, removed and modified rows, and modified cells per column.")
  List<String> key = List.of();

  @Option(names = "--rows", description = "Compare rows without a key (as a multiset: an edited row is one removed "
      + "and one added).")
  boolean rows;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the differing rows to this Parquet "
      + "file, with a _jdvc_status column (added, removed, modified).")
  Path output;

  @Option(names = "--test", paramLabel = "TEST", description = "Drift test for every column: auto (default), "
      + "wasserstein, jsd, ks, chisq, psi.")
  String test = "auto";

  @Option(names = "--threshold", paramLabel = "X", description = "Drift threshold of the test (default: 0.1 for "
      + "wasserstein and jsd, 0.2 for psi, p < 0.05 for ks and chisq).")
  Double threshold;

  @Option(names = "--critical", split = ",", paramLabel = "COL", description = "Columns whose drift alone trips "
      + "--fail-on drift.")
  List<String> critical = List.of();

  @Option(names = "--fail-on", split = ",", paramLabel = "WHAT", description = "Exit 5 when any of these is found: "
      + "schema (a breaking change), drift (dataset drift, or a --critical column drifted), rows (rows changed).")
  List<FailOn> failOn = List.of();

  @Mixin DataOutput formats;

  @Mixin FormatOption format;

  @Override
  public Integer call() throws Exception {
    String path = args.get(args.size() - 1);
    String oldRev = args.size() >= 2 ? args.get(0) : "HEAD";
    String newRev = args.size() == 3 ? args.get(1) : null;
    DriftTest t;
    try {
      t = test.equals("auto") ? null : DriftTest.of(test);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--test: " + e.getMessage());
    }
    if (schemaOnly && (!key.isEmpty() || rows || output != null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--schema-only compares no rows: drop --key, "
          + "--rows and -o");
    }
    try (Jdvc jdvc = open(); DataQuality dq = jdvc.data().readOptions(format.options())) {
      TableDiff d = dq.diff(new DiffRequest(path, oldRev, newRev, schemaOnly, t, threshold, key, rows,
          output == null ? null : jdvc.root().resolve(root().workingDirectory().resolve(output))));
      if (formats.json()) {
        out().print(Json.write(toJson(d)));
      } else {
        out().print(formats.md() ? markdown(d) : text(d));
      }
      out().flush();
      boolean failed = failOn.contains(FailOn.schema) && d.breaking()
          || failOn.contains(FailOn.drift) && d.drifted(critical)
          || failOn.contains(FailOn.rows) && d.rowsChanged();
      return failed ? ExitCode.DATA_FAILED : ExitCode.OK;
    }
  }

  static String side(ResolvedTable t) {
    return t.rev() == null ? "workspace" : t.rev() + " (" + t.commit().substring(0, 7) + ")";
  }

  private String text(TableDiff d) {
    StringBuilder b = new StringBuilder();
    b.append(d.after().path()).append(": ").append(side(d.before())).append(" → ").append(side(d.after()))
        .append('\n');
    if (d.oldRows() != null) {
      b.append("rows: ").append(rowLine(d)).append('\n');
    }
    b.append(d.schema().isEmpty() ? "schema: unchanged\n" : "schema:\n");
    for (SchemaChange c : d.schema()) {
      b.append("  ").append(schemaLine(c)).append('\n');
    }
    if (!d.drift().isEmpty()) {
      b.append("drift:\n").append(driftTable(d).text().indent(2));
      b.append(datasetLine(d)).append('\n');
    }
    if (d.rows() != null) {
      b.append(rowDiffLine(d)).append('\n');
    }
    return b.toString();
  }

  private String markdown(TableDiff d) {
    StringBuilder b = new StringBuilder();
    b.append("### `").append(d.after().path()).append("`: ").append(side(d.before())).append(" → ")
        .append(side(d.after())).append("\n\n");
    if (d.oldRows() != null) {
      b.append("**Rows:** ").append(rowLine(d)).append("\n\n");
    }
    if (d.schema().isEmpty()) {
      b.append("**Schema:** unchanged\n\n");
    } else {
      TextTable t = new TextTable("change", "column", "type", "severity", "note");
      for (SchemaChange c : d.schema()) {
        t.row(c.kind().name().toLowerCase(), c.column(), types(c), c.severity().label(), c.note());
      }
      b.append("**Schema:**\n\n").append(t.markdown()).append('\n');
    }
    if (!d.drift().isEmpty()) {
      b.append("**Drift:** ").append(datasetLine(d)).append("\n\n").append(driftTable(d).markdown()).append('\n');
    }
    if (d.rows() != null) {
      b.append("**").append(rowDiffLine(d)).append("**\n");
    }
    return b.toString();
  }

  private static String rowLine(TableDiff d) {
    long delta = d.newRows() - d.oldRows();
    String pct = d.oldRows() == 0 ? "" : String.format(java.util.Locale.US, ", %+.1f%%", 100.0 * delta
        / d.oldRows());
    return d.oldRows() + " → " + d.newRows() + " (" + (delta >= 0 ? "+" : "") + delta + pct + ")";
  }

  private static String types(SchemaChange c) {
    return c.oldType() == null ? c.newType() : c.newType() == null ? c.oldType() : c.oldType() + " → " + c.newType();
  }

  static String schemaLine(SchemaChange c) {
    String sign = switch (c.kind()) {
      case ADDED -> "+ ";
      case REMOVED -> "- ";
      case RETYPED -> "~ ";
      case MOVED -> "↕ ";
    };
    String what = c.kind() == SchemaChange.Kind.MOVED ? c.column() : c.column() + " (" + types(c) + ")";
    return sign + what + "  " + c.severity().label() + (c.note() == null || c.kind() == SchemaChange.Kind.MOVED
        ? c.kind() == SchemaChange.Kind.MOVED ? ", " + c.note() : "" : ", " + c.note());
  }

  private static TextTable driftTable(TableDiff d) {
    TextTable t = new TextTable("column", "test", "score", "threshold", "verdict", "psi", "null Δ pp", "mean Δ",
        "p50 Δ");
    for (ColumnDrift c : d.drift()) {
      t.row(c.column(), c.test() == null ? "-" : c.test().id(), c.score() == null ? c.note()
          : TextTable.number(c.score()), c.threshold() == null ? "" : (c.test().isPValue() ? "p < " : "")
          + TextTable.number(c.threshold()), c.verdict().label(), TextTable.number(c.psi()),
          TextTable.number(c.nullDelta()), TextTable.number(c.meanDelta()), TextTable.number(c.medianDelta()));
    }
    return t;
  }

  private static String datasetLine(TableDiff d) {
    long drifted = d.drift().stream().filter(c -> c.verdict() == ColumnDrift.Verdict.DRIFT).count();
    long compared = d.drift().stream().filter(c -> c.verdict() != ColumnDrift.Verdict.NOT_COMPARED).count();
    return "dataset drift: " + (d.datasetDrift() ? "YES" : "no") + " (" + drifted + " of " + compared
        + " compared columns drifted)";
  }

  private static String rowDiffLine(TableDiff d) {
    RowDiff r = d.rows();
    StringBuilder b = new StringBuilder(d.key().isEmpty() ? "rows (whole rows compared): "
        : "rows by key " + String.join(",", d.key()) + ": ");
    b.append(r.added()).append(" added, ").append(r.removed()).append(" removed");
    if (!d.key().isEmpty()) {
      b.append(", ").append(r.modified()).append(" modified");
      if (!r.modifiedCells().isEmpty()) {
        List<String> cells = new ArrayList<>();
        new java.util.TreeMap<>(r.modifiedCells()).forEach((k, v) -> cells.add(k + " " + v));
        b.append(" (cells: ").append(String.join(", ", cells)).append(')');
      }
    }
    return b.append(", ").append(r.unchanged()).append(" unchanged").toString();
  }

  static Map<String, Object> toJson(TableDiff d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema_version", 1);
    m.put("path", d.after().path());
    m.put("old", Json.object("rev", d.before().rev(), "commit", d.before().commit(), "rows", d.oldRows()));
    m.put("new", Json.object("rev", d.after().rev(), "commit", d.after().commit(), "rows", d.newRows()));
    List<Object> schema = new ArrayList<>();
    for (SchemaChange c : d.schema()) {
      schema.add(Json.object("change", c.kind().name().toLowerCase(), "column", c.column(), "old_type", c.oldType(),
          "new_type", c.newType(), "severity", c.severity().label(), "note", c.note()));
    }
    m.put("schema", schema);
    m.put("breaking", d.breaking());
    List<Object> drift = new ArrayList<>();
    for (ColumnDrift c : d.drift()) {
      drift.add(Json.object("column", c.column(), "test", c.test() == null ? null : c.test().id(), "score",
          c.score(), "threshold", c.threshold(), "verdict", c.verdict().name().toLowerCase(), "psi", c.psi(), "ks_d",
          c.ksD(), "null_delta_pp", c.nullDelta(), "mean_delta", c.meanDelta(), "median_delta", c.medianDelta(),
          "distinct_delta", c.distinctDelta(), "note", c.note()));
    }
    m.put("drift", drift);
    m.put("dataset_drift", d.datasetDrift());
    if (d.rows() != null) {
      RowDiff r = d.rows();
      m.put("rows", Json.object("key", d.key(), "added", r.added(), "removed", r.removed(), "modified",
          r.modified(), "unchanged", r.unchanged(), "modified_cells", new java.util.TreeMap<>(r.modifiedCells())));
    }
    return m;
  }
}
