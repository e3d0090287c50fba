package io.jdvc.plots;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One plot with its data at each revision: a series per revision and y source, or for an image its bytes per
 * revision. {@code notes} say what could not be drawn (a missing file at a revision, a field not in the data).
 */
public record Plot(PlotDefinition definition, List<Series> series, Map<String, byte[]> images, List<String> notes) {
  public Plot {
    series = List.copyOf(series);
    images = Collections.unmodifiableMap(new LinkedHashMap<>(images));
    notes = List.copyOf(notes);
  }

  /**
   * The points of one y source at one revision.
   *
   * @param xField the x field, or {@link PlotDefinition#INDEX} for the row number
   * @param points the data points as read, each with its x under {@code xField}
   */
  public record Series(String revision, String file, String xField, String yField, List<Map<String, Object>> points) {
    public Series {
      points = List.copyOf(points);
    }

    public List<Object> xs() {
      return points.stream().map(p -> p.get(xField)).toList();
    }

    public List<Object> ys() {
      return points.stream().map(p -> p.get(yField)).toList();
    }
  }

  /** The x axis title: {@code x_label}, else the x field when there is one, else {@code step}. */
  public String xLabel() {
    if (definition.xLabel() != null) {
      return definition.xLabel();
    }
    List<String> fields = series.stream().map(Series::xField).distinct().toList();
    return fields.size() == 1 ? fields.get(0) : "x";
  }

  /** The y axis title: {@code y_label}, else the y field when there is one, else {@code y}. */
  public String yLabel() {
    if (definition.yLabel() != null) {
      return definition.yLabel();
    }
    List<String> fields = series.stream().map(Series::yField).distinct().toList();
    return fields.size() == 1 ? fields.get(0) : "y";
  }

  public String title() {
    return definition.title() != null ? definition.title() : definition.id();
  }
}
