package io.jdvc.experiments;

import io.jdvc.JdvcException;
import io.jdvc.pointer.PythonFloat;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code exp show} as a table, columns as DVC builds them ({@code commands/experiments/show.py}): Experiment,
 * Created, State and Executor (only when a run of the queue is shown), then metrics, params and deps columns.
 * Keys are flattened with {@code .}; a key found in more than one file is shown as {@code file:key}. Numbers are
 * rounded to {@code precision} significant digits (Python's {@code .{p}g}); a missing value is {@code -}.
 */
public final class ExpTable {
  /** Options of the table. */
  public record Options(int precision, boolean onlyChanged, String sortBy, boolean descending, List<String> keep,
      List<String> drop, boolean fullPrecision) {
    public static Options defaults() {
      return new Options(5, false, null, false, List.of(), List.of(), false);
    }
  }

  /** A row: the cells of each column, plus CSV's own fields. */
  public record Row(String experiment, String rev, String typ, String created, String parent, List<String> cells) {}

  private final List<String> headers;
  private final List<String> kinds;
  private final List<Row> rows;

  private ExpTable(List<String> headers, List<String> kinds, List<Row> rows) {
    this.headers = headers;
    this.kinds = kinds;
    this.rows = rows;
  }

  public List<String> headers() {
    return headers;
  }

  /**
   * Per column, whether it may be collapsed to fit a terminal, as DVC's table collapses them: every metrics,
   * params and deps column but the first of its group.
   */
  public List<Boolean> collapsible() {
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      out.add(i >= 2 && !kinds.get(i).isEmpty() && kinds.get(i).equals(kinds.get(i - 1)));
    }
    return out;
  }

  public List<Row> rows() {
    return rows;
  }

  private record Column(String kind, String file, String key, String header) {}

  public static ExpTable build(ExpState workspace, List<ExpState.Baseline> baselines, Options o) {
    List<ExpState> all = new ArrayList<>();
    all.add(workspace);
    for (ExpState.Baseline b : baselines) {
      all.add(b.state());
      all.addAll(b.experiments());
    }
    List<Column> columns = new ArrayList<>();
    columns.addAll(columns("metrics", all));
    columns.addAll(columns("params", all));
    Set<String> deps = new java.util.TreeSet<>();
    all.forEach(s -> deps.addAll(s.deps().keySet()));
    deps.forEach(d -> columns.add(new Column("deps", d, null, d)));

    Comparator<ExpState> order = null;
    if (o.sortBy() != null) {
      Column sortCol = sortColumn(columns, o.sortBy());
      Comparator<ExpState> byValue = (a, b) -> compare(raw(a, sortCol), raw(b, sortCol));
      order = o.descending() ? byValue.reversed() : byValue;
      Comparator<ExpState> inner = order;
      order = (a, b) -> {
        boolean ma = raw(a, sortCol) == null;
        boolean mb = raw(b, sortCol) == null;
        return ma != mb ? (ma ? 1 : -1) : inner.compare(a, b);
      };
    }
    // DVC drops State and Executor when no row has one: only runs of the queue do
    boolean states = all.stream().anyMatch(s -> s.executor() != null);
    boolean executors = all.stream().anyMatch(s -> s.executor() != null && s.executor().name() != null);
    Fixed fixed = new Fixed(states, executors);
    List<Row> rows = new ArrayList<>();
    rows.add(row("workspace", "workspace", "baseline", "-", "", workspace, columns, o, fixed));
    for (ExpState.Baseline b : baselines) {
      String sha7 = b.state().rev().substring(0, 7);
      String name = b.state().name() == null ? sha7 : b.state().name();
      rows.add(row(name, name, "baseline", created(b.state().created(), o), "", b.state(), columns, o, fixed));
      List<ExpState> exps = new ArrayList<>(b.experiments());
      if (order != null) {
        exps.sort(order);
      }
      for (int i = 0; i < exps.size(); i++) {
        ExpState e = exps.get(i);
        String label = o.fullPrecision() ? e.name()
            : (i == exps.size() - 1 ? "└── " : "├── ") + e.rev().substring(0, 7) + " [" + e.name() + "]";
        rows.add(row(label, e.rev().substring(0, 7), "branch_base", created(e.created(), o), sha7, e, columns, o,
            fixed));
      }
    }
    List<String> headers = new ArrayList<>(List.of("Experiment", "Created"));
    List<String> kinds = new ArrayList<>(List.of("", ""));
    if (states) {
      headers.add("State");
      kinds.add("");
    }
    if (executors) {
      headers.add("Executor");
      kinds.add("");
    }
    columns.forEach(c -> headers.add(c.header()));
    columns.forEach(c -> kinds.add(c.kind()));
    return filter(headers, kinds, rows, o);
  }

  /** Which of the optional fixed columns (State, Executor) the table has. */
  private record Fixed(boolean state, boolean executor) {}

  private static Row row(String exp, String rev, String typ, String created, String parent, ExpState s,
      List<Column> columns, Options o, Fixed fixed) {
    List<String> cells = new ArrayList<>();
    cells.add(exp);
    cells.add(created);
    String fill = o.fullPrecision() ? "" : "-";
    if (fixed.state()) {
      cells.add(s.executor() == null ? fill : capitalize(s.executor().state()));
    }
    if (fixed.executor()) {
      cells.add(s.executor() == null || s.executor().name() == null ? fill : capitalize(s.executor().name()));
    }
    for (Column c : columns) {
      cells.add(cell(s, c, o));
    }
    return new Row(exp, rev, typ, created, parent, cells);
  }

  private static ExpTable filter(List<String> headers, List<String> kinds, List<Row> rows, Options o) {
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      String h = headers.get(i);
      boolean fixed = kinds.get(i).isEmpty();
      boolean keep = o.keep().stream().anyMatch(k -> Pattern.compile(k).matcher(h).lookingAt());
      boolean drop = o.drop().stream().anyMatch(k -> Pattern.compile(k).matcher(h).lookingAt());
      if (!fixed && o.onlyChanged() && !keep) {
        int col = i;
        Set<String> values = new LinkedHashSet<>();
        rows.forEach(r -> values.add(r.cells().get(col)));
        if (values.size() <= 1) {
          continue;
        }
      }
      if (!fixed && drop && !keep) {
        continue;
      }
      kept.add(i);
    }
    List<String> h = kept.stream().map(headers::get).toList();
    List<Row> r = rows.stream().map(row -> new Row(row.experiment(), row.rev(), row.typ(), row.created(),
        row.parent(), kept.stream().map(row.cells()::get).toList())).toList();
    return new ExpTable(h, kept.stream().map(kinds::get).toList(), r);
  }

  private static Column sortColumn(List<Column> columns, String sortBy) {
    List<Column> matches = columns.stream().filter(c -> c.key() != null && (c.header().equals(sortBy)
        || c.key().equals(sortBy) || (c.file() + ":" + c.key()).equals(sortBy))).toList();
    if (matches.isEmpty()) {
      // a last key part alone (n_est for train.n_est), when only one column ends with it
      matches = columns.stream().filter(c -> c.key() != null && c.key().endsWith("." + sortBy)).toList();
    }
    if (matches.isEmpty()) {
      throw new JdvcException("Unknown sort column '" + sortBy + "'", "use a metric or param name shown by exp show");
    }
    if (matches.size() > 1) {
      throw new JdvcException("Ambiguous sort column '" + sortBy + "'", "prefix it with its file: FILE:KEY");
    }
    return matches.get(0);
  }

  @SuppressWarnings("unchecked")
  private static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a == null || b == null) {
      return 0;
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  }

  private static List<Column> columns(String kind, List<ExpState> states) {
    Map<String, Set<String>> keyFiles = new LinkedHashMap<>();
    List<String[]> order = new ArrayList<>();
    for (ExpState s : states) {
      Map<String, Object> files = kind.equals("metrics") ? s.metrics() : s.params();
      for (Map.Entry<String, Object> f : files.entrySet()) {
        for (String key : flatten(data(f.getValue())).keySet()) {
          if (keyFiles.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(f.getKey())) {
            order.add(new String[] {f.getKey(), key});
          }
        }
      }
    }
    List<Column> out = new ArrayList<>();
    for (String[] fk : order) {
      boolean clash = keyFiles.get(fk[1]).size() > 1 || List.of("Experiment", "Created", "State", "Executor")
          .contains(fk[1]);
      out.add(new Column(kind, fk[0], fk[1], clash ? fk[0] + ":" + fk[1] : fk[1]));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Object fileEntry) {
    if (fileEntry instanceof Map<?, ?> m && m.get("data") instanceof Map<?, ?> d) {
      return (Map<String, Object>) d;
    }
    return Map.of();
  }

  /** Nested maps flattened with {@code .}; lists stay values. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> flatten(Map<String, Object> tree) {
    Map<String, Object> out = new LinkedHashMap<>();
    tree.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m && !m.isEmpty()) {
        flatten((Map<String, Object>) m).forEach((k2, v2) -> out.put(k + "." + k2, v2));
      } else {
        out.put(k, v);
      }
    });
    return out;
  }

  private static final Object MISSING = new Object();

  private static Object raw(ExpState s, Column c) {
    if (c.kind().equals("deps")) {
      Map<String, Object> d = s.deps().get(c.file());
      return d == null ? null : d.get("hash");
    }
    Map<String, Object> files = c.kind().equals("metrics") ? s.metrics() : s.params();
    Map<String, Object> flat = flatten(data(files.get(c.file())));
    return flat.containsKey(c.key()) ? flat.get(c.key()) : null;
  }

  private static String cell(ExpState s, Column c, Options o) {
    Object file = c.kind().equals("deps") ? s.deps().get(c.file())
        : (c.kind().equals("metrics") ? s.metrics() : s.params()).get(c.file());
    if (file instanceof Map<?, ?> m && m.containsKey("error")) {
      return "!";
    }
    if (c.kind().equals("deps")) {
      Object hash = raw(s, c);
      return hash == null ? (o.fullPrecision() ? "" : "-") : String.valueOf(hash);
    }
    Map<String, Object> flat = flatten(data(file));
    if (!flat.containsKey(c.key())) {
      return o.fullPrecision() ? "" : "-";
    }
    return format(flat.get(c.key()), o.fullPrecision() ? -1 : o.precision());
  }

  /** A value as DVC prints it: floats to {@code precision} significant digits, Python's str for the rest. */
  public static String format(Object v, int precision) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof Double d) {
      return precision < 0 ? PythonFloat.repr(d) : significant(d, precision);
    }
    if (v instanceof List<?> l) {
      List<String> items = new ArrayList<>();
      l.forEach(x -> items.add(x instanceof String str ? "'" + str + "'" : format(x, precision)));
      return "[" + String.join(", ", items) + "]";
    }
    return String.valueOf(v);
  }

  /** Python's {@code format(d, ".{p}g")}. */
  static String significant(double d, int p) {
    if (d == 0 || Double.isNaN(d) || Double.isInfinite(d)) {
      return d == 0 ? (1 / d < 0 ? "-0" : "0") : Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
    }
    BigDecimal rounded = new BigDecimal(d).round(new MathContext(p, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= p) {
      BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
      String m = mantissa.toPlainString();
      return m + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.US, "%02d", Math.abs(exponent));
    }
    String plain = rounded.stripTrailingZeros().toPlainString();
    return plain;
  }

  /** Python's {@code str.capitalize}, as DVC prints states and executors ({@code Queued}, {@code Dvc-task}). */
  private static String capitalize(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
  }

  /** A time as DVC's tables show it: the time of day for today, else the date. */
  public static String created(Instant t) {
    return created(t, Options.defaults());
  }

  private static String created(Instant t, Options o) {
    if (t == null) {
      return "";
    }
    LocalDateTime local = LocalDateTime.ofInstant(t, ZoneId.systemDefault());
    if (o.fullPrecision()) {
      return local.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }
    if (local.toLocalDate().equals(LocalDate.now())) {
      return local.format(DateTimeFormatter.ofPattern("hh:mm a", Locale.ENGLISH));
    }
    return local.format(DateTimeFormatter.ofPattern("MMM dd, yyyy", Locale.ENGLISH));
  }
}
