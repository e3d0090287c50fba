package io.jdvc.metrics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Arithmetic and comparison of values as Python does it for DVC's diffs: {@code bool} counts as an int. */
public final class PyNumbers {
  private PyNumbers() {}

  /** Python's {@code isinstance(v, (int, float))}. */
  public static boolean isNumber(Object v) {
    return v instanceof Number || v instanceof Boolean;
  }

  /** Python's {@code a == b} for the scalars of a values tree ({@code 1 == 1.0 == True}). */
  public static boolean pyEquals(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (isNumber(a) && isNumber(b)) {
      if (isIntegral(a) && isIntegral(b)) {
        return integer(a).equals(integer(b));
      }
      double x = asDouble(a);
      double y = asDouble(b);
      if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)) {
        return x == y;
      }
      return decimal(a).compareTo(decimal(b)) == 0;
    }
    return a.equals(b);
  }

  /** Python's {@code new - old}: an int when both are ints, else a float. */
  public static Number subtract(Object newValue, Object oldValue) {
    if (isIntegral(newValue) && isIntegral(oldValue)) {
      BigInteger d = integer(newValue).subtract(integer(oldValue));
      return d.bitLength() < 64 ? (Number) d.longValue() : d;
    }
    return asDouble(newValue) - asDouble(oldValue);
  }

  /** The change relative to {@code old} in percent, or null when {@code old} is zero or not a number. */
  public static Double percent(Object oldValue, Number diff) {
    if (diff == null || !isNumber(oldValue)) {
      return null;
    }
    double o = asDouble(oldValue);
    return o == 0 || Double.isNaN(o) ? null : diff.doubleValue() / Math.abs(o) * 100;
  }

  /** Python's {@code round(x, digits)} for a float: the exact binary value rounded half-even. */
  public static double round(double x, int digits) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
  }

  public static double asDouble(Object v) {
    return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
  }

  private static boolean isIntegral(Object v) {
    return v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof BigInteger
        || v instanceof Short || v instanceof Byte;
  }

  private static BigInteger integer(Object v) {
    if (v instanceof Boolean b) {
      return b ? BigInteger.ONE : BigInteger.ZERO;
    }
    return v instanceof BigInteger i ? i : BigInteger.valueOf(((Number) v).longValue());
  }

  private static BigDecimal decimal(Object v) {
    if (isIntegral(v)) {
      return new BigDecimal(integer(v));
    }
    return v instanceof BigDecimal d ? d : new BigDecimal(((Number) v).doubleValue());
  }
}
