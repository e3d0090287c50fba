package io.jdvc.pointer;

import java.util.List;
import java.util.Map;

/**
 * Writes a tree of {@code Map<String, ?>}, {@code List<?>}, {@link String}, {@link Long}, {@link Boolean} and
 * {@link PlainScalar} as block YAML, byte-identical to ruamel.yaml's round-trip dumper with DVC's settings
 * ({@code default_flow_style=False}, mapping indent 2, sequence dashes at the parent key's column, width 80,
 * unicode written raw). Scalars may also be {@link Double} (written as ruamel writes a Python float), {@link
 * java.math.BigInteger} and {@code null} (written as nothing, as ruamel writes {@code None}). The scalar writers are line-for-line ports of ruamel's {@code emitter.py}, including its
 * quirks (a plain scalar too long for the line starts on the next line, leaving a space after the colon), because
 * DVC's files carry those quirks and a rewrite must not change them. Not thread-safe; one instance per document.
 */
public final class YamlEmitter {
  private static final int BEST_WIDTH = 80;

  private final StringBuilder out = new StringBuilder();
  private int column;
  private int indent;
  private boolean whitespace = true;
  private boolean indention = true;

  /** The document for a top-level mapping: {@code "{}\n"} when it is empty, as ruamel writes it. */
  public static String document(Map<String, ?> root) {
    YamlEmitter e = new YamlEmitter();
    if (root.isEmpty()) {
      e.write("{}");
    } else {
      e.mapping(root, 0, false);
    }
    e.out.append('\n');
    return e.out.toString();
  }

  private void mapping(Map<String, ?> map, int mapIndent, boolean inline) {
    boolean first = true;
    for (Map.Entry<String, ?> e : map.entrySet()) {
      if (!(first && inline)) {
        lineAt(mapIndent);
      }
      first = false;
      scalar(e.getKey(), mapIndent + 2, true);
      write(":");
      whitespace = false;
      value(e.getValue(), mapIndent, false);
    }
  }

  private void sequence(List<?> list, int seqIndent, boolean inline) {
    boolean first = true;
    for (Object item : list) {
      if (!(first && inline)) {
        lineAt(seqIndent);
      }
      first = false;
      if (!whitespace) {
        write(" ");
      }
      write("-");
      whitespace = false;
      value(item, seqIndent, true);
    }
  }

