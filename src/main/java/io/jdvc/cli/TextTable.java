package io.jdvc.cli;

import java.util.List;

/** Rows of cells as left-aligned columns, two spaces apart; the first row is the header. */
final class TextTable {
  private TextTable() {}

  static String aligned(List<List<String>> rows) {
    int cols = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[cols];
    for (List<String> r : rows) {
      for (int c = 0; c < r.size(); c++) {
        widths[c] = Math.max(widths[c], r.get(c).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < r.size(); c++) {
        line.append(r.get(c)).append(" ".repeat(widths[c] - r.get(c).length() + 2));
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
