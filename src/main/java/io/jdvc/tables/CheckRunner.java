package io.jdvc.tables;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the checks of a checks file against tables at a revision. Metrics the profile holds (row count, missing,
 * min/max/avg/sum/stddev, distinct, freshness) cost no scan once the profile is cached; duplicates and validity
 * are one SQL query per table. {@code change}, {@code anomaly detection}, {@code distribution_difference} and
 * {@code schema changes} read the profiles of the table's earlier versions in Git.
 */
final class CheckRunner {
  /** Versions {@code anomaly detection} looks back over, and the fewest it needs. */
  static final int ANOMALY_WINDOW = 20;
  static final int ANOMALY_MIN = 4;

  private final DataQuality dq;
  private final String rev;
  private final String baseline;
  private final Instant now;

  /**
   * @param rev the revision to check, or null for the workspace
   * @param baseline the reference for distribution checks, or null for the previous version
   * @param now the time freshness is measured at
   */
  CheckRunner(DataQuality dq, String rev, String baseline, Instant now) {
    this.dq = dq;
    this.rev = rev;
    this.baseline = baseline;
    this.now = now;
  }

  CheckReport run(List<ChecksFile.Section> sections, List<String> only) throws IOException {
    for (String path : only) {
      if (sections.stream().noneMatch(s -> s.table().equals(path))) {
        throw new JdvcException("the checks file has no 'checks for " + path + "' section", "sections: "
            + String.join(", ", sections.stream().map(ChecksFile.Section::table).toList()));
      }
    }
    List<CheckResult> results = new ArrayList<>();
    for (ChecksFile.Section s : sections) {
      if (!only.isEmpty() && !only.contains(s.table())) {
        continue;
      }
      results.addAll(section(s));
    }
    return new CheckReport(results);
  }

  private List<CheckResult> section(ChecksFile.Section s) throws IOException {
    List<CheckResult> out = new ArrayList<>();
    ResolvedTable table;
    TableProfile profile;
    try {
      table = dq.resolve(s.table(), rev);
      if (!s.format().isEmpty()) {
        table = table.withOptions(s.format());
      }
      profile = dq.profile(table).profile();
    } catch (DataUnavailableException e) {
      throw e;
    } catch (JdvcException e) {
      String label = rev == null ? s.table() : s.table() + "@" + rev;
      s.checks().forEach(c -> out.add(new CheckResult(label, c, CheckResult.Outcome.ERROR, null, e.getMessage())));
      return out;
    }
    Map<String, Object> sql = sqlMetrics(table, profile, s.checks());
    History history = new History(table);
    for (CheckSpec c : s.checks()) {
      try {
        out.add(evaluate(table, profile, c, sql, history));
      } catch (JdvcException e) {
        out.add(new CheckResult(table.label(), c, CheckResult.Outcome.ERROR, null, e.getMessage()));
      }
    }
    return out;
  }

  private CheckResult evaluate(ResolvedTable table, TableProfile profile, CheckSpec c, Map<String, Object> sql,
      History history) throws IOException {
    if (c.metric().equals("schema")) {
      return schema(table, profile, c, history);
    }
    if (c.metric().equals("distribution_difference")) {
      return distribution(table, profile, c, history);
    }
    double value = metric(profile, c, sql);
    String message = null;
    if ("change".equals(c.wrapper())) {
      TableProfile prev = history.previous();
      if (prev == null) {
        return new CheckResult(table.label(), c, CheckResult.Outcome.NOT_EVALUATED, null,
            "no earlier version of " + table.path() + " to compare with");
      }
      double before = metric(prev, c, Map.of());
      boolean percent = (c.pass() != null ? c.pass() : c.fail() != null ? c.fail() : c.warn()).percent();
      message = "was " + number(before) + " in " + history.previousLabel();
      value = percent ? (before == 0 ? Double.POSITIVE_INFINITY : 100 * (value - before) / Math.abs(before))
          : value - before;
    } else if ("anomaly".equals(c.wrapper())) {
      return anomaly(table, c, value, history);
    }
    return judge(table, c, value, message);
  }

