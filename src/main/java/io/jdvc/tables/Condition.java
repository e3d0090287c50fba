package io.jdvc.tables;

import io.jdvc.JdvcException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SodaCL threshold: {@code = 0}, {@code < 5%}, {@code between 10 and 20}, {@code not between -1 and 1},
 * {@code < 1d}. Percent signs are dropped (percent metrics are in percent); durations become seconds.
 */
public record Condition(String op, double a, double b, boolean percent) {
  private static final Pattern BETWEEN = Pattern.compile("(not\\s+)?between\\s+(\\S+)\\s+and\\s+(\\S+)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern COMPARE = Pattern.compile("(=|!=|<>|<=|>=|<|>)\\s*(\\S+)");

  /** @throws JdvcException naming the text when it is not a threshold */
  public static Condition parse(String text) {
    String t = text.strip();
    Matcher m = BETWEEN.matcher(t);
    if (m.matches()) {
      return new Condition(m.group(1) == null ? "between" : "not between", number(m.group(2)), number(m.group(3)),
          m.group(2).endsWith("%") || m.group(3).endsWith("%"));
    }
    m = COMPARE.matcher(t);
    if (m.matches()) {
      return new Condition(m.group(1).equals("<>") ? "!=" : m.group(1), number(m.group(2)), Double.NaN,
          m.group(2).endsWith("%"));
    }
    throw new JdvcException("'" + text + "' is not a threshold", "write one of = != < <= > >= followed by a number, "
        + "or 'between A and B'");
  }

  /** A number, a percentage ({@code 5%} is 5) or a duration in seconds ({@code 30s 15m 12h 1d 2w}). */
  static double number(String s) {
    String v = s.strip().toLowerCase(Locale.ROOT);
    double unit = 1;
    if (v.endsWith("%")) {
      v = v.substring(0, v.length() - 1);
    } else if (v.matches("[0-9.]+[smhdw]")) {
      unit = switch (v.charAt(v.length() - 1)) {
        case 's' -> 1;
        case 'm' -> 60;
        case 'h' -> 3600;
        case 'd' -> 86400;
        default -> 7 * 86400;
      };
      v = v.substring(0, v.length() - 1);
    }
    try {
      return Double.parseDouble(v.startsWith("+") ? v.substring(1) : v) * unit;
    } catch (NumberFormatException e) {
      throw new JdvcException("'" + s + "' is not a number", "write e.g. 10, 2.5, 5% or 1d");
    }
  }

  public boolean holds(double x) {
    return switch (op) {
      case "=" -> x == a;
      case "!=" -> x != a;
      case "<" -> x < a;
      case "<=" -> x <= a;
      case ">" -> x > a;
      case ">=" -> x >= a;
      case "between" -> x >= Math.min(a, b) && x <= Math.max(a, b);
      default -> x < Math.min(a, b) || x > Math.max(a, b);
    };
  }
}
