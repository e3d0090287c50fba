package io.jdvc.cli.render;

import io.jdvc.api.PlotsOperation;
import io.jdvc.plots.Plot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code plots --json}: per plot id, its template, axis titles, revisions and data points, each point with DVC's
 * {@code rev}, {@code filename} and {@code field} added (as DVC's {@code flat_datapoints}); images by revision
 * with their size. {@code series} names, per revision and y source, the fields that hold x and y.
 */
public final class PlotsRenderer {
  private PlotsRenderer() {}

  public static Map<String, Object> json(PlotsOperation.PlotsResult result) {
    Map<String, Object> plots = new LinkedHashMap<>();
    for (Plot plot : result.plots()) {
      Map<String, Object> p = new LinkedHashMap<>();
      if (plot.definition().isImage()) {
        p.put("type", "image");
        Map<String, Object> images = new LinkedHashMap<>();
        plot.images().forEach((rev, bytes) -> images.put(rev, Map.of("size", (long) bytes.length)));
        p.put("revisions", images);
      } else {
        p.put("type", "vega");
        p.put("template", plot.definition().template());
        p.put("title", plot.title());
        p.put("x_label", plot.xLabel());
        p.put("y_label", plot.yLabel());
        p.put("revisions", plot.series().stream().map(Plot.Series::revision).distinct().toList());
        List<Object> series = new ArrayList<>();
        for (Plot.Series s : plot.series()) {
          Map<String, Object> one = new LinkedHashMap<>();
          one.put("rev", s.revision());
          one.put("filename", s.file());
          one.put("x", s.xField());
          one.put("y", s.yField());
          series.add(one);
        }
        p.put("series", series);
        List<Object> points = new ArrayList<>();
        for (Plot.Series s : plot.series()) {
          for (Map<String, Object> point : s.points()) {
            Map<String, Object> q = new LinkedHashMap<>(point);
            q.put("rev", s.revision());
            q.put("filename", s.file());
            q.put("field", s.yField());
            points.add(ValuesRenderer.json(q));
          }
        }
        p.put("data", points);
      }
      if (!plot.notes().isEmpty()) {
        p.put("errors", plot.notes());
      }
      plots.put(plot.definition().id(), p);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("revisions", result.revisions());
    out.put("plots", plots);
    if (!result.errors().isEmpty()) {
      out.put("errors", result.errors());
    }
    return out;
  }
}
