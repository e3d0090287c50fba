package io.jdvc.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${…}} interpolation as DVC's {@code dvc/parsing/interpolate.py} does it. A value that is exactly one
 * {@code ${x}} becomes x itself, keeping its type; otherwise each {@code ${x}} is replaced by x as Python's
 * {@code str} prints it ({@code true}/{@code false} for booleans), a dict in {@code cmd} as {@code --key value}
 * arguments. {@code \${} escapes.
 */
final class Interpolation {
  private static final Pattern KEYCRE = Pattern.compile("(?<!\\\\)\\$\\{(.*?)}");
  /** pyparsing's grammar: word ("." word | "[" word "]")*, a word being anything but . [ ]. */
  private static final Pattern EXPRESSION = Pattern.compile("[^.\\[\\]]+(?:\\.[^.\\[\\]]+|\\[[^.\\[\\]]+])*");
  private static final Pattern SAFE_SHELL = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private Interpolation() {}

  static boolean isInterpolated(Object value) {
    return value instanceof String s && KEYCRE.matcher(s).find();
  }

  /** Refuses a malformed {@code ${…}} anywhere in a tree (keys included), as DVC checks before resolving. */
  static void checkSyntax(Object value) {
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        checkSyntax(k);
        checkSyntax(v);
      });
    } else if (value instanceof List<?> l) {
      l.forEach(Interpolation::checkSyntax);
    } else if (value instanceof String s) {
      Matcher m = KEYCRE.matcher(s);
      while (m.find()) {
        expression(m.group(1));
      }
    }
  }

  private static String expression(String inner) {
    if (!EXPRESSION.matcher(inner).matches()) {
      throw new TemplateException("${" + inner + "}\ninvalid expression: expected a name, then .name or [index]",
          true);
    }
    return inner;
  }

  /**
   * Resolves every string of a tree. {@code key} is the stage key being resolved ({@code cmd}, {@code outs}, …),
   * or null for foreach/matrix data and top-level sections, where lists and dicts may be interpolated whole.
   */
  static Object resolve(Object value, TemplateContext ctx, String key) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object k = resolve(e.getKey(), ctx, key);
        out.put(k instanceof String s ? s : PythonRepr.str(k), resolve(e.getValue(), ctx, key));
      }
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object item : l) {
        out.add(resolve(item, ctx, key));
      }
      return Collections.unmodifiableList(out);
    }
    if (value instanceof String s) {
      return resolveString(s, ctx, key);
    }
    return value;
  }

  static Object resolveString(String src, TemplateContext ctx, String key) {
    Matcher m = KEYCRE.matcher(src);
    List<int[]> spans = new ArrayList<>();
    List<String> exprs = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
      exprs.add(m.group(1));
    }
    if (exprs.isEmpty()) {
      return src;
    }
    if (exprs.size() == 1 && spans.get(0)[0] == 0 && spans.get(0)[1] == src.length()) {
      Object v = ctx.select(expression(exprs.get(0)));
      validate(v, key);
      return v;
    }
    StringBuilder b = new StringBuilder();
    int index = 0;
    for (int i = 0; i < exprs.size(); i++) {
      Object v = ctx.select(expression(exprs.get(i)));
      validate(v, key);
      b.append(src, index, spans.get(i)[0]).append(toStr(v));
      index = spans.get(i)[1];
    }
    b.append(src.substring(index));
    return b.toString().replace("\\${", "${");
  }

  private static void validate(Object value, String key) {
    boolean primitive = value == null || value instanceof String || value instanceof Number
        || value instanceof Boolean;
    if (!primitive && key != null && !key.contains("foreach")) {
      if (value instanceof Map && key.equals("cmd")) {
        return;
      }
      throw new TemplateException("Cannot interpolate data of type '" + (value instanceof Map ? "dict" : "list")
          + "'", true);
    }
  }

  /** DVC's {@code to_str}: how a value reads inside a longer string. */
  static String toStr(Object value) {
    if (value instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (value instanceof Map<?, ?> m) {
      return dictArguments(m);
    }
    return PythonRepr.str(value);
  }

  private static String dictArguments(Map<?, ?> dict) {
    Map<String, Object> flat = new LinkedHashMap<>();
    flatten(dict, "", flat);
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Object> e : flat.entrySet()) {
      String k = e.getKey();
      Object v = e.getValue();
      if (v instanceof Boolean bool) {
        if (bool) {
          b.append("--").append(k).append(' ');
        }
      } else if (v instanceof String s) {
        b.append("--").append(k).append(' ').append(shellQuote(s)).append(' ');
      } else if (v instanceof List<?> l) {
        for (int n = 0; n < l.size(); n++) {
          Object i = l.get(n);
          String text;
          if (i instanceof String s) {
            text = shellQuote(s);
          } else if (i instanceof List || i instanceof Map) {
            throw new TemplateException("Cannot interpolate nested iterable in '" + k + "'", true);
          } else {
            text = PythonRepr.str(i);
          }
          b.append(n > 0 ? "" : "--" + k + " ").append(text).append(' ');
        }
      } else if (v instanceof Map) {
        continue; // an empty dict: iterable with nothing to print
      } else {
        b.append("--").append(k).append(' ').append(PythonRepr.str(v)).append(' ');
      }
    }
    return b.toString().stripTrailing();
  }

  private static void flatten(Map<?, ?> m, String prefix, Map<String, Object> out) {
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String k = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> sub && !sub.isEmpty()) {
        flatten(sub, k + ".", out);
      } else {
        out.put(k, e.getValue());
      }
    }
  }

  /** Python's {@code shlex.quote}. */
  static String shellQuote(String s) {
    if (s.isEmpty()) {
      return "''";
    }
    if (SAFE_SHELL.matcher(s).matches()) {
      return s;
    }
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }

  /** True if any string in the tree (keys included) holds a {@code ${…}}. */
  static boolean isInterpolatedTree(Object value) {
    if (value instanceof Map<?, ?> m) {
      return m.entrySet().stream().anyMatch(e -> isInterpolatedTree(e.getKey()) || isInterpolatedTree(e.getValue()));
    }
    if (value instanceof List<?> l) {
      return l.stream().anyMatch(Interpolation::isInterpolatedTree);
    }
    return isInterpolated(value);
  }
}
