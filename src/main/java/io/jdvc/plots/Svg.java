package io.jdvc.plots;

import java.util.Locale;

/** A small SVG writer: elements appended as text, attribute values and text escaped. */
final class Svg {
  /** Vega's default category colours (Tableau 10), so series look as they do in DVC's plots. */
  static final String[] COLORS = {"#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2",
      "#ff9da6", "#9d755d", "#bab0ac"};

  private final StringBuilder b = new StringBuilder();

  Svg(int width, int height, String label) {
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
        .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" role=\"img\" aria-label=\"").append(escape(label)).append("\" class=\"chart\">\n");
  }

  static String color(int i) {
    return COLORS[i % COLORS.length];
  }

  static String num(double v) {
    return String.format(Locale.US, "%.2f", v).replaceAll("\\.?0+$", "");
  }

  Svg raw(String element) {
    b.append(element).append('\n');
    return this;
  }

  Svg line(double x1, double y1, double x2, double y2, String stroke, double width) {
    return raw("<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2)
        + "\" stroke=\"" + stroke + "\" stroke-width=\"" + num(width) + "\"/>");
  }

  Svg text(double x, double y, String text, String anchor, String extra) {
    return raw("<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\"" + extra + ">"
        + escape(text) + "</text>");
  }

  Svg rect(double x, double y, double w, double h, String fill, String extra) {
    return raw("<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(Math.max(0, w)) + "\" height=\""
        + num(Math.max(0, h)) + "\" fill=\"" + fill + "\"" + extra + "/>");
  }

  Svg rect(double x, double y, double w, double h, String fill, String extra, String title) {
    return raw("<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(Math.max(0, w)) + "\" height=\""
        + num(Math.max(0, h)) + "\" fill=\"" + fill + "\"" + extra + "><title>" + escape(title) + "</title></rect>");
  }

  Svg circle(double x, double y, double r, String fill, String title) {
    return raw("<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"" + num(r) + "\" fill=\"" + fill + "\">"
        + "<title>" + escape(title) + "</title></circle>");
  }

  String end() {
    return b.append("</svg>").toString();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