  /** A mapping value or sequence item; {@code parentIndent} is the column of its key or dash. */
  private void value(Object v, int parentIndent, boolean inSequence) {
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        write(" {}");
      } else if (inSequence) {
        @SuppressWarnings("unchecked") Map<String, ?> sm = (Map<String, ?>) m;
        mapping(sm, parentIndent + 2, true);
      } else {
        @SuppressWarnings("unchecked") Map<String, ?> sm = (Map<String, ?>) m;
        mapping(sm, parentIndent + 2, false);
      }
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        write(" []");
      } else if (inSequence) {
        sequence(l, parentIndent + 2, true);
      } else {
        // ruamel's sequences inside mappings are "indentless": the dash sits at the key's column.
        sequence(l, parentIndent, false);
      }
    } else if (v == null || v instanceof PlainScalar p && p.text().isEmpty()) {
      // A null: ruamel writes nothing after "key:", but "- " (with its space) for a sequence item.
      if (inSequence) {
        write(" ");
      }
    } else {
      scalar(v, parentIndent + 2, false);
    }
  }

  private void lineAt(int col) {
    if (out.length() > 0) {
      out.append('\n');
    }
    out.append(" ".repeat(col));
    column = col;
    whitespace = true;
    indention = true;
  }

  private void write(String s) {
    out.append(s);
    column += s.codePointCount(0, s.length());
  }

  private void scalar(Object v, int scalarIndent, boolean simpleKey) {
    indent = scalarIndent;
    boolean split = !simpleKey;
    if (v instanceof Long || v instanceof Integer || v instanceof java.math.BigInteger) {
      writePlain(v.toString(), split);
    } else if (v instanceof Double d) {
      writePlain(floatText(d), split);
    } else if (v instanceof Boolean b) {
      writePlain(b ? "true" : "false", split);
    } else if (v instanceof PlainScalar p) {
      writePlain(p.text(), split);
    } else if (v instanceof String s) {
      switch (ScalarStyle.choose(s, simpleKey)) {
        case PLAIN -> writePlain(s, split);
        case SINGLE -> writeSingleQuoted(s, split);
        case DOUBLE -> writeDoubleQuoted(s, split);
      }
    } else {
      throw new IllegalArgumentException("cannot write " + (v == null ? "null" : v.getClass()) + " as YAML");
    }
  }

  /** ruamel's {@code represent_float}: Python's repr, with YAML's names for the special values. */
  private static String floatText(double d) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    return PythonFloat.repr(d);
  }

  private void writeIndent() {
    if (!indention || column > indent || (column == indent && !whitespace)) {
      out.append('\n');
      column = 0;
      whitespace = true;
      indention = true;
    }
    if (column < indent) {
      whitespace = true;
      out.append(" ".repeat(indent - column));
      column = indent;
    }
  }

  private void writeIndicator(String indicator, boolean needWhitespace) {
    String data = whitespace || !needWhitespace ? indicator : " " + indicator;
    whitespace = false;
    indention = false;
    write(data);
  }

  private void writeText(int[] cps, int start, int end) {
    out.append(new String(cps, start, end - start));
    column += end - start;
  }

  private void writePlain(String s, boolean split) {
    if (s.isEmpty()) {
      return;
    }
    if (!whitespace) {
      write(" ");
    }
    whitespace = false;
    indention = false;
    int[] text = s.codePoints().toArray();
    // Plain text never holds line breaks: ScalarStyle refuses them, and typed scalars have none.
    boolean spaces = false;
    int start = 0;
    int end = 0;
    while (end <= text.length) {
      int ch = end < text.length ? text[end] : -1;
      if (spaces) {
        if (ch != ' ') {
          if (start + 1 == end && column >= BEST_WIDTH && split) {
            writeIndent();
            whitespace = false;
            indention = false;
          } else {
            writeText(text, start, end);
          }
          start = end;
        }
      } else if (ch == -1 || ch == ' ') {
        if ((end - start) + column > BEST_WIDTH && column > indent) {
          // ruamel gives a word longer than the line its own line.
          writeIndent();
        }
        writeText(text, start, end);
        start = end;
      }
      if (ch != -1) {
        spaces = ch == ' ';
      }
      end++;
    }
  }

  private void writeSingleQuoted(String s, boolean split) {
    writeIndicator("'", true);
    int[] text = s.codePoints().toArray();
    boolean spaces = false;
    int start = 0;
    int end = 0;
    while (end <= text.length) {
      int ch = end < text.length ? text[end] : -1;
      if (spaces) {
        if (ch != ' ') {
          if (start + 1 == end && column > BEST_WIDTH && split && start != 0 && end != text.length) {
            writeIndent();
          } else {
            writeText(text, start, end);
          }
          start = end;
        }
      } else if (ch == -1 || ch == ' ' || ch == '\'') {
        // Line breaks never reach here: ScalarStyle sends multi-line text to double quotes.
        if (start < end) {
          writeText(text, start, end);
          start = end;
        }
      }
      if (ch == '\'') {
        write("''");
        start = end + 1;
      }
      if (ch != -1) {
        spaces = ch == ' ';
      }
      end++;
    }
    writeIndicator("'", false);
  }

  private static String escape(int ch) {
    switch (ch) {
      case 0: return "\\0";
      case 0x07: return "\\a";
      case 0x08: return "\\b";
      case 0x09: return "\\t";
      case 0x0A: return "\\n";
      case 0x0B: return "\\v";
      case 0x0C: return "\\f";
      case 0x0D: return "\\r";
      case 0x1B: return "\\e";
      case '"': return "\\\"";
      case '\\': return "\\\\";
      case 0x85: return "\\N";
      case 0xA0: return "\\_";
      case 0x2028: return "\\L";
      case 0x2029: return "\\P";
      default:
        if (ch <= 0xFF) {
          return String.format("\\x%02X", ch);
        } else if (ch <= 0xFFFF) {
          return String.format("\\u%04X", ch);
        }
        return String.format("\\U%08X", ch);
    }
  }

  private static boolean needsEscape(int ch) {
    if (ch == '"' || ch == '\\' || ch == 0x85 || ch == 0x2028 || ch == 0x2029 || ch == 0xFEFF) {
      return true;
    }
    return !((ch >= 0x20 && ch <= 0x7E) || (ch >= 0xA0 && ch <= 0xD7FF) || (ch >= 0xE000 && ch <= 0xFFFD)
        || (ch >= 0x10000 && ch <= 0x10FFFF));
  }

  private static int indexOf(int[] text, int ch, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text[i] == ch) {
        return i;
      }
    }
    return -1;
  }

  private static boolean contains(int[] text, int ch, int from, int to) {
    return indexOf(text, ch, from, to) >= 0;
  }

  private void writeDoubleQuoted(String s, boolean split) {
    writeIndicator("\"", true);
    int[] text = s.codePoints().toArray();
    int n = text.length;
    int start = 0;
    int end = 0;
    while (end <= n) {
      int ch = end < n ? text[end] : -1;
      if (ch == -1 || needsEscape(ch)) {
        if (start < end) {
          writeText(text, start, end);
          start = end;
        }
        if (ch != -1) {
          write(escape(ch));
          start = end + 1;
        }
      }
      if (0 < end && end < n - 1 && (ch == ' ' || start >= end) && column + (end - start) > BEST_WIDTH && split) {
        boolean needBackslash = true;
        int spacePos = indexOf(text, ' ', end, n);
        if (spacePos >= 0) {
          int nl = indexOf(text, '\n', end, spacePos);
          if (nl >= 0) {
            spacePos = nl;
          }
          if (spacePos + 1 < n) {
            if (text[spacePos] == '\n' && text[spacePos + 1] != ' ') {
              // keep the backslash
            } else if (!contains(text, '"', end, spacePos) && !contains(text, '\'', end, spacePos)
                && text[spacePos + 1] != ' ' && text[spacePos + 1] != '\n'
                && !(end >= 1 && text[end - 1] == ' ' && text[end] == ' ')
                && start != end) {
              needBackslash = false;
            }
          }
        }
        String data = (start < end ? new String(text, start, end - start) : "") + (needBackslash ? "\\" : "");
        if (start < end) {
          start = end;
        }
        write(data);
        writeIndent();
        whitespace = false;
        indention = false;
        if (text[start] == ' ') {
          if (!needBackslash) {
            start++;
          }
          write(needBackslash ? "\\" : "");
        }
      }
      end++;
    }
    writeIndicator("\"", false);
  }
}
