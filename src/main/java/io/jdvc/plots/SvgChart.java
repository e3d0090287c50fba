package io.jdvc.plots;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Draws a {@link Plot} as an SVG chart with axes, ticks, axis titles and a legend, after DVC's templates:
 * {@code linear} (lines and points), {@code simple} (lines), {@code scatter} (points), {@code smooth} (the data
 * faint, a moving average over it), {@code confusion}/{@code confusion_normalized} (a matrix of actual × predicted
 * per series) and {@code bar_horizontal}/{@code bar_horizontal_sorted} (a bar per category and series).
 */
public final class SvgChart {
  private static final int WIDTH = 720;
  private static final int HEIGHT = 400;
  private static final int LEFT = 80;
  private static final int RIGHT = 24;
  private static final int TOP = 36;
  private static final int BOTTOM = 56;

  private SvgChart() {}

  public static String render(Plot plot) {
    return switch (plot.definition().template()) {
      case "confusion", "confusion_normalized" -> confusion(plot,
          plot.definition().template().equals("confusion_normalized"));
      case "bar_horizontal", "bar_horizontal_sorted" -> bars(plot,
          plot.definition().template().equals("bar_horizontal_sorted"));
      default -> xy(plot, plot.definition().template());
    };
  }

  /** The legend label of each series: its revision, plus file and field when the plot has several sources. */
  static List<String> seriesLabels(Plot plot) {
    long sources = plot.series().stream().map(s -> s.file() + "\u0000" + s.yField()).distinct().count();
    long files = plot.series().stream().map(Plot.Series::file).distinct().count();
    List<String> labels = new ArrayList<>();
    for (Plot.Series s : plot.series()) {
      labels.add(sources <= 1 ? s.revision()
          : s.revision() + " · " + (files > 1 ? s.file() + ": " : "") + s.yField());
    }
    return labels;
  }

  // ------------------------------------------------------------------------------------------------ x/y charts

  private static String xy(Plot plot, String template) {
    List<String> labels = seriesLabels(plot);
    int legendRows = legendRows(labels, WIDTH - LEFT - RIGHT);
    int height = HEIGHT + 12 + legendRows * 18;
    Svg svg = new Svg(WIDTH, height, plot.title());
    title(svg, plot.title());
    boolean numericX = plot.series().stream().flatMap(s -> s.xs().stream()).allMatch(SvgChart::isNumber);
    List<String> categories = new ArrayList<>(new LinkedHashSet<>(plot.series().stream()
        .flatMap(s -> s.xs().stream()).map(String::valueOf).toList()));
    double bottom = HEIGHT - BOTTOM;
    Axis x = numericX ? new Axis(min(plot, true), max(plot, true), LEFT, WIDTH - RIGHT, false)
        : new Axis(0, Math.max(1, categories.size() - 1), LEFT, WIDTH - RIGHT, false);
    Axis y = new Axis(min(plot, false), max(plot, false), bottom, TOP, false);
    frame(svg, x, y, numericX ? null : categories, plot.xLabel(), plot.yLabel());
    for (int i = 0; i < plot.series().size(); i++) {
      Plot.Series s = plot.series().get(i);
      String color = Svg.color(i);
      List<double[]> pts = new ArrayList<>();
      List<String> tips = new ArrayList<>();
      for (Map<String, Object> p : s.points()) {
        Object xv = p.get(s.xField());
        Object yv = p.get(s.yField());
        if (isNumber(yv) && (numericX ? isNumber(xv) : xv != null)) {
          double px = numericX ? x.pixel(value(xv)) : x.pixel(categories.indexOf(String.valueOf(xv)));
          pts.add(new double[] {px, y.pixel(value(yv))});
          tips.add(labels.get(i) + ": " + s.xField() + "=" + xv + ", " + s.yField() + "=" + yv);
        }
      }
      String seriesClass = " class=\"series\" data-series=\"" + Svg.escape(labels.get(i)) + "\"";
      svg.raw("<g" + seriesClass + ">");
      if (template.equals("smooth")) {
        polyline(svg, pts, color, 1, " stroke-opacity=\"0.3\"");
        polyline(svg, movingAverage(pts), color, 2, "");
      } else if (!template.equals("scatter")) {
        polyline(svg, pts, color, 2, "");
      }
      if (template.equals("linear") || template.equals("scatter")) {
        for (int k = 0; k < pts.size(); k++) {
          svg.circle(pts.get(k)[0], pts.get(k)[1], template.equals("scatter") ? 3.5 : 2.5, color, tips.get(k));
        }
      }
      svg.raw("</g>");
    }
    legend(svg, labels, HEIGHT + 8, WIDTH - LEFT - RIGHT);
    return svg.end();
  }

