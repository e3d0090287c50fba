package io.jdvc.plots;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One plot to draw, resolved from {@code dvc.yaml}: its id (a data file's repo path, or a name whose {@code y}
 * maps files to fields), where its y values come from, where its x values come from, and how to draw it.
 *
 * @param ys the y sources: a file and a field, or a null field to take the last field of the data, as DVC infers it
 * @param xs the x field per y file; a file without one is plotted against the row index ({@code step})
 * @param template one of {@link #TEMPLATES}
 */
public record PlotDefinition(String id, List<Source> ys, Map<String, Source> xs, String template, String title,
    String xLabel, String yLabel) {
  /** DVC's built-in templates that jdvc draws. */
  public static final List<String> TEMPLATES = List.of("linear", "simple", "scatter", "smooth", "confusion",
      "confusion_normalized", "bar_horizontal", "bar_horizontal_sorted");
  public static final String DEFAULT_TEMPLATE = "linear";
  public static final String INDEX = "step";

  /** A data file and one of its fields. */
  public record Source(String file, String field) {}

  public PlotDefinition {
    Objects.requireNonNull(id, "id");
    ys = List.copyOf(ys);
    xs = Map.copyOf(xs);
    template = template == null ? DEFAULT_TEMPLATE : template;
  }

  /** Whether the plot is an image file, shown as it is. */
  public boolean isImage() {
    return isImage(id) && ys.size() == 1 && ys.get(0).file().equals(id);
  }

  static boolean isImage(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg") || lower.endsWith(".gif")
        || lower.endsWith(".svg");
  }
}
