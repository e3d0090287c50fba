package io.jdvc.cli;

import io.jdvc.AtomicFiles;
import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.TextTable;
import io.jdvc.tables.CheckReport;
import io.jdvc.tables.CheckResult;
import io.jdvc.tables.CheckResult.Outcome;
import io.jdvc.tables.DataQuality;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Run data checks (a SodaCL subset: row_count, missing, duplicate, invalid, min/max/avg, schema, "
        + "freshness, change, anomaly detection, distribution_difference) on tables at a revision. Exit 5 when a "
        + "check fails.")
final class DataCheckCommand extends RepoCommand {
  @Parameters(arity = "0..*", paramLabel = "PATH", description = "Only the 'checks for PATH' sections of these "
      + "tables (default: all).")
  List<String> paths = List.of();

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The checks file (default: checks.yml).")
  Path file = Path.of("checks.yml");

  @Option(names = "--rev", paramLabel = "REV", description = "Check the data of this revision (default: the "
      + "workspace).")
  String rev;

  @Option(names = "--baseline", paramLabel = "REV", description = "Reference of distribution_difference checks "
      + "(default: each table's previous version in Git).")
  String baseline;

  @Option(names = "--at-commit", description = "Measure freshness at the commit time of --rev instead of now.")
  boolean atCommit;

  @Option(names = "--fail-on", paramLabel = "warn", description = "'warn': exit 6 when checks warned but none "
      + "failed.")
  String failOn;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report, one testcase per "
      + "check.")
  Path junit;

  @Mixin DataOutput output;

  @Override
  public Integer call() throws Exception {
    if (failOn != null && !failOn.equals("warn")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--fail-on takes 'warn', not '" + failOn
          + "'");
    }
    try (Jdvc jdvc = open(); DataQuality dq = jdvc.data()) {
      Path cwd = root().workingDirectory();
      Instant now = atCommit ? dq.commitTime(rev == null ? "HEAD" : rev) : Instant.now();
      CheckReport report = dq.check(cwd.resolve(file), paths, rev, baseline, now);
      if (output.json()) {
        out().print(Json.write(toJson(report)));
      } else {
        out().print(output.md() ? markdown(report) : text(report));
      }
      out().flush();
      if (junit != null) {
        AtomicFiles.write(cwd.resolve(junit), junit(report).getBytes(StandardCharsets.UTF_8));
      }
      if (report.count(Outcome.FAIL) > 0) {
        return ExitCode.DATA_FAILED;
      }
      if (report.count(Outcome.ERROR) > 0) {
        return ExitCode.ERROR;
      }
      return failOn != null && report.count(Outcome.WARN) > 0 ? ExitCode.DATA_WARNED : ExitCode.OK;
    }
  }

  private static String observed(CheckResult r) {
    return r.observed() instanceof Double d ? TextTable.number(d) : r.observed() == null ? "" : r.observed()
        .toString();
  }

  private static String summary(CheckReport r) {
    return r.count(Outcome.PASS) + " passed, " + r.count(Outcome.WARN) + " warned, " + r.count(Outcome.FAIL)
        + " failed, " + r.count(Outcome.ERROR) + " errors" + (r.count(Outcome.NOT_EVALUATED) > 0 ? ", "
            + r.count(Outcome.NOT_EVALUATED) + " not evaluated" : "");
  }

  static String text(CheckReport report) {
    StringBuilder b = new StringBuilder();
    String table = null;
    for (CheckResult r : report.results()) {
      if (!r.table().equals(table)) {
        table = r.table();
        b.append(table).append('\n');
      }
      b.append("  ").append(r.check().label()).append(" [").append(r.outcome().label()).append(']');
      String obs = observed(r);
      if (!obs.isEmpty()) {
        b.append(" (").append(obs).append(')');
      }
      if (r.message() != null) {
        b.append(" - ").append(r.message());
      }
      b.append('\n');
    }
    return b.append("checks: ").append(summary(report)).append('\n').toString();
  }

  static String markdown(CheckReport report) {
    TextTable t = new TextTable("table", "check", "outcome", "observed", "details");
    for (CheckResult r : report.results()) {
      String icon = switch (r.outcome()) {
        case PASS -> "✅ ";
        case WARN -> "⚠️ ";
        case FAIL, ERROR -> "❌ ";
        case NOT_EVALUATED -> "";
      };
      t.row("`" + r.table() + "`", "`" + r.check().label() + "`", icon + r.outcome().label(), observed(r),
          r.message());
    }
    return "**Data checks:** " + summary(report) + "\n\n" + t.markdown();
  }

  /** Great Expectations' validation result shape, with Soda's outcome per check. */
  static Map<String, Object> toJson(CheckReport report) {
    long evaluated = report.results().size() - report.count(Outcome.NOT_EVALUATED);
    long ok = report.count(Outcome.PASS) + report.count(Outcome.WARN);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema_version", 1);
    m.put("success", report.count(Outcome.FAIL) + report.count(Outcome.ERROR) == 0);
    m.put("statistics", Json.object("evaluated", evaluated, "successful", ok, "unsuccessful", evaluated - ok,
        "success_percent", evaluated == 0 ? null : 100.0 * ok / evaluated, "warned", report.count(Outcome.WARN)));
    List<Object> results = new ArrayList<>();
    for (CheckResult r : report.results()) {
      results.add(Json.object("table", r.table(), "check", r.check().label(), "line", r.check().line(), "outcome",
          r.outcome().id(), "success", r.outcome() == Outcome.PASS || r.outcome() == Outcome.WARN, "observed_value",
          r.observed(), "message", r.message()));
    }
    m.put("results", results);
    return m;
  }

  static String junit(CheckReport report) {
    StringBuilder cases = new StringBuilder();
    for (CheckResult r : report.results()) {
      cases.append("    <testcase classname=\"").append(xml(r.table())).append("\" name=\"")
          .append(xml(r.check().label())).append("\"");
      String detail = xml("observed " + observed(r) + (r.message() == null ? "" : ": " + r.message()));
      switch (r.outcome()) {
        case FAIL -> cases.append(">\n      <failure message=\"").append(detail).append("\"/>\n    </testcase>\n");
        case ERROR -> cases.append(">\n      <error message=\"").append(detail).append("\"/>\n    </testcase>\n");
        case NOT_EVALUATED -> cases.append(">\n      <skipped message=\"").append(detail)
            .append("\"/>\n    </testcase>\n");
        case WARN -> cases.append(">\n      <system-out>WARNED: ").append(detail)
            .append("</system-out>\n    </testcase>\n");
        default -> cases.append("/>\n");
      }
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"jdvc data check\" tests=\""
        + report.results().size() + "\" failures=\"" + report.count(Outcome.FAIL) + "\" errors=\""
        + report.count(Outcome.ERROR) + "\" skipped=\"" + report.count(Outcome.NOT_EVALUATED) + "\">\n" + cases
        + "  </testsuite>\n</testsuites>\n";
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
