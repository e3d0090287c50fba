package io.jdvc.pointer;

/**
 * The quoting ruamel.yaml picks for a string ({@code choose_scalar_style} and {@code analyze_scalar} in its
 * {@code emitter.py}, block context, unicode allowed): plain when that reads back as the same string, else single
 * quotes, else double quotes. ruamel prefers double quotes for any text containing {@code '} or a newline.
 */
enum ScalarStyle {
  PLAIN, SINGLE, DOUBLE;

  private static boolean isSpaceOrBreak(int ch) {
    return ch == 0 || ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == 0x85 || ch == 0x2028
        || ch == 0x2029;
  }

  static ScalarStyle choose(String s, boolean simpleKey) {
    if (s.isEmpty()) {
      return SINGLE;
    }
    int[] t = s.codePoints().toArray();
    int n = t.length;
    boolean blockIndicators = s.startsWith("---") || s.startsWith("...");
    boolean lineBreaks = false;
    boolean special = false;
    boolean leadingSpace = false;
    boolean leadingBreak = false;
    boolean trailingSpace = false;
    boolean trailingBreak = false;
    boolean breakSpace = false;
    boolean spaceBreak = false;
    boolean precededByWhitespace = true;
    boolean followedByWhitespace = n == 1 || isSpaceOrBreak(t[1]);
    boolean previousSpace = false;
    boolean previousBreak = false;
    for (int i = 0; i < n; i++) {
      int ch = t[i];
      if (i == 0) {
        if ("#,[]{}&*!|>'\"%@`".indexOf(ch) >= 0) {
          blockIndicators = true;
        }
        if ((ch == '?' || ch == ':') && followedByWhitespace) {
          blockIndicators = true;
        }
        if (ch == '-' && followedByWhitespace) {
          blockIndicators = true;
        }
      } else {
        if (ch == ':' && followedByWhitespace) {
          blockIndicators = true;
        }
        if (ch == '#' && precededByWhitespace) {
          blockIndicators = true;
        }
      }
      boolean isBreak = ch == '\n' || ch == 0x85 || ch == 0x2028 || ch == 0x2029;
      if (isBreak) {
        lineBreaks = true;
      }
      if (!(ch == '\n' || (ch >= 0x20 && ch <= 0x7E))) {
        boolean printable = (ch == 0x85 || (ch >= 0xA0 && ch <= 0xD7FF) || (ch >= 0xE000 && ch <= 0xFFFD)
            || (ch >= 0x10000 && ch <= 0x10FFFF)) && ch != 0xFEFF;
        if (!printable) {
          special = true;
        }
      }
      if (ch == ' ') {
        leadingSpace |= i == 0;
        trailingSpace |= i == n - 1;
        breakSpace |= previousBreak;
        previousSpace = true;
        previousBreak = false;
      } else if (isBreak) {
        leadingBreak |= i == 0;
        trailingBreak |= i == n - 1;
        spaceBreak |= previousSpace;
        previousSpace = false;
        previousBreak = true;
      } else {
        previousSpace = false;
        previousBreak = false;
      }
      precededByWhitespace = isSpaceOrBreak(ch);
      followedByWhitespace = i + 2 >= n || isSpaceOrBreak(t[i + 2]);
    }
    boolean blockPlain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace
        || special || spaceBreak || lineBreaks || blockIndicators);
    boolean singleQuoted = !(breakSpace || special || spaceBreak);
    if (blockPlain && !(simpleKey && lineBreaks) && ScalarResolver.isString(s)) {
      return PLAIN;
    }
    if (s.indexOf('\'') >= 0 || s.indexOf('\n') >= 0) {
      return DOUBLE;
    }
    if (singleQuoted && !(simpleKey && lineBreaks)) {
      return SINGLE;
    }
    return DOUBLE;
  }
}
