package io.jdvc.pointer;

import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Which type a plain (unquoted) YAML scalar has under the YAML 1.2 rules of ruamel.yaml, the library DVC reads and
 * writes {@code .dvc} files with. The reader uses it to tell {@code size: 6} from {@code path: 6}; the writer uses it
 * to decide that a string such as {@code 1e5} or {@code true} must be quoted. The patterns are copied from ruamel's
 * {@code resolver.py} (1.2 entries plus those shared with 1.1), not from the YAML spec, because ruamel's are what
 * decides DVC's bytes.
 */
public final class ScalarResolver {
  private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
  private static final Pattern FLOAT = Pattern.compile(
      "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
          + "|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)"
          + "|[-+]?\\.[0-9_]+(?:[eE][-+][0-9]+)?"
          + "|[-+]?\\.(?:inf|Inf|INF)"
          + "|\\.(?:nan|NaN|NAN)");
  private static final Pattern INT =
      Pattern.compile("[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+");
  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern TIMESTAMP = Pattern.compile(
      "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
          + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?"
          + ":[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?");

  private ScalarResolver() {}

  /** True if the scalar, written plain, would be read back as a string. */
  public static boolean isString(String plain) {
    if (plain.isEmpty()) {
      return false;
    }
    // Cheap first-character filter, as ruamel does, so ordinary names never reach a regex.
    char c = plain.charAt(0);
    switch (c) {
      case 't': case 'T': case 'f': case 'F':
        return !BOOL.matcher(plain).matches();
      case '~': case 'n': case 'N':
        return !NULL.matcher(plain).matches();
      case '<':
        return !plain.equals("<<");
      case '=':
        return !plain.equals("=");
      case '-': case '+': case '.':
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        return !(FLOAT.matcher(plain).matches() || INT.matcher(plain).matches()
            || TIMESTAMP.matcher(plain).matches());
      default:
        return true;
    }
  }

  public static boolean isBool(String plain) {
    return BOOL.matcher(plain).matches();
  }

  public static boolean isNull(String plain) {
    return NULL.matcher(plain).matches();
  }

  /** True for an integer in any of ruamel's notations ({@code 12}, {@code 0x1F}, {@code 0o17}, {@code 1_000}). */
  public static boolean isInt(String plain) {
    return INT.matcher(plain).matches();
  }

  /** True for a float, including {@code .inf} and {@code .nan}, by ruamel's 1.2 rules ({@code 1e3} is a float). */
  public static boolean isFloat(String plain) {
    return FLOAT.matcher(plain).matches();
  }

  /**
   * The value ruamel's safe loader (YAML 1.2) builds from a plain scalar: {@link Boolean}, {@code null},
   * {@link Long} (or {@link java.math.BigInteger} past its range), {@link Double}, the text itself for a string,
   * and a {@link PlainScalar} for what Java has no natural type for (timestamps, {@code <<}, {@code =}), so that
   * writing it back reproduces it.
   */
  public static Object construct(String plain) {
    return construct(plain, true);
  }

  /** A scalar node's value as ruamel's safe loader builds it: quoted scalars are strings, plain ones typed. */
  public static Object construct(ScalarNode node) {
    return node.isPlain() ? construct(node.getValue()) : node.getValue();
  }

  /**
   * As {@link #construct(String)}, but with {@code keepUntyped} false a timestamp, {@code <<} or {@code =} is its
   * text, for readers that hand values on as Python's {@code str()} would print them.
   */
  public static Object construct(String plain, boolean keepUntyped) {
    if (isString(plain)) {
      return plain;
    }
    if (isNull(plain)) {
      return null;
    }
    if (isBool(plain)) {
      return plain.equalsIgnoreCase("true");
    }
    if (INT.matcher(plain).matches()) {
      String t = plain.replace("_", "");
      boolean negative = t.startsWith("-");
      if (t.startsWith("-") || t.startsWith("+")) {
        t = t.substring(1);
      }
      int radix = 10;
      if (t.startsWith("0b")) {
        radix = 2;
        t = t.substring(2);
      } else if (t.startsWith("0x")) {
        radix = 16;
        t = t.substring(2);
      } else if (t.startsWith("0o")) {
        radix = 8;
        t = t.substring(2);
      }
      java.math.BigInteger v = new java.math.BigInteger(t.isEmpty() ? "0" : t, radix);
      v = negative ? v.negate() : v;
      return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }
    if (FLOAT.matcher(plain).matches()) {
      String t = plain.replace("_", "").toLowerCase(java.util.Locale.ROOT);
      if (t.endsWith(".nan")) {
        return Double.NaN;
      }
      if (t.endsWith(".inf")) {
        return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      return Double.parseDouble(t);
    }
    return keepUntyped ? new PlainScalar(plain) : plain;
  }
}