  private static CheckResult judge(ResolvedTable table, CheckSpec c, double value, String message) {
    CheckResult.Outcome o;
    if (c.pass() != null) {
      o = c.pass().holds(value) ? CheckResult.Outcome.PASS : CheckResult.Outcome.FAIL;
    } else if (c.fail() != null && c.fail().holds(value)) {
      o = CheckResult.Outcome.FAIL;
    } else if (c.warn() != null && c.warn().holds(value)) {
      o = CheckResult.Outcome.WARN;
    } else {
      o = CheckResult.Outcome.PASS;
    }
    return new CheckResult(table.label(), c, o, value, message);
  }

  // ------------------------------------------------------------------------------------------------- metrics

  /** A metric's value from the profile, or from the SQL results for those the profile cannot answer. */
  private double metric(TableProfile p, CheckSpec c, Map<String, Object> sql) {
    if (ProfileMetrics.answers(c.metric())) {
      return ProfileMetrics.value(p, c.metric(), c.columns(), now);
    }
    Object v = sql.get(c.text());
    if (v == null && !sql.containsKey(c.text())) {
      c.columns().forEach(name -> column(p, name)); // a missing column says so, not that history is unsupported
      throw new JdvcException(c.metric() + " is measured on the rows of the checked version only, not on "
          + "earlier versions", null);
    }
    return v == null ? 0 : ((Number) v).doubleValue();
  }

  private static ColumnProfile column(TableProfile p, String name) {
    return ProfileMetrics.column(p, name);
  }

  /** One query for every check that needs the rows: duplicates and validity. */
  private Map<String, Object> sqlMetrics(ResolvedTable table, TableProfile p, List<CheckSpec> checks)
      throws IOException {
    Map<String, String> exprs = new LinkedHashMap<>();
    for (CheckSpec c : checks) {
      if (!c.metric().startsWith("duplicate_") && !c.metric().startsWith("invalid_") || c.wrapper() != null) {
        continue;
      }
      try {
        c.columns().forEach(name -> column(p, name));
        exprs.put(c.text(), c.metric().startsWith("duplicate_") ? duplicates(c) : invalid(c));
      } catch (JdvcException e) {
        // reported by the check itself
      }
    }
    return exprs.isEmpty() ? Map.of() : dq.engine().aggregates(dq.local(table), exprs);
  }

  private static String duplicates(CheckSpec c) {
    List<String> ids = c.columns().stream().map(TableEngine::identifier).toList();
    String notNull = ids.stream().map(i -> i + " IS NOT NULL").collect(Collectors.joining(" AND "));
    String dup = "count(*) FILTER (WHERE " + notNull + ") - count(DISTINCT (" + String.join(", ", ids) + "))";
    return c.metric().endsWith("_percent") ? "100.0 * (" + dup + ") / greatest(count(*), 1)" : dup;
  }

  private static String invalid(CheckSpec c) {
    String id = TableEngine.identifier(c.columns().get(0));
    List<String> valid = new ArrayList<>();
    Map<String, Object> cfg = c.config();
    if (cfg.get("valid values") instanceof List<?> values) {
      valid.add(id + "::VARCHAR IN (" + values.stream().map(v -> TableEngine.literal(String.valueOf(v)))
          .collect(Collectors.joining(", ")) + ")");
    }
    if (cfg.get("valid regex") != null) {
      valid.add("regexp_full_match(" + id + "::VARCHAR, " + TableEngine.literal(String.valueOf(cfg.get(
          "valid regex"))) + ")");
    }
    bound(cfg, "valid min", id + " >= ", valid);
    bound(cfg, "valid max", id + " <= ", valid);
    bound(cfg, "valid length", "length(" + id + "::VARCHAR) = ", valid);
    bound(cfg, "valid min length", "length(" + id + "::VARCHAR) >= ", valid);
    bound(cfg, "valid max length", "length(" + id + "::VARCHAR) <= ", valid);
    if (valid.isEmpty()) {
      throw new JdvcException("'" + c.text() + "' says nothing about what is valid", "add 'valid values: [...]', "
          + "'valid regex: ...', 'valid min: N' or 'valid max: N'");
    }
    String bad = "count(*) FILTER (WHERE " + id + " IS NOT NULL AND NOT (" + String.join(" AND ", valid) + "))";
    return c.metric().endsWith("_percent") ? "100.0 * " + bad + " / greatest(count(*), 1)" : bad;
  }

