package io.jdvc.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A starting checks file from a profile, by Deequ's default rules (ConstraintSuggestionRunner): a complete column
 * must stay complete; a mostly complete one keeps its null share under the upper Wald bound; types and required
 * columns are retained; a column with few distinct values keeps them; a non-negative column stays non-negative; a
 * column whose values are (nearly) all different stays unique.
 */
final class Suggester {
  /** Categorical columns with at most this many values get a {@code valid values} check. */
  static final int MAX_VALID_VALUES = 20;

  private Suggester() {}

  static String suggest(String table, TableProfile p) {
    List<String> lines = new ArrayList<>();
    lines.add("# suggested by 'jdvc data suggest " + table + "' from " + p.rows() + " rows; review before use");
    lines.add("checks for " + table + ":");
    lines.add("  - row_count > 0");
    lines.add("  - schema:");
    lines.add("      fail:");
    lines.add("        when required column missing: [" + String.join(", ", p.columns().stream()
        .map(c -> quote(c.name())).toList()) + "]");
    lines.add("        when wrong column type:");
    for (ColumnProfile c : p.columns()) {
      lines.add("          " + quote(c.name()) + ": " + c.type());
    }
    lines.add("      warn:");
    lines.add("        when schema changes: any");
    for (ColumnProfile c : p.columns()) {
      String col = c.name().matches("[A-Za-z_][A-Za-z0-9_]*") ? c.name() : "\"" + c.name() + "\"";
      double completeness = c.rows() == 0 ? 0 : (double) c.count() / c.rows();
      if (c.rows() > 0 && c.nulls() == 0) {
        lines.add("  - missing_count(" + col + ") = 0");
      } else if (completeness >= 0.2 && completeness < 1) {
        double lower = completeness - 1.96 * Math.sqrt(completeness * (1 - completeness) / c.rows());
        double maxMissing = Math.ceil(10000 * (1 - lower)) / 100;
        lines.add("  - missing_percent(" + col + ") <= " + fmt(maxMissing) + "%");
      }
      if (c.valuesComplete() && c.distinct() <= MAX_VALID_VALUES && c.distinct() > 0
          && c.kind() != ColumnKind.NUMERIC || c.kind() == ColumnKind.NUMERIC && c.valuesComplete()
          && c.distinct() <= 5 && c.distinct() > 0) {
        lines.add("  - invalid_count(" + col + ") = 0:");
        lines.add("      valid values: [" + String.join(", ", c.values().stream().map(v -> quote(v.value()))
            .toList()) + "]");
      }
      if (c.kind() == ColumnKind.NUMERIC && c.min() != null && Double.parseDouble(c.min()) >= 0) {
        lines.add("  - min(" + col + ") >= 0");
      }
      boolean keyLike = c.kind() == ColumnKind.STRING || c.type().toUpperCase(Locale.ROOT).endsWith("INT")
          || c.type().equalsIgnoreCase("INTEGER");
      if (keyLike && c.count() > 1 && Math.abs(1 - (double) c.distinct() / c.count()) <= 0.08) {
        lines.add("  - duplicate_count(" + col + ") = 0");
      }
    }
    return String.join("\n", lines) + "\n";
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
