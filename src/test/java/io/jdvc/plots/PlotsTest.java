package io.jdvc.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlotsTest {
  private static List<Map<String, Object>> data(String text, String name) {
    return PlotData.parse(text.getBytes(StandardCharsets.UTF_8), name);
  }

  @Test
  void datapointsFromEveryListOfRecordsMergedRowByRow() {
    List<Map<String, Object>> points = data("{\"train\": [{\"loss\": 1}, {\"loss\": 0.5}], \"meta\": {\"val\":"
        + " [{\"val_loss\": 2}, {\"val_loss\": 1}]}, \"skip\": [1, 2]}", "l.json");
    assertEquals(List.of(Map.of("loss", 1L, "val_loss", 2L), Map.of("loss", 0.5, "val_loss", 1L)), points);
  }

  @Test
  void aTopLevelListAndCsvNumbers() {
    assertEquals(List.of(Map.of("a", 1L)), data("[{\"a\": 1}]", "p.json"));
    assertEquals(List.of(Map.of("epoch", 0L, "loss", 0.5)), data("epoch,loss\n0,0.5\n", "p.csv"));
  }

  private static Plot plot(String template, List<Plot.Series> series) {
    PlotDefinition d = new PlotDefinition("p", List.of(new PlotDefinition.Source("p.json", "y")), Map.of(),
        template, null, null, null);
    return new Plot(d, series, Map.of(), List.of());
  }

  private static Plot.Series series(String rev, List<Map<String, Object>> points, String x, String y) {
    return new Plot.Series(rev, "p.json", x, y, points);
  }

  @Test
  void everyTemplateDrawsOneGroupPerSeriesWithoutNaN() {
    List<Map<String, Object>> xy = List.of(Map.of("x", 0L, "y", 1.0), Map.of("x", 1L, "y", 0.5),
        Map.of("x", 2L, "y", 0.25));
    List<Map<String, Object>> classes = List.of(Map.of("x", "cat", "y", "cat"), Map.of("x", "dog", "y", "cat"));
    List<Map<String, Object>> bars = List.of(Map.of("x", 3L, "y", "age"), Map.of("x", 1.5, "y", "income"));
    for (String template : PlotDefinition.TEMPLATES) {
      List<Map<String, Object>> points = template.startsWith("confusion") ? classes
          : template.startsWith("bar") ? bars : xy;
      String svg = SvgChart.render(plot(template, List.of(series("v1", points, "x", "y"),
          series("workspace", points, "x", "y"))));
      assertEquals(2, svg.split("class=\"series\"", -1).length - 1, template);
      assertFalse(svg.contains("NaN") || svg.contains("Infinity"), template + ": " + svg);
      assertTrue(svg.startsWith("<svg ") && svg.endsWith("</svg>"), template);
    }
  }

  @Test
  void theConfusionMatrixCountsPairs() {
    List<Map<String, Object>> classes = List.of(Map.of("a", "cat", "p", "cat"), Map.of("a", "dog", "p", "cat"),
        Map.of("a", "dog", "p", "cat"));
    String svg = SvgChart.render(plot("confusion", List.of(series("v1", classes, "a", "p"))));
    assertTrue(svg.contains(">2</text>"), svg);
  }

  @Test
  void thePageEmbedsEverythingAndEscapesText() {
    Plot p = plot("linear", List.of(series("<rev>", List.of(Map.of("x", 0L, "y", 1L)), "x", "y")));
    String html = HtmlReport.render(List.of(p), List.of("<rev>"));
    assertTrue(html.contains("&lt;rev&gt;") && !html.contains("<rev>"), html);
    assertFalse(html.contains("<script") || html.contains("http://") && !html.contains("xmlns"), html);
  }
}
