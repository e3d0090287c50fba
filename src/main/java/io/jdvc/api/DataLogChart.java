package io.jdvc.api;

import io.jdvc.AtomicFiles;
import io.jdvc.plots.HtmlReport;
import io.jdvc.plots.Plot;
import io.jdvc.plots.PlotDefinition;
import io.jdvc.tables.TableVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code data log}'s chart: one line per metric over the table's versions, oldest first, in the same
 * self-contained HTML page that {@code plots show} writes (inline SVG, no script, opens offline).
 */
public final class DataLogChart {
  private DataLogChart() {}

  /** The plots, one per metric; x is the version's number, its commit named in the plot's notes. */
  public static List<Plot> plots(String table, List<String> metrics, List<TableVersion> newestFirst) {
    List<TableVersion> versions = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(versions);
    List<String> legend = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      TableVersion v = versions.get(i);
      legend.add("version " + (i + 1) + ": " + v.commit().shortId() + " " + v.commit().commitTime().toString()
          .substring(0, 10) + " " + v.commit().subject());
    }
    List<Plot> plots = new ArrayList<>();
    for (String metric : metrics) {
      List<Map<String, Object>> points = new ArrayList<>();
      for (int i = 0; i < versions.size(); i++) {
        Double y = versions.get(i).values().get(metric);
        if (y != null && !y.isNaN()) {
          Map<String, Object> p = new LinkedHashMap<>();
          p.put("version", i + 1);
          p.put(metric, y);
          points.add(p);
        }
      }
      PlotDefinition def = new PlotDefinition(table + ": " + metric, List.of(new PlotDefinition.Source(table, metric)),
          Map.of(table, new PlotDefinition.Source(table, "version")), "linear", table + ": " + metric, "version",
          metric);
      List<Plot.Series> series = points.isEmpty() ? List.of()
          : List.of(new Plot.Series("history", table, "version", metric, points));
      List<String> notes = new ArrayList<>(legend);
      if (points.size() < versions.size()) {
        notes.add(0, (versions.size() - points.size()) + " version(s) without a value for " + metric + " are left out");
      }
      plots.add(new Plot(def, series, Map.of(), notes));
    }
    return plots;
  }

  /** Writes {@code dir/index.html} (atomically; dir relative to where jdvc runs) and returns its path. */
  public static Path write(Jdvc jdvc, String table, List<String> metrics, List<TableVersion> newestFirst, Path out)
      throws IOException {
    Path dir = jdvc.resolve(out);
    Files.createDirectories(dir);
    Path html = dir.resolve("index.html");
    List<String> revisions = newestFirst.stream().map(v -> v.commit().shortId()).toList();
    AtomicFiles.write(html, HtmlReport.render(plots(table, metrics, newestFirst), revisions)
        .getBytes(StandardCharsets.UTF_8));
    return html;
  }
}
