package io.jdvc.cli;

import io.jdvc.experiments.ExpTable;
import java.util.ArrayList;
import java.util.List;

/** The experiment table as text: aligned columns, GitHub Markdown, or DVC's CSV. */
final class ExpTableText {
  private ExpTableText() {}

  static String plain(List<String> headers, List<ExpTable.Row> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    rows.forEach(r -> all.add(r.cells()));
    return aligned(all);
  }

  /**
   * The table fitted to {@code maxWidth} columns of text as DVC fits it: collapsible columns are hidden from the
   * right until it fits, each run of hidden neighbours shown as one {@code …} column. What still does not fit is
   * printed as it is (the terminal wraps it).
   */
  static String fitted(List<String> headers, List<ExpTable.Row> rows, List<Boolean> collapsible, int maxWidth) {
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    rows.forEach(r -> all.add(r.cells()));
    int[] widths = widths(all);
    boolean[] hidden = new boolean[widths.length];
    for (int c = widths.length - 1; c >= 0 && width(widths, hidden) > maxWidth; c--) {
      hidden[c] = collapsible.get(c);
    }
    List<List<String>> shown = new ArrayList<>();
    for (List<String> row : all) {
      List<String> cells = new ArrayList<>();
      for (int c = 0; c < row.size(); c++) {
        if (!hidden[c]) {
          cells.add(row.get(c));
        } else if (c == 0 || !hidden[c - 1]) {
          cells.add("…");
        }
      }
      shown.add(cells);
    }
    return aligned(shown);
  }

  /** The printed width: one leading space, two between columns, a run of hidden columns as one of width 1. */
  private static int width(int[] widths, boolean[] hidden) {
    int total = 1;
    for (int c = 0; c < widths.length; c++) {
      if (!hidden[c]) {
        total += widths[c] + 2;
      } else if (c == 0 || !hidden[c - 1]) {
        total += 3;
      }
    }
    return total - 2;
  }

  private static String aligned(List<List<String>> all) {
    int[] widths = widths(all);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < all.size(); i++) {
      List<String> cells = all.get(i);
      StringBuilder line = new StringBuilder(" ");
      for (int c = 0; c < cells.size(); c++) {
        line.append(pad(cells.get(c), widths[c])).append("  ");
      }
      sb.append(line.toString().stripTrailing()).append('\n');
      if (i == 0) {
        int total = 0;
        for (int w : widths) {
          total += w + 2;
        }
        sb.append(' ').append("─".repeat(Math.max(0, total - 2))).append('\n');
      }
    }
    return sb.toString();
  }

  static String markdown(List<String> headers, List<ExpTable.Row> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    rows.forEach(r -> all.add(r.cells()));
    int[] widths = widths(all);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < all.size(); i++) {
      sb.append('|');
      for (int c = 0; c < widths.length; c++) {
        sb.append(' ').append(pad(all.get(i).get(c), widths[c])).append(" |");
      }
      sb.append('\n');
      if (i == 0) {
        sb.append('|');
        for (int w : widths) {
          sb.append("-".repeat(w + 2)).append('|');
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  /** DVC's CSV: Experiment,rev,typ,Created,parent, then the value columns at full precision. */
  static String csv(List<String> headers, List<ExpTable.Row> rows) {
    StringBuilder sb = new StringBuilder();
    List<String> head = new ArrayList<>(List.of("Experiment", "rev", "typ", "Created", "parent"));
    head.addAll(headers.subList(2, headers.size()));
    sb.append(csvLine(head));
    for (ExpTable.Row r : rows) {
      List<String> cells = new ArrayList<>();
      boolean exp = r.typ().startsWith("branch");
      cells.add(exp ? r.experiment() : "");
      cells.add(r.rev());
      cells.add(r.typ());
      cells.add(r.created().equals("-") ? "" : r.created());
      cells.add(r.parent());
      cells.addAll(r.cells().subList(2, r.cells().size()));
      sb.append(csvLine(cells));
    }
    return sb.toString();
  }

  private static String csvLine(List<String> cells) {
    List<String> quoted = new ArrayList<>();
    for (String c : cells) {
      quoted.add(c.contains(",") || c.contains("\"") || c.contains("\n") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
    }
    return String.join(",", quoted) + "\r\n";
  }

  private static int[] widths(List<List<String>> all) {
    int[] widths = new int[all.get(0).size()];
    for (List<String> row : all) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).codePointCount(0, row.get(c).length()));
      }
    }
    return widths;
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.codePointCount(0, s.length())));
  }
}