  private static void bound(Map<String, Object> cfg, String key, String prefix, List<String> out) {
    if (cfg.get(key) != null) {
      out.add(prefix + Condition.number(String.valueOf(cfg.get(key))));
    }
  }

  // --------------------------------------------------------------------------------------------- history

  private CheckResult anomaly(ResolvedTable table, CheckSpec c, double value, History history) throws IOException {
    List<Double> series = new ArrayList<>();
    for (TableProfile p : history.earlier(ANOMALY_WINDOW)) {
      series.add(metric(p, c, Map.of()));
    }
    if (series.size() < ANOMALY_MIN) {
      return new CheckResult(table.label(), c, CheckResult.Outcome.NOT_EVALUATED, value, "needs " + ANOMALY_MIN
          + " earlier versions, found " + series.size());
    }
    double mean = series.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double var = series.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (series.size() - 1);
    double sd = Math.sqrt(var);
    double lo = mean - 3 * sd;
    double hi = mean + 3 * sd;
    boolean anomalous = value < lo || value > hi;
    return new CheckResult(table.label(), c, anomalous ? CheckResult.Outcome.FAIL : CheckResult.Outcome.PASS, value,
        "expected " + number(lo) + " … " + number(hi) + " (mean ± 3σ of the last " + series.size() + " versions)");
  }

  private CheckResult distribution(ResolvedTable table, TableProfile profile, CheckSpec c, History history)
      throws IOException {
    TableProfile ref = baseline != null ? dq.profile(dq.resolve(table.path(), baseline).withOptions(
        table.options())).profile()
        : history.previous();
    if (ref == null) {
      return new CheckResult(table.label(), c, CheckResult.Outcome.NOT_EVALUATED, null,
          "no earlier version of " + table.path() + " to compare with");
    }
    String method = String.valueOf(c.config().getOrDefault("method", "auto")).toLowerCase(Locale.ROOT);
    DriftTest test = switch (method) {
      case "auto" -> null;
      case "swd", "wasserstein" -> DriftTest.WASSERSTEIN;
      case "chi_square", "chisq" -> DriftTest.CHISQ;
      case "js", "jsd" -> DriftTest.JSD;
      default -> DriftTest.of(method);
    };
    String name = c.columns().get(0);
    ColumnDrift d = DriftAnalysis.column(column(ref, name), column(profile, name), test, null, ref.rows());
    if (d.score() == null) {
      throw new JdvcException(d.note(), null);
    }
    // SodaCL: the condition of a distribution check says when it fails
    Condition when = c.pass() != null ? c.pass() : c.fail();
    CheckResult.Outcome o = when != null && when.holds(d.score()) ? CheckResult.Outcome.FAIL
        : c.warn() != null && c.warn().holds(d.score()) ? CheckResult.Outcome.WARN : CheckResult.Outcome.PASS;
    return new CheckResult(table.label(), c, o, d.score(), d.test().id() + " against " + (baseline != null ? baseline
        : history.previousLabel()));
  }

