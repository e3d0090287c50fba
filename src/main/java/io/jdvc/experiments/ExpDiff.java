package io.jdvc.experiments;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code exp diff}: params and metrics of two states compared key by key, in DVC's JSON shape
 * ({@code {"metrics": {file: {key: {"old", "new", "diff"?}}}, "params": {...}}}); {@code diff} only when both
 * values are numbers.
 */
public final class ExpDiff {
  private ExpDiff() {}

  public static Map<String, Object> of(ExpState a, ExpState b, boolean all) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("metrics", section(a.metrics(), b.metrics(), all));
    out.put("params", section(a.params(), b.params(), all));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> old, Map<String, Object> now, boolean all) {
    Map<String, Object> out = new LinkedHashMap<>();
    Set<String> files = new LinkedHashSet<>(old.keySet());
    files.addAll(now.keySet());
    for (String f : files) {
      Map<String, Object> o = ExpTable.flatten(data(old.get(f)));
      Map<String, Object> n = ExpTable.flatten(data(now.get(f)));
      Set<String> keys = new LinkedHashSet<>(o.keySet());
      keys.addAll(n.keySet());
      Map<String, Object> changes = new LinkedHashMap<>();
      for (String k : keys) {
        Object ov = unwrap(o.get(k));
        Object nv = unwrap(n.get(k));
        if (!all && Objects.equals(ov, nv) && o.containsKey(k) == n.containsKey(k)) {
          continue;
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("old", ov);
        c.put("new", nv);
        if (ov instanceof Number x && nv instanceof Number y && !(ov instanceof Boolean)) {
          Object d;
          if (x instanceof Double || y instanceof Double) {
            d = y.doubleValue() - x.doubleValue();
          } else {
            d = y.longValue() - x.longValue(); // a ternary would promote this to double
          }
          c.put("diff", d);
        }
        changes.put(k, c);
      }
      if (!changes.isEmpty()) {
        out.put(f, changes);
      }
    }
    return out;
  }

  private static Object unwrap(Object v) {
    return v instanceof List<?> l && l.size() == 1 ? l.get(0) : v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Object entry) {
    return entry instanceof Map<?, ?> m && m.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
  }
}
