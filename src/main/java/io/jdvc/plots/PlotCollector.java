package io.jdvc.plots;

import io.jdvc.JdvcException;
import io.jdvc.metrics.RevisionPipelines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plots of several revisions, each with one series per revision and y source. Definitions come from every
 * revision (the union, in order of first appearance), so a plot added in the newer revision is drawn too; targets
 * (plot ids or data files) narrow them. Data that is missing or unreadable at a revision leaves that revision out of
 * the plot with a note; a field the data lacks is named in the note with the fields it has.
 */
public final class PlotCollector {
  private PlotCollector() {}

  public static List<Plot> collect(List<RevisionPipelines> revisions, List<String> targets) {
    Map<String, PlotDefinition> definitions = new LinkedHashMap<>();
    for (RevisionPipelines rev : revisions) {
      PlotDefinitions.collect(rev).forEach(d -> definitions.putIfAbsent(d.id(), d));
    }
    if (!targets.isEmpty()) {
      for (String t : targets) {
        if (definitions.keySet().stream().noneMatch(id -> targets(t, id))) { // an undeclared file is drawn as is
          definitions.put(t, new PlotDefinition(t, List.of(new PlotDefinition.Source(t, null)), Map.of(), null,
              null, null, null));
        }
      }
      definitions.keySet().removeIf(id -> targets.stream().noneMatch(t -> targets(t, id)));
    }
    List<Plot> plots = new ArrayList<>();
    for (PlotDefinition d : definitions.values()) {
      plots.add(plot(d, revisions));
    }
    return plots;
  }

  /** Whether target {@code t} names plot {@code id}: the id itself, or a directory holding the plotted file. */
  private static boolean targets(String t, String id) {
    return id.equals(t) || id.startsWith(t.endsWith("/") ? t : t + "/");
  }

  private static Plot plot(PlotDefinition d, List<RevisionPipelines> revisions) {
    List<Plot.Series> series = new ArrayList<>();
    Map<String, byte[]> images = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    if (!d.isImage() && !PlotDefinition.TEMPLATES.contains(d.template())) {
      notes.add("template '" + d.template() + "' is not one jdvc draws (it draws " + String.join(", ",
          PlotDefinition.TEMPLATES) + ")");
      return new Plot(d, series, images, notes);
    }
    for (RevisionPipelines rev : revisions) {
      Map<String, List<Map<String, Object>>> files = new HashMap<>();
      for (PlotDefinition.Source y : d.ys()) {
        byte[] bytes = read(rev, y.file());
        if (bytes == null) {
          notes.add(y.file() + " does not exist at " + rev.revision());
          continue;
        }
        if (d.isImage()) {
          images.put(rev.revision(), bytes);
          continue;
        }
        try {
          List<Map<String, Object>> points = files.computeIfAbsent(y.file(), f -> PlotData.parse(bytes, f));
          series.add(series(rev, d, y, points, files));
        } catch (JdvcException e) {
          notes.add(e.getMessage() + " (at " + rev.revision() + ")");
        }
      }
    }
    return new Plot(d, series, images, notes);
  }

  private static Plot.Series series(RevisionPipelines rev, PlotDefinition d, PlotDefinition.Source y,
      List<Map<String, Object>> points, Map<String, List<Map<String, Object>>> files) {
    if (points.isEmpty()) {
      throw new JdvcException(y.file() + " has no data points (a list of records)");
    }
    String yField = y.field() != null ? y.field() : last(points.get(0));
    requireField(points, yField, y.file());
    PlotDefinition.Source x = d.xs().get(y.file());
    List<Map<String, Object>> withX = new ArrayList<>();
    if (x == null) {
      for (int i = 0; i < points.size(); i++) {
        Map<String, Object> p = new LinkedHashMap<>(points.get(i));
        p.put(PlotDefinition.INDEX, (long) i);
        withX.add(p);
      }
      return new Plot.Series(rev.revision(), y.file(), PlotDefinition.INDEX, yField, withX);
    }
    List<Map<String, Object>> xPoints = x.file().equals(y.file()) ? points
        : files.computeIfAbsent(x.file(), f -> {
          byte[] bytes = read(rev, f);
          if (bytes == null) {
            throw new JdvcException(f + " (the x values of plot '" + d.id() + "') does not exist");
          }
          return PlotData.parse(bytes, f);
        });
    requireField(xPoints, x.field(), x.file());
    if (xPoints.size() != points.size()) {
      throw new JdvcException("cannot join '" + x.field() + "' from " + x.file() + " and '" + yField + "' from "
          + y.file() + ": they have " + xPoints.size() + " and " + points.size() + " points");
    }
    for (int i = 0; i < points.size(); i++) {
      Map<String, Object> p = new LinkedHashMap<>(points.get(i));
      p.put(x.field(), xPoints.get(i).get(x.field()));
      withX.add(p);
    }
    return new Plot.Series(rev.revision(), y.file(), x.field(), yField, withX);
  }

  private static void requireField(List<Map<String, Object>> points, String field, String file) {
    if (!points.isEmpty() && !points.get(0).containsKey(field)) {
      throw new JdvcException("field '" + field + "' is not in " + file + " (its fields: "
          + String.join(", ", points.get(0).keySet()) + ")");
    }
  }

  private static String last(Map<String, Object> point) {
    String last = null;
    for (String k : point.keySet()) {
      last = k;
    }
    return last;
  }

  private static byte[] read(RevisionPipelines rev, String path) {
    try {
      return rev.read(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
