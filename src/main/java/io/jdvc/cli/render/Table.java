package io.jdvc.cli.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of strings printed as DVC prints its tables through {@code tabulate}: {@code plain} (columns two spaces
 * apart, each at least its header plus two wide, trailing blanks stripped), GitHub Markdown, or CSV as Python's
 * {@code csv.writer} writes it ({@code \r\n} line ends, fields quoted only when they need it).
 */
public final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(List<String> headers) {
    this.headers = List.copyOf(headers);
  }

  public Table row(List<String> cells) {
    rows.add(List.copyOf(cells));
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** {@code tabulate(tablefmt="plain")}; empty when there are no rows, as DVC prints nothing then. */
  public String plain() {
    if (rows.isEmpty()) {
      return "";
    }
    int[] w = widths();
    StringBuilder b = new StringBuilder();
    line(b, headers, w, "", "  ", "");
    for (List<String> r : rows) {
      b.append('\n');
      line(b, r, w, "", "  ", "");
    }
    return b.toString();
  }

  /** {@code tabulate(tablefmt="github")}: a header row, a dash rule and the rows, each between pipes. */
  public String markdown() {
    int[] w = widths();
    StringBuilder b = new StringBuilder();
    line(b, headers, w, "| ", " | ", " |");
    b.append("\n|");
    for (int width : w) {
      b.append("-".repeat(width + 2)).append('|');
    }
    for (List<String> r : rows) {
      b.append('\n');
      line(b, r, w, "| ", " | ", " |");
    }
    return b.toString();
  }

  /** CSV with the header first. */
  public String csv() {
    StringBuilder b = new StringBuilder();
    csvLine(b, headers);
    rows.forEach(r -> csvLine(b, r));
    return b.toString();
  }

  private int[] widths() {
    int[] w = new int[headers.size()];
    for (int c = 0; c < w.length; c++) {
      w[c] = length(headers.get(c)) + 2;
      for (List<String> r : rows) {
        w[c] = Math.max(w[c], length(cell(r, c)));
      }
    }
    return w;
  }

  private static void line(StringBuilder b, List<String> cells, int[] w, String begin, String sep, String end) {
    StringBuilder l = new StringBuilder(begin);
    for (int c = 0; c < w.length; c++) {
      String text = cell(cells, c);
      l.append(c > 0 ? sep : "").append(text).append(" ".repeat(w[c] - length(text)));
    }
    l.append(end);
    b.append(end.isEmpty() ? l.toString().stripTrailing() : l);
  }

  private static String cell(List<String> row, int c) {
    return c < row.size() && row.get(c) != null ? row.get(c) : "-";
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  private static void csvLine(StringBuilder b, List<String> cells) {
    for (int c = 0; c < cells.size(); c++) {
      String s = cells.get(c) == null ? "" : cells.get(c);
      if (c > 0) {
        b.append(',');
      }
      if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
        b.append('"').append(s.replace("\"", "\"\"")).append('"');
      } else {
        b.append(s);
      }
    }
    b.append("\r\n");
  }
}
