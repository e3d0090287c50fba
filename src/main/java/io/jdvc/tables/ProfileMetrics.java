package io.jdvc.tables;

import io.jdvc.JdvcException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The metrics a profile answers without reading rows: row_count, column_count, and per column missing_count,
 * missing_percent, distinct_count, avg, sum, stddev, min, max, median and freshness (seconds since the newest value).
 */
public final class ProfileMetrics {
  static final Set<String> NAMES = Set.of("row_count", "column_count", "missing_count", "missing_percent",
      "distinct_count", "avg", "sum", "stddev", "min", "max", "median", "freshness");

  private ProfileMetrics() {}

  public static boolean answers(String metric) {
    return NAMES.contains(metric);
  }

  /**
   * @param now the time freshness is measured at
   * @throws JdvcException for an unknown metric, a missing column, or a numeric metric of a non-numeric column
   */
  public static double value(TableProfile p, String metric, List<String> columns, Instant now) {
    if (metric.equals("row_count")) {
      return p.rows();
    }
    if (metric.equals("column_count")) {
      return p.columns().size();
    }
    if (!NAMES.contains(metric)) {
      throw new JdvcException("'" + metric + "' is not a metric of a profile", "metrics: " + String.join(", ",
          new java.util.TreeSet<>(NAMES)));
    }
    if (columns.isEmpty()) {
      throw new JdvcException(metric + " needs a column: " + metric + "(COLUMN)", null);
    }
    ColumnProfile col = column(p, columns.get(0));
    return switch (metric) {
      case "missing_count" -> col.nulls();
      case "missing_percent" -> p.rows() == 0 ? 0 : 100.0 * col.nulls() / p.rows();
      case "distinct_count" -> col.distinct();
      case "avg" -> numeric(col, col.mean());
      case "sum" -> numeric(col, col.sum());
      case "stddev" -> numeric(col, col.stddev());
      case "median" -> numeric(col, col.quantile(50));
      case "min" -> numeric(col, col.min() == null ? null : Double.valueOf(col.min()));
      case "max" -> numeric(col, col.max() == null ? null : Double.valueOf(col.max()));
      default -> freshness(col, now);
    };
  }

  static ColumnProfile column(TableProfile p, String name) {
    return p.column(name).orElseThrow(() -> new JdvcException("no column '" + name + "' (columns: "
        + p.columns().stream().map(ColumnProfile::name).collect(Collectors.joining(", ")) + ")", null));
  }

  private static double numeric(ColumnProfile col, Double v) {
    if (col.kind() != ColumnKind.NUMERIC) {
      throw new JdvcException("column '" + col.name() + "' is " + col.type() + ", not numeric", null);
    }
    return v == null ? Double.NaN : v;
  }

  private static double freshness(ColumnProfile col, Instant now) {
    if (col.max() == null) {
      throw new JdvcException("column '" + col.name() + "' has no values", null);
    }
    try {
      String t = col.max().replace(' ', 'T');
      Instant newest;
      if (t.length() == 10) {
        newest = LocalDateTime.parse(t + "T00:00:00").toInstant(ZoneOffset.UTC);
      } else if (t.matches(".*([+-]\\d\\d(:?\\d\\d)?|Z)$")) {
        newest = OffsetDateTime.parse(t.replaceAll("([+-]\\d\\d)$", "$1:00")).toInstant();
      } else {
        newest = LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      }
      return Duration.between(newest, now).toMillis() / 1000.0;
    } catch (DateTimeParseException e) {
      throw new JdvcException("column '" + col.name() + "' (" + col.type() + ") holds no timestamps: " + col.max(),
          null);
    }
  }
}
