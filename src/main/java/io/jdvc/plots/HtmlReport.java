package io.jdvc.plots;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page with every plot: charts as inline SVG, images embedded as {@code data:} URIs, the
 * style inline. It has no script and loads nothing, so it opens offline and can be mailed or archived as is.
 */
public final class HtmlReport {
  private HtmlReport() {}

  public static String render(List<Plot> plots, List<String> revisions) {
    return render(plots, revisions, List.of());
  }

  /** @param errors problems not tied to one plot (a revision whose {@code dvc.yaml} cannot be loaded) */
  public static String render(List<Plot> plots, List<String> revisions, List<String> errors) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>DVC Plots</title>\n<style>\n")
        .append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;margin:24px;")
        .append("color:#222;background:#fafafa}\n")
        .append("h1{font-size:20px;margin:0 0 4px}\n.revisions{color:#555;margin:0 0 20px}\n")
        .append(".plots{display:flex;flex-wrap:wrap;gap:20px}\n")
        .append(".plot{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px;max-width:100%}\n")
        .append(".plot h2{font-size:14px;font-weight:600;margin:0 0 8px;font-family:ui-monospace,monospace}\n")
        .append(".chart text{font-family:system-ui,sans-serif;font-size:11px;fill:#333}\n")
        .append(".chart .title{font-size:14px;font-weight:600}\n.chart .axis-title{font-size:12px;font-weight:600}\n")
        .append(".chart .panel-title{font-size:12px;font-weight:600}\n")
        .append(".note{color:#a33;font-size:12px;margin:6px 0 0}\n")
        .append("figure{display:inline-block;margin:0 12px 12px 0}figcaption{font-size:12px;color:#555}\n")
        .append("img{max-width:640px;border:1px solid #eee}\n</style>\n</head>\n<body>\n")
        .append("<h1>DVC Plots</h1>\n<p class=\"revisions\">Revisions: ")
        .append(Svg.escape(String.join(", ", revisions))).append("</p>\n");
    for (String error : errors) {
      b.append("<p class=\"note\">").append(Svg.escape(error)).append("</p>\n");
    }
    b.append("<div class=\"plots\">\n");
    for (Plot plot : plots) {
      b.append("<section class=\"plot\" data-plot-id=\"").append(Svg.escape(plot.definition().id())).append("\">\n")
          .append("<h2>").append(Svg.escape(plot.definition().id())).append("</h2>\n");
      if (plot.definition().isImage()) {
        for (Map.Entry<String, byte[]> e : plot.images().entrySet()) {
          b.append("<figure><img alt=\"").append(Svg.escape(plot.definition().id() + " at " + e.getKey()))
              .append("\" src=\"data:").append(mediaType(plot.definition().id())).append(";base64,")
              .append(Base64.getEncoder().encodeToString(e.getValue())).append("\"><figcaption>")
              .append(Svg.escape(e.getKey())).append("</figcaption></figure>\n");
        }
      } else if (!plot.series().isEmpty()) {
        b.append(SvgChart.render(plot)).append('\n');
      }
      for (String note : plot.notes()) {
        b.append("<p class=\"note\">").append(Svg.escape(note)).append("</p>\n");
      }
      b.append("</section>\n");
    }
    return b.append("</div>\n</body>\n</html>\n").toString();
  }

  private static String mediaType(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".svg")) {
      return "image/svg+xml";
    }
    if (lower.endsWith(".gif")) {
      return "image/gif";
    }
    return lower.endsWith(".png") ? "image/png" : "image/jpeg";
  }
}
