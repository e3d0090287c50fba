package io.jdvc.manifest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text of Python's {@code json.dumps(value, sort_keys=True)} for maps, lists, strings, booleans, numbers and
 * null: {@code ", "} and {@code ": "} separators, keys sorted, non-ASCII as {@code \\uXXXX}. DVC hashes such text
 * for a stage's {@code md5}.
 */
public final class PythonJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PythonJson() {}

  public static String dumps(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object v, StringBuilder out) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
      out.append('{');
      String sep = "";
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        out.append(sep);
        sep = ", ";
        quote(e.getKey(), out);
        out.append(": ");
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (v instanceof List<?> l) {
      out.append('[');
      String sep = "";
      for (Object x : l) {
        out.append(sep);
        sep = ", ";
        write(x, out);
      }
      out.append(']');
    } else if (v instanceof Boolean || v instanceof Number) {
      out.append(v);
    } else {
      quote(String.valueOf(v), out);
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (char c : s.toCharArray()) {
      String escaped = switch (c) {
        case '"' -> "\\\"";
        case '\\' -> "\\\\";
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        case '\b' -> "\\b";
        case '\f' -> "\\f";
        default -> null;
      };
      if (escaped != null) {
        out.append(escaped);
      } else if (c >= 0x20 && c < 0x7F) {
        out.append(c);
      } else {
        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
            .append(HEX[c & 0xF]);
      }
    }
    out.append('"');
  }
}
