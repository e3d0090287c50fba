package io.jdvc.cli.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Rows of cells printed as aligned columns for a terminal, or as a GitHub Markdown table. */
public final class TextTable {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(String... headers) {
    this.headers = List.of(headers);
  }

  public TextTable row(Object... cells) {
    List<String> r = new ArrayList<>();
    for (Object c : cells) {
      r.add(c == null ? "" : c.toString());
    }
    rows.add(r);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Columns padded to their widest cell, two spaces apart, no trailing blanks. */
  public String text() {
    int[] width = new int[headers.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = headers.get(i).length();
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder b = new StringBuilder();
    line(b, headers, width);
    rows.forEach(r -> line(b, r, width));
    return b.toString();
  }

  private static void line(StringBuilder b, List<String> cells, int[] width) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      l.append(cells.get(i)).append(" ".repeat(width[i] - cells.get(i).length())).append("  ");
    }
    b.append(l.toString().stripTrailing()).append('\n');
  }

  public String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("| ").append(String.join(" | ", headers.stream().map(TextTable::escape).toList())).append(" |\n");
    b.append("|").append("---|".repeat(headers.size())).append('\n');
    for (List<String> r : rows) {
      b.append("| ").append(String.join(" | ", r.stream().map(TextTable::escape).toList())).append(" |\n");
    }
    return b.toString();
  }

  private static String escape(String cell) {
    return cell.replace("|", "\\|").replace("\n", " ");
  }

  private static final Pattern FRACTION_ZEROS = Pattern.compile("\\.?0+$");

  /**
   * A number for people: integers as they are, others with 4 significant digits. Formatted in Locale.US, as every
   * String.format of a number in jdvc: the one locale whose digits and decimal point java.util.Formatter knows
   * without loading the JDK's locale data (CLDR), which cost a cached answer ~20 ms; ROOT prints the same.
   */
  public static String number(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString(d.longValue());
      }
      if (Math.abs(d) >= 1000 && Math.abs(d) < 1e15) {
        return String.format(java.util.Locale.US, "%.1f", d);
      }
      String s = String.format(java.util.Locale.US, "%.4g", d);
      // only a fraction's zeros go ("1000", 999.99 rounded, stays); one compiled pattern, as a profile table
      // formats hundreds of cells
      return s.contains("e") || !s.contains(".") ? s : FRACTION_ZEROS.matcher(s).replaceAll("");
    }
    return v.toString();
  }
}
