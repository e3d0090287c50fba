package io.jdvc.cli.render;

import io.jdvc.metrics.FileValues;
import io.jdvc.metrics.FlatValues;
import io.jdvc.metrics.PyNumbers;
import io.jdvc.metrics.RevisionValues;
import io.jdvc.metrics.ValueChange;
import io.jdvc.metrics.ValuesDiff;
import io.jdvc.pipeline.PythonRepr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Params and metrics as DVC prints them ({@code dvc/compare.py}): diff tables with the columns {@code Path},
 * {@code Param}/{@code Metric}, the two revisions and (metrics only) {@code Change}; the metrics table with a column
 * per flattened key; and DVC's JSON shapes. Values print as Python's {@code str()} does, floats rounded to
 * {@code precision} digits where DVC rounds them; an absent value is {@code -}.
 */
public final class ValuesRenderer {
  /** DVC's default {@code --precision} for metrics. */
  public static final int DEFAULT_PRECISION = 5;

  private ValuesRenderer() {}

  /**
   * The diff as a table.
   *
   * @param title {@code Param} or {@code Metric}
   * @param changes whether to show the {@code Change} column (DVC shows it for metrics)
   * @param percent whether to add a {@code Change %} column
   * @param precision digits floats are rounded to, or null for none (params)
   */
  public static Table diffTable(ValuesDiff diff, String title, String aRev, String bRev, boolean changes,
      boolean percent, Integer precision, boolean noPath) {
    List<String> headers = new ArrayList<>(List.of("Path", title, aRev, bRev));
    if (changes) {
      headers.add("Change");
    }
    if (percent) {
      headers.add("Change %");
    }
    if (noPath) {
      headers.remove(0);
    }
    Table t = new Table(headers);
    diff.files().forEach((path, keys) -> keys.forEach((key, c) -> {
      List<String> row = new ArrayList<>(List.of(path, key, text(c.oldValue(), precision),
          text(c.newValue(), precision)));
      if (changes) {
        row.add(text(c.diff(), precision));
      }
      if (percent) {
        row.add(c.percent() == null ? "-" : String.format(java.util.Locale.US, "%+.2f%%", c.percent()));
      }
      t.row(noPath ? row.subList(1, row.size()) : row);
    }));
    return t;
  }

  /** DVC's diff JSON: {@code {path: {key: {"old": …, "new": …, "diff": …}}}} ({@code diff} only for numbers). */
  public static Map<String, Object> diffJson(ValuesDiff diff, boolean percent) {
    Map<String, Object> out = new LinkedHashMap<>();
    diff.files().forEach((path, keys) -> {
      Map<String, Object> file = new LinkedHashMap<>();
      keys.forEach((key, c) -> file.put(key, changeJson(c, percent)));
      out.put(path, file);
    });
    return out;
  }

  private static Map<String, Object> changeJson(ValueChange c, boolean percent) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("old", json(c.oldValue()));
    m.put("new", json(c.newValue()));
    if (c.diff() != null) {
      m.put("diff", json(c.diff()));
    }
    if (percent && c.percent() != null) {
      m.put("pct", json(c.percent()));
    }
    return m;
  }

  /** DVC's {@code metrics show} table: Revision (with {@code withRevision}), Path, then each key, sorted. */
  public static Table metricsTable(List<RevisionValues> revisions, boolean withRevision, int precision) {
    TreeSet<String> keys = new TreeSet<>();
    List<Map<String, String>> rows = new ArrayList<>();
    for (RevisionValues rev : revisions) {
      rev.files().forEach((path, values) -> {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("Revision", rev.revision());
        row.put("Path", path);
        FlatValues.flatten(values.data()).forEach((k, v) -> {
          keys.add(k);
          row.put(k, text(v, precision));
        });
        rows.add(row);
      });
    }
    List<String> headers = new ArrayList<>();
    if (withRevision) {
      headers.add("Revision");
    }
    headers.add("Path");
    headers.addAll(keys);
    Table t = new Table(headers);
    for (Map<String, String> row : rows) {
      t.row(headers.stream().map(h -> row.getOrDefault(h, "-")).toList());
    }
    return t;
  }

  /**
   * DVC's {@code metrics show --json}: {@code {rev: {"data": {path: {"data": {...}} or {"error": {...}}}}}}, or
   * {@code {rev: {"error": {...}}}} for a revision whose pipelines cannot be loaded.
   */
  public static Map<String, Object> metricsJson(List<RevisionValues> revisions) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RevisionValues rev : revisions) {
      if (rev.error() != null) {
        out.put(rev.revision(), Map.of("error", error("LoadError", rev.error())));
        continue;
      }
      Map<String, Object> files = new LinkedHashMap<>();
      rev.files().forEach((path, values) -> files.put(path, fileJson(path, rev.revision(), values)));
      out.put(rev.revision(), Map.of("data", files));
    }
    return out;
  }

  private static Map<String, Object> fileJson(String path, String rev, FileValues values) {
    return switch (values.status()) {
      case OK -> Map.of("data", json(values.data()));
      case MISSING -> Map.of("error", error("FileNotFoundError", path + " does not exist at " + rev));
      case ERROR -> Map.of("error", error("ParseError", values.error()));
    };
  }

  private static Map<String, Object> error(String type, String msg) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("msg", msg);
    return m;
  }

  /** Python's {@code str(value)}, a float first rounded to {@code precision} digits when given; null is "-". */
  public static String text(Object v, Integer precision) {
    if (v == null) {
      return "-";
    }
    if (v instanceof Double d) {
      return PythonRepr.repr((Object) (precision == null ? d : PyNumbers.round(d, precision)));
    }
    return PythonRepr.str(v);
  }

  /** A value for {@link Json}: floats as Python's {@code json.dumps} writes them. */
  @SuppressWarnings("unchecked")
  static Object json(Object v) {
    if (v instanceof Double d) {
      return new PyFloat(d);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, x) -> out.put(k, json(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(ValuesRenderer::json).toList();
    }
    return v;
  }

  /** A float that {@link Json} prints as Python does: {@code 0.1}, {@code 1e-05}, {@code NaN}, {@code Infinity}. */
  static final class PyFloat extends Number {
    private static final long serialVersionUID = 1L;
    private final double value;

    PyFloat(double value) {
      this.value = value;
    }

    @Override
    public String toString() {
      if (Double.isNaN(value)) {
        return "NaN";
      }
      if (Double.isInfinite(value)) {
        return value > 0 ? "Infinity" : "-Infinity";
      }
      return PythonRepr.repr((Object) value);
    }

    @Override
    public int intValue() {
      return (int) value;
    }

    @Override
    public long longValue() {
      return (long) value;
    }

    @Override
    public float floatValue() {
      return (float) value;
    }

    @Override
    public double doubleValue() {
      return value;
    }
  }
}
