package io.jdvc.pipeline;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Equality of params values as Python's {@code ==} decides it for what DVC compares: a value locked as {@code 0.2}
 * equals one written {@code 0.20}, and {@code 1} equals {@code 1.0}; lists and mappings compare element by element.
 */
final class ParamValues {
  private ParamValues() {}

  static boolean equal(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Boolean || b instanceof Boolean) {
      return a.equals(b);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return numbersEqual(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      Iterator<?> i = y.iterator();
      for (Object e : x) {
        if (!equal(e, i.next())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b) || String.valueOf(a).equals(String.valueOf(b)) && a.getClass() == b.getClass();
  }

  private static boolean numbersEqual(Number x, Number y) {
    double dx = x.doubleValue();
    double dy = y.doubleValue();
    if (Double.isNaN(dx) || Double.isNaN(dy)) {
      return false; // as in Python, nan != nan
    }
    if (Double.isInfinite(dx) || Double.isInfinite(dy)) {
      return dx == dy;
    }
    return decimal(x).compareTo(decimal(y)) == 0;
  }

  private static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof Double || n instanceof Float) {
      return new BigDecimal(Double.toString(n.doubleValue()));
    }
    return new BigDecimal(n.toString());
  }
}