  private static void polyline(Svg svg, List<double[]> pts, String color, double width, String extra) {
    if (pts.isEmpty()) {
      return;
    }
    StringBuilder points = new StringBuilder();
    for (double[] p : pts) {
      points.append(points.length() == 0 ? "" : " ").append(Svg.num(p[0])).append(',').append(Svg.num(p[1]));
    }
    svg.raw("<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"" + Svg.num(width) + "\"" + extra
        + " points=\"" + points + "\"/>");
  }

  /** A centred moving average over about a tenth of the points, in pixel space. */
  private static List<double[]> movingAverage(List<double[]> pts) {
    int half = Math.max(1, pts.size() / 20);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < pts.size(); i++) {
      double sum = 0;
      int n = 0;
      for (int j = Math.max(0, i - half); j <= Math.min(pts.size() - 1, i + half); j++) {
        sum += pts.get(j)[1];
        n++;
      }
      out.add(new double[] {pts.get(i)[0], sum / n});
    }
    return out;
  }

  private static void frame(Svg svg, Axis x, Axis y, List<String> categories, String xLabel, String yLabel) {
    double bottom = y.pixel(y.min);
    for (double t : y.ticks()) {
      double py = y.pixel(t);
      svg.line(LEFT, py, WIDTH - RIGHT, py, "#e6e6e6", 1);
      svg.text(LEFT - 6, py + 4, y.label(t), "end", " class=\"tick\"");
    }
    if (categories == null) {
      for (double t : x.ticks()) {
        double px = x.pixel(t);
        svg.line(px, TOP, px, bottom, "#f0f0f0", 1);
        svg.text(px, bottom + 16, x.label(t), "middle", " class=\"tick\"");
      }
    } else {
      int every = Math.max(1, categories.size() / 12);
      for (int i = 0; i < categories.size(); i += every) {
        svg.text(x.pixel(i), bottom + 16, categories.get(i), "middle", " class=\"tick\"");
      }
    }
    svg.line(LEFT, bottom, WIDTH - RIGHT, bottom, "#888", 1);
    svg.line(LEFT, TOP, LEFT, bottom, "#888", 1);
    svg.text((LEFT + WIDTH - RIGHT) / 2.0, bottom + 36, xLabel, "middle", " class=\"axis-title\"");
    svg.text(18, (TOP + bottom) / 2, yLabel, "middle",
        " class=\"axis-title\" transform=\"rotate(-90 18 " + Svg.num((TOP + bottom) / 2) + ")\"");
  }

  private static void title(Svg svg, String title) {
    svg.text(WIDTH / 2.0, 22, title, "middle", " class=\"title\"");
  }

  private static int legendRows(List<String> labels, int width) {
    int rows = 1;
    int used = 0;
    for (String l : labels) {
      int w = legendWidth(l);
      if (used + w > width && used > 0) {
        rows++;
        used = 0;
      }
      used += w;
    }
    return labels.isEmpty() ? 0 : rows;
  }

  private static int legendWidth(String label) {
    return 30 + label.length() * 7;
  }

  private static void legend(Svg svg, List<String> labels, double y, int width) {
    double x = LEFT;
    svg.raw("<g class=\"legend\">");
    for (int i = 0; i < labels.size(); i++) {
      int w = legendWidth(labels.get(i));
      if (x + w > LEFT + width && x > LEFT) {
        x = LEFT;
        y += 18;
      }
      svg.rect(x, y - 9, 12, 12, Svg.color(i), "");
      svg.text(x + 17, y + 1, labels.get(i), "start", " class=\"legend-label\"");
      x += w;
    }
    svg.raw("</g>");
  }

  // ------------------------------------------------------------------------------------------------ confusion

  private static String confusion(Plot plot, boolean normalized) {
    TreeSet<String> classes = new TreeSet<>(Comparator.comparing((String s) -> !isNumber(MetricsNumber.of(s)))
        .thenComparing(s -> isNumber(MetricsNumber.of(s)) ? value(MetricsNumber.of(s)) : 0)
        .thenComparing(Comparator.naturalOrder()));
    for (Plot.Series s : plot.series()) {
      s.xs().forEach(v -> classes.add(String.valueOf(v)));
      s.ys().forEach(v -> classes.add(String.valueOf(v)));
    }
    List<String> cls = new ArrayList<>(classes);
    List<String> labels = seriesLabels(plot);
    int panel = Math.max(220, Math.min(420, 40 * cls.size() + 100));
    int width = Math.max(WIDTH, plot.series().size() * (panel + 20) + 40);
    int cell = (panel - 100) / Math.max(1, cls.size());
    int height = panel + 110;
    Svg svg = new Svg(width, height, plot.title());
    svg.text(width / 2.0, 22, plot.title(), "middle", " class=\"title\"");
    for (int p = 0; p < plot.series().size(); p++) {
      Plot.Series s = plot.series().get(p);
      double ox = 40 + p * (panel + 20) + 70;
      double oy = 60;
      Map<String, Integer> counts = new LinkedHashMap<>();
      Map<String, Integer> rowTotals = new LinkedHashMap<>();
      int max = 1;
      for (int i = 0; i < s.points().size(); i++) {
        String actual = String.valueOf(s.xs().get(i));
        String predicted = String.valueOf(s.ys().get(i));
        int c = counts.merge(actual + "\u0000" + predicted, 1, Integer::sum);
        rowTotals.merge(actual, 1, Integer::sum);
        max = Math.max(max, c);
      }
      svg.raw("<g class=\"series\" data-series=\"" + Svg.escape(labels.get(p)) + "\">");
      svg.text(ox + cell * cls.size() / 2.0, oy - 14, labels.get(p), "middle", " class=\"panel-title\"");
      for (int r = 0; r < cls.size(); r++) {
        for (int c = 0; c < cls.size(); c++) {
          int n = counts.getOrDefault(cls.get(r) + "\u0000" + cls.get(c), 0);
          double share = normalized ? n / (double) Math.max(1, rowTotals.getOrDefault(cls.get(r), 0))
              : n / (double) max;
          String fill = blend(share);
          svg.rect(ox + c * cell, oy + r * cell, cell - 1, cell - 1, fill, "");
          String text = normalized ? String.format(java.util.Locale.US, "%.2f", share) : String.valueOf(n);
          svg.text(ox + c * cell + cell / 2.0, oy + r * cell + cell / 2.0 + 4, text, "middle",
              share > 0.5 ? " style=\"fill:#fff\" class=\"cell\"" : " class=\"cell\"");
        }
        svg.text(ox - 6, oy + r * cell + cell / 2.0 + 4, cls.get(r), "end", " class=\"tick\"");
        svg.text(ox + r * cell + cell / 2.0, oy + cls.size() * cell + 16, cls.get(r), "middle", " class=\"tick\"");
      }
      svg.text(ox + cell * cls.size() / 2.0, oy + cls.size() * cell + 36, plot.yLabel(), "middle",
          " class=\"axis-title\"");
      double midY = oy + cell * cls.size() / 2.0;
      svg.text(ox - 50, midY, plot.xLabel(), "middle",
          " class=\"axis-title\" transform=\"rotate(-90 " + Svg.num(ox - 50) + " " + Svg.num(midY) + ")\"");
      svg.raw("</g>");
    }
    return svg.end();
  }

  private static String blend(double share) {
    int r = (int) Math.round(255 + (0x4c - 255) * share);
    int g = (int) Math.round(255 + (0x78 - 255) * share);
    int b = (int) Math.round(255 + (0xa8 - 255) * share);
    return String.format("#%02x%02x%02x", r, g, b);
  }

  // ------------------------------------------------------------------------------------------------ bars

  private static String bars(Plot plot, boolean sorted) {
    List<String> labels = seriesLabels(plot);
    List<String> categories = new ArrayList<>(new LinkedHashSet<>(plot.series().stream()
        .flatMap(s -> s.ys().stream()).map(String::valueOf).toList()));
    if (sorted && !plot.series().isEmpty()) {
      Plot.Series first = plot.series().get(0);
      Map<String, Double> byCategory = new LinkedHashMap<>();
      for (int i = 0; i < first.points().size(); i++) {
        Object v = first.xs().get(i);
        byCategory.put(String.valueOf(first.ys().get(i)), isNumber(v) ? value(v) : 0);
      }
      categories.sort(Comparator.comparing((String c) -> byCategory.getOrDefault(c, 0.0)).reversed());
    }
    int n = Math.max(1, plot.series().size());
    int band = Math.max(18, n * 14 + 6);
    int left = Math.min(220, 20 + categories.stream().mapToInt(String::length).max().orElse(4) * 7);
    int plotHeight = categories.size() * band;
    int legendRows = legendRows(labels, WIDTH - left - RIGHT);
    int height = TOP + plotHeight + 60 + legendRows * 18;
    Svg svg = new Svg(WIDTH, height, plot.title());
    title(svg, plot.title());
    double lo = 0;
    double hi = 0;
    for (Plot.Series s : plot.series()) {
      for (Object v : s.xs()) {
        if (isNumber(v)) {
          lo = Math.min(lo, value(v));
          hi = Math.max(hi, value(v));
        }
      }
    }
    Axis x = new Axis(lo, hi, left, WIDTH - RIGHT, true);
    double bottom = TOP + plotHeight;
    for (double t : x.ticks()) {
      double px = x.pixel(t);
      svg.line(px, TOP, px, bottom, "#e6e6e6", 1);
      svg.text(px, bottom + 16, x.label(t), "middle", " class=\"tick\"");
    }
    for (int c = 0; c < categories.size(); c++) {
      svg.text(left - 6, TOP + c * band + band / 2.0 + 4, categories.get(c), "end", " class=\"tick\"");
    }
    double barHeight = (band - 6) / (double) n;
    for (int i = 0; i < plot.series().size(); i++) {
      Plot.Series s = plot.series().get(i);
      svg.raw("<g class=\"series\" data-series=\"" + Svg.escape(labels.get(i)) + "\">");
      for (int k = 0; k < s.points().size(); k++) {
        Object v = s.xs().get(k);
        if (!isNumber(v)) {
          continue;
        }
        int c = categories.indexOf(String.valueOf(s.ys().get(k)));
        double a = x.pixel(0);
        double b = x.pixel(value(v));
        svg.rect(Math.min(a, b), TOP + c * band + 3 + i * barHeight, Math.abs(b - a), barHeight - 1, Svg.color(i),
            "", labels.get(i) + ": " + s.ys().get(k) + " = " + v);
      }
      svg.raw("</g>");
    }
    svg.line(left, bottom, WIDTH - RIGHT, bottom, "#888", 1);
    svg.line(left, TOP, left, bottom, "#888", 1);
    svg.text((left + WIDTH - RIGHT) / 2.0, bottom + 36, plot.xLabel(), "middle", " class=\"axis-title\"");
    legend(svg, labels, bottom + 54, WIDTH - left - RIGHT);
    return svg.end();
  }

  // ------------------------------------------------------------------------------------------------ values

  private static double min(Plot plot, boolean xs) {
    return plot.series().stream().flatMap(s -> (xs ? s.xs() : s.ys()).stream()).filter(SvgChart::isNumber)
        .mapToDouble(SvgChart::value).min().orElse(0);
  }

  private static double max(Plot plot, boolean xs) {
    return plot.series().stream().flatMap(s -> (xs ? s.xs() : s.ys()).stream()).filter(SvgChart::isNumber)
        .mapToDouble(SvgChart::value).max().orElse(1);
  }

  static boolean isNumber(Object v) {
    return v instanceof Number n && Double.isFinite(n.doubleValue());
  }

  static double value(Object v) {
    return ((Number) v).doubleValue();
  }

  /** A confusion-matrix class written as text, as a number when it reads as one (so 2 sorts before 10). */
  private static final class MetricsNumber {
    static Object of(String s) {
      return io.jdvc.metrics.MetricsFiles.number(s);
    }
  }
}
