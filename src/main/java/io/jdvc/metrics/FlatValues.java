package io.jdvc.metrics;

import io.jdvc.pipeline.PythonRepr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A values tree flattened as DVC shows it: nested keys joined with dots ({@code train.lr}), lists as Python prints
 * them ({@code [1, 2]}, DVC's {@code format_dict}), empty mappings dropped ({@code flatten_dict}).
 */
public final class FlatValues {
  private FlatValues() {}

  public static Map<String, Object> flatten(Map<String, Object> tree) {
    Map<String, Object> out = new LinkedHashMap<>();
    flatten(tree, null, out);
    return out;
  }

  private static void flatten(Map<?, ?> tree, String prefix, Map<String, Object> out) {
    for (Map.Entry<?, ?> e : tree.entrySet()) {
      String key = prefix == null ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
      Object v = e.getValue();
      if (v instanceof Map<?, ?> m) {
        flatten(m, key, out);
      } else {
        out.put(key, v instanceof List<?> ? PythonRepr.str(v) : v);
      }
    }
  }
}
