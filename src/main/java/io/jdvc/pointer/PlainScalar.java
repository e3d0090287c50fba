package io.jdvc.pointer;

import java.util.Objects;

/**
 * An unquoted YAML scalar that YAML 1.2 reads as something other than a string (a number, a boolean or null), found
 * inside free-form values such as {@code meta} or {@code deps}. It is kept exactly as written so that re-writing
 * the file reproduces it, where a plain {@link String} would be quoted ({@code 1} versus {@code '1'}).
 */
public record PlainScalar(String text) {
  public PlainScalar {
    Objects.requireNonNull(text, "text");
  }

  /**
   * A free-form YAML tree with its plain scalars turned into what they mean (numbers, booleans, null), for JSON
   * output: maps keep their order, lists stay lists, strings stay strings.
   */
  public static Object resolve(Object tree) {
    if (tree instanceof PlainScalar p) {
      String t = p.text();
      if (t.matches("[-+]?[0-9]+")) {
        try {
          return Long.parseLong(t);
        } catch (NumberFormatException e) {
          return t;
        }
      }
      if (t.matches("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?")) {
        return Double.parseDouble(t);
      }
      return switch (t) {
        case "true", "True", "TRUE" -> Boolean.TRUE;
        case "false", "False", "FALSE" -> Boolean.FALSE;
        case "null", "Null", "NULL", "~", "" -> null;
        default -> t;
      };
    }
    if (tree instanceof java.util.Map<?, ?> m) {
      java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), resolve(v)));
      return out;
    }
    if (tree instanceof java.util.List<?> l) {
      java.util.List<Object> out = new java.util.ArrayList<>();
      l.forEach(v -> out.add(resolve(v)));
      return out;
    }
    return tree;
  }
}
