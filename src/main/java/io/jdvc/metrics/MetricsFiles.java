package io.jdvc.metrics;

import io.jdvc.JdvcException;
import io.jdvc.pipeline.ParamsFiles;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics files as DVC reads them: JSON, TOML, or YAML by extension (through {@link ParamsFiles}), keeping numbers,
 * strings, booleans and nested mappings and dropping lists and nulls ({@code _extract_metrics}). CSV and TSV, which
 * DVC reads only as plots, are read here too: a file with one record gives its columns as metrics, a file with
 * several gives each record under its row number ({@code 0.acc}, {@code 1.acc}); numeric fields become numbers.
 */
public final class MetricsFiles {
  private MetricsFiles() {}

  /**
   * Parses a metrics file.
   *
   * @throws JdvcException naming the file if it is malformed
   */
  public static Map<String, Object> parse(byte[] bytes, String name) {
    if (DelimitedText.isDelimited(name)) {
      List<Map<String, String>> records = DelimitedText.parse(new String(bytes, StandardCharsets.UTF_8), name);
      Map<String, Object> out = new LinkedHashMap<>();
      if (records.size() == 1) {
        records.get(0).forEach((k, v) -> out.put(k, number(v)));
      } else {
        for (int i = 0; i < records.size(); i++) {
          Map<String, Object> row = new LinkedHashMap<>();
          records.get(i).forEach((k, v) -> row.put(k, number(v)));
          out.put(String.valueOf(i), row);
        }
      }
      return out;
    }
    return extract(ParamsFiles.parse(bytes, name));
  }

  /** A CSV field as a number when it reads as one (Python's int or float), else as written. */
  public static Object number(String text) {
    String t = text.strip();
    if (t.matches("[+-]?[0-9]+")) {
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException e) {
        return new java.math.BigInteger(t);
      }
    }
    if (t.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?(inf|nan|infinity)")) {
      String lower = t.toLowerCase(java.util.Locale.ROOT);
      if (lower.contains("inf")) {
        return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      return lower.contains("nan") ? Double.NaN : Double.parseDouble(t);
    }
    return text;
  }

  private static Map<String, Object> extract(Map<String, Object> tree) {
    Map<String, Object> out = new LinkedHashMap<>();
    tree.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked") Map<String, Object> sub = extract((Map<String, Object>) m);
        if (!sub.isEmpty()) {
          out.put(k, sub);
        }
      } else if (v instanceof Number || v instanceof String || v instanceof Boolean) {
        out.put(k, v);
      }
    });
    return out;
  }
}
