package io.jdvc.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values of Hydra's override grammar, as {@code dvc exp run -S} reads them: integers, floats, {@code true/false},
 * {@code null}, quoted strings, {@code [a, b]} lists and {@code {k: v}} dicts; anything else (a date such as
 * {@code 1992-11-20}, a word) is a string, and an empty value the empty string.
 */
final class HydraValues {
  private HydraValues() {}

  /** Whether the value asks for a sweep ({@code 1,2}, {@code range(..)}, {@code choice(..)}). */
  static boolean isSweep(String value) {
    String v = value.strip();
    if (v.startsWith("range(") || v.startsWith("choice(") || v.startsWith("glob(")) {
      return true;
    }
    return topLevelSplit(v).size() > 1;
  }

  /** The values of a sweep: {@code 1,2,3}, {@code range(start, stop[, step])}, {@code choice(a, b)}; else itself. */
  static List<String> sweepValues(String value) {
    String v = value.strip();
    if (v.startsWith("range(") && v.endsWith(")")) {
      String[] p = v.substring(6, v.length() - 1).split(",");
      try {
        double start = p.length > 1 ? Double.parseDouble(p[0].strip()) : 0;
        double stop = Double.parseDouble(p[p.length > 1 ? 1 : 0].strip());
        double step = p.length > 2 ? Double.parseDouble(p[2].strip()) : 1;
        boolean ints = !v.contains(".");
        List<String> out = new ArrayList<>();
        for (int i = 0; step > 0 ? start + i * step < stop : start + i * step > stop; i++) {
          double x = start + i * step;
          out.add(ints ? Long.toString(Math.round(x)) : Double.toString(x));
        }
        return out;
      } catch (NumberFormatException e) {
        throw new io.jdvc.JdvcException("invalid sweep '" + value + "'", "write range(start, stop[, step])");
      }
    }
    if (v.startsWith("choice(") && v.endsWith(")")) {
      return topLevelSplit(v.substring(7, v.length() - 1)).stream().map(String::strip).toList();
    }
    return topLevelSplit(v).stream().map(String::strip).toList();
  }

  static Object parse(String text, String arg) {
    String v = text.strip();
    if (v.isEmpty()) {
      return "";
    }
    if ((v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\"")) && v.length() >= 2) {
      return v.substring(1, v.length() - 1);
    }
    if (v.startsWith("[")) {
      if (!v.endsWith("]")) {
        throw ParamOverride.invalid(arg, "unclosed '['");
      }
      List<Object> out = new ArrayList<>();
      String inner = v.substring(1, v.length() - 1).strip();
      if (!inner.isEmpty()) {
        for (String item : topLevelSplit(inner)) {
          out.add(parse(item, arg));
        }
      }
      return out;
    }
    if (v.startsWith("{")) {
      if (!v.endsWith("}")) {
        throw ParamOverride.invalid(arg, "unclosed '{'");
      }
      Map<String, Object> out = new LinkedHashMap<>();
      String inner = v.substring(1, v.length() - 1).strip();
      if (!inner.isEmpty()) {
        for (String item : topLevelSplit(inner)) {
          int colon = item.indexOf(':');
          if (colon <= 0) {
            throw ParamOverride.invalid(arg, "expected key: value in '" + item.strip() + "'");
          }
          out.put(item.substring(0, colon).strip(), parse(item.substring(colon + 1), arg));
        }
      }
      return out;
    }
    if (v.equalsIgnoreCase("null")) {
      return null;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT));
    }
    String digits = v.replace("_", "");
    if (digits.matches("[+-]?[0-9]+")) {
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException e) {
        return new java.math.BigInteger(digits);
      }
    }
    if (digits.matches("[+-]?([0-9]+\\.[0-9]*|\\.[0-9]+|[0-9]+)([eE][+-]?[0-9]+)?")) {
      return Double.parseDouble(digits);
    }
    if (v.matches("[+-]?(?i:inf)")) {
      return v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (v.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    return v;
  }

  /** Splits at commas outside brackets and quotes. */
  private static List<String> topLevelSplit(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '{' || c == '(') {
        depth++;
      } else if (c == ']' || c == '}' || c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }
}