  private CheckResult schema(ResolvedTable table, TableProfile profile, CheckSpec c, History history)
      throws IOException {
    List<String> fail = schemaProblems(profile, rules(c, "fail"), history);
    List<String> warn = schemaProblems(profile, rules(c, "warn"), history);
    CheckResult.Outcome o = !fail.isEmpty() ? CheckResult.Outcome.FAIL : !warn.isEmpty() ? CheckResult.Outcome.WARN
        : CheckResult.Outcome.PASS;
    List<String> all = new ArrayList<>(fail);
    all.addAll(warn);
    return new CheckResult(table.label(), c, o, profile.columns().size() + " columns", all.isEmpty() ? null
        : String.join("; ", all));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> rules(CheckSpec c, String level) {
    return (Map<String, Object>) c.config().getOrDefault(level, Map.of());
  }

  private List<String> schemaProblems(TableProfile p, Map<String, Object> rules, History history)
      throws IOException {
    List<String> problems = new ArrayList<>();
    List<String> names = p.columns().stream().map(ColumnProfile::name).toList();
    for (Map.Entry<String, Object> r : rules.entrySet()) {
      switch (r.getKey()) {
        case "when required column missing" -> list(r.getValue()).stream().filter(n -> !names.contains(n))
            .forEach(n -> problems.add("required column '" + n + "' is missing"));
        case "when forbidden column present" -> {
          for (String glob : list(r.getValue())) {
            var m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            names.stream().filter(n -> m.matches(Path.of(n))).forEach(n -> problems.add("forbidden column '" + n
                + "' is present"));
          }
        }
        case "when wrong column type" -> map(r.getValue()).forEach((col, type) -> {
          String actual = p.column(col).map(ColumnProfile::type).orElse(null);
          if (actual == null || !actual.equalsIgnoreCase(type)) {
            problems.add("column '" + col + "' is " + (actual == null ? "missing" : actual) + ", not " + type);
          }
        });
        case "when wrong column index" -> map(r.getValue()).forEach((col, index) -> {
          int actual = names.indexOf(col);
          if (actual != Integer.parseInt(index.strip())) {
            problems.add("column '" + col + "' is at index " + actual + ", not " + index);
          }
        });
        case "when schema changes" -> {
          TableProfile prev = history.previous();
          if (prev != null) {
            String since = history.previousLabel();
            SchemaDiff.compare(prev.schema(), p.schema(), null, null).forEach(ch -> problems.add("schema changed "
                + "since " + since + ": " + ch.kind().name().toLowerCase(Locale.ROOT) + " " + ch.column()));
          }
        }
        default -> throw new JdvcException("unknown schema rule '" + r.getKey() + "'", "rules: when required column "
            + "missing, when forbidden column present, when wrong column type, when wrong column index, when "
            + "schema changes");
      }
    }
    return problems;
  }

  private static List<String> list(Object v) {
    return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v));
  }

  private static Map<String, String> map(Object v) {
    Map<String, String> out = new LinkedHashMap<>();
    if (v instanceof Map<?, ?> m) {
      m.forEach((k, x) -> out.put(String.valueOf(k), String.valueOf(x)));
    }
    return out;
  }

  static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.US, "%.4g", d);
  }

  /** The checked table's earlier versions in Git, loaded on first need. */
  private final class History {
    private final ResolvedTable table;
    private List<TableResolver.Version> versions;

    History(ResolvedTable table) {
      this.table = table;
    }

    /** Versions before the checked one, newest first. */
    private List<TableResolver.Version> earlierVersions(int max) throws IOException {
      if (versions == null) {
        String start = table.commit() != null ? table.commit() : "HEAD";
        try {
          versions = dq.resolver().versions(table.path(), start, ANOMALY_WINDOW + 1);
        } catch (JdvcException e) {
          versions = List.of();
        }
      }
      List<TableResolver.Version> earlier = new ArrayList<>(versions);
      if (!earlier.isEmpty() && earlier.get(0).files().equals(table.files())) {
        earlier.remove(0); // the checked version itself
      }
      return earlier.subList(0, Math.min(max, earlier.size()));
    }

    TableProfile previous() throws IOException {
      List<TableProfile> p = earlier(1);
      return p.isEmpty() ? null : p.get(0);
    }

    String previousLabel() throws IOException {
      List<TableResolver.Version> v = earlierVersions(1);
      return v.isEmpty() ? "-" : v.get(0).commit().shortId() + " ('" + v.get(0).commit().subject() + "')";
    }

    List<TableProfile> earlier(int max) throws IOException {
      List<TableProfile> out = new ArrayList<>();
      for (TableResolver.Version v : earlierVersions(max)) {
        out.add(dq.profile(table.version(v.commit().shortId(), v.commit().commitId(), v.files())).profile());
      }
      return out;
    }
  }
}
