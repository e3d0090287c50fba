package io.jdvc.pointer;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)}, the text DVC's files and hashes carry for a float: the shortest digits that read
 * back as the same double (ties to the nearest), fixed notation for decimal exponents from -4 to 15
 * ({@code 0.0001}, {@code 1.0}, {@code 1000000000000000.0}), else scientific with a signed two-digit exponent
 * ({@code 1e-05}, {@code 1e+16}, {@code 1.5e+300}). Java 17's {@code Double.toString} is not always the shortest,
 * so the digits are searched for here.
 */
public final class PythonFloat {
  private PythonFloat() {}

  /** {@code repr(d)}: {@code inf}, {@code -inf} and {@code nan} for the special values, as Python writes them. */
  public static String repr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(d);
    BigDecimal shortest = exact;
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == d) {
        shortest = candidate;
        break;
      }
    }
    String sign = shortest.signum() < 0 ? "-" : "";
    BigDecimal abs = shortest.abs().stripTrailingZeros();
    String digits = abs.unscaledValue().toString();
    // Decimal exponent of the first digit: value = d.ddd × 10^exp.
    int exp = digits.length() - 1 - abs.scale();
    if (exp < -4 || exp >= 16) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String e = String.valueOf(Math.abs(exp));
      return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }
    if (exp < 0) {
      return sign + "0." + "0".repeat(-exp - 1) + digits;
    }
    if (digits.length() <= exp + 1) {
      return sign + digits + "0".repeat(exp + 1 - digits.length()) + ".0";
    }
    return sign + digits.substring(0, exp + 1) + "." + digits.substring(exp + 1);
  }
}
