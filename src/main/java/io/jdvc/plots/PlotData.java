package io.jdvc.plots;

import io.jdvc.JdvcException;
import io.jdvc.metrics.DelimitedText;
import io.jdvc.metrics.MetricsFiles;
import io.jdvc.pipeline.ParamsFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data points of a plots file, as DVC's {@code get_datapoints} finds them: CSV and TSV rows (numeric fields as
 * numbers), or in JSON and YAML every list of mappings with the same keys, at any depth, merged row by row.
 */
public final class PlotData {
  private PlotData() {}

  /**
   * @throws JdvcException naming the file when it is malformed
   */
  public static List<Map<String, Object>> parse(byte[] bytes, String name) {
    if (DelimitedText.isDelimited(name)) {
      List<Map<String, Object>> points = new ArrayList<>();
      for (Map<String, String> r : DelimitedText.parse(new String(bytes, StandardCharsets.UTF_8), name)) {
        Map<String, Object> p = new LinkedHashMap<>();
        r.forEach((k, v) -> p.put(k, MetricsFiles.number(v)));
        points.add(p);
      }
      return points;
    }
    Object tree = ParamsFiles.parseAny(bytes, name);
    List<Map<String, Object>> result = new ArrayList<>();
    for (List<?> list : lists(tree)) {
      if (isDatapoints(list)) {
        for (int i = 0; i < list.size(); i++) {
          if (result.size() <= i) {
            result.add(new LinkedHashMap<>());
          }
          @SuppressWarnings("unchecked") Map<String, Object> point = (Map<String, Object>) list.get(i);
          result.get(i).putAll(point);
        }
      }
    }
    return result;
  }

  private static List<List<?>> lists(Object blob) {
    List<List<?>> out = new ArrayList<>();
    if (blob instanceof List<?> l) {
      out.add(l);
    } else if (blob instanceof Map<?, ?> m) {
      for (Object v : m.values()) {
        if (v instanceof Map<?, ?>) {
          out.addAll(lists(v));
        } else if (v instanceof List<?> l) {
          out.add(l);
        }
      }
    }
    return out;
  }

  private static boolean isDatapoints(List<?> list) {
    if (list.isEmpty() || !list.stream().allMatch(i -> i instanceof Map<?, ?>)) {
      return false;
    }
    java.util.Set<?> first = ((Map<?, ?>) list.get(0)).keySet();
    return list.stream().allMatch(i -> first.containsAll(((Map<?, ?>) i).keySet()));
  }
}
