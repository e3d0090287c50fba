package io.jdvc.pipeline;

import io.jdvc.pointer.PythonFloat;
import java.util.List;
import java.util.Map;

/**
 * Values printed as Python prints them, for text DVC builds with {@code str()}: templated commands
 * ({@code ${lr}} with {@code lr: 0.20} becomes {@code 0.2}) and YAML written through ruamel. Floats are
 * {@link PythonFloat#repr}.
 */
public final class PythonRepr {
  private PythonRepr() {}

  /**
   * A float as ruamel.yaml writes it: {@code repr} in lower case, with {@code .0} added before an exponent that
   * lacks a fraction ({@code 1.0e-05}), {@code .inf}, {@code -.inf}, {@code .nan}.
   */
  public static String yamlFloat(double d) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    String r = PythonFloat.repr(d);
    return !r.contains(".") && r.contains("e") ? r.replaceFirst("e", ".0e") : r;
  }

  /**
   * Python's {@code str(value)} for the values of a params tree: strings as they are, {@code True}/{@code False},
   * {@code None}, floats by {@link PythonFloat#repr}, lists and dicts as Python prints them ({@code ['a', 1]}).
   */
  public static String str(Object value) {
    return value instanceof String s ? s : repr(value);
  }

  /** Python's {@code repr(value)}. */
  public static String repr(Object value) {
    if (value == null) {
      return "None";
    } else if (value instanceof Boolean b) {
      return b ? "True" : "False";
    } else if (value instanceof Double d) {
      return PythonFloat.repr(d);
    } else if (value instanceof Float f) {
      return PythonFloat.repr(f);
    } else if (value instanceof String s) {
      return stringRepr(s);
    } else if (value instanceof List<?> l) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        b.append(i > 0 ? ", " : "").append(repr(l.get(i)));
      }
      return b.append(']').toString();
    } else if (value instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        b.append(first ? "" : ", ").append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
        first = false;
      }
      return b.append('}').toString();
    }
    return String.valueOf(value);
  }

  private static String stringRepr(String s) {
    char quote = s.contains("'") && !s.contains("\"") ? '"' : '\'';
    StringBuilder b = new StringBuilder().append(quote);
    for (char c : s.toCharArray()) {
      if (c == quote || c == '\\') {
        b.append('\\').append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append(quote).toString();
  }
}
