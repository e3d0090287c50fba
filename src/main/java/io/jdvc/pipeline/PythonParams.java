package io.jdvc.pipeline;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Params from a Python file, as DVC reads them ({@code dvc/utils/serialize/_py.py}): top-level assignments
 * ({@code lr = 0.1}, {@code lr: float = 0.1}, {@code self.x = 1}), class bodies as nested maps, and the
 * {@code self.x = …} assignments of an {@code __init__} merged into the enclosing level. Only literal values count
 * (numbers, strings, {@code True}/{@code False}/{@code None}, lists, tuples, sets, dicts); an assignment whose value
 * is anything else, or with several targets, is skipped, as {@code ast.literal_eval} makes DVC skip it. Tuples and
 * sets become lists.
 */
final class PythonParams {
  private static final Object NOT_LITERAL = new Object();

  private record Token(char kind, String text, int line) {}

  private record Line(int indent, int number, List<Token> tokens) {}

  private final String file;

  private PythonParams(String file) {
    this.file = file;
  }

  static Map<String, Object> parse(String text, String file) {
    PythonParams p = new PythonParams(file);
    List<Line> lines = p.tokenize(text);
    Map<String, Object> result = new LinkedHashMap<>();
    p.block(lines, 0, lines.size(), false, result);
    return Collections.unmodifiableMap(result);
  }

  private void block(List<Line> lines, int from, int to, boolean onlySelf, Map<String, Object> into) {
    int i = from;
    while (i < to) {
      Line line = lines.get(i);
      int end = i + 1;
      while (end < to && lines.get(end).indent() > line.indent()) {
        end++;
      }
      List<Token> t = line.tokens();
      Token first = t.get(0);
      boolean compound = first.kind() == 'N' && t.size() > 1 && last(t).text().equals(":");
      if (compound && first.text().equals("class") && t.get(1).kind() == 'N') {
        Map<String, Object> body = new LinkedHashMap<>();
        block(lines, i + 1, end, false, body);
        into.put(t.get(1).text(), Collections.unmodifiableMap(body));
      } else if (compound && first.text().equals("def") && t.get(1).text().equals("__init__")) {
        block(lines, i + 1, end, true, into);
      } else if (!compound) {
        assignment(t, onlySelf, into);
      }
      i = end;
    }
  }

  private static Token last(List<Token> t) {
    return t.get(t.size() - 1);
  }

  private void assignment(List<Token> t, boolean onlySelf, Map<String, Object> into) {
    List<Integer> equals = new ArrayList<>();
    int depth = 0;
    int colon = -1;
    for (int k = 0; k < t.size(); k++) {
      String s = t.get(k).text();
      if (t.get(k).kind() == 'O') {
        if ("([{".contains(s)) {
          depth++;
        } else if (")]}".contains(s)) {
          depth--;
        } else if (depth == 0 && s.equals("=")) {
          equals.add(k);
        } else if (depth == 0 && s.equals(":") && colon < 0 && equals.isEmpty()) {
          colon = k;
        }
      }
    }
    if (equals.size() != 1) {
      return;
    }
    int targetEnd = colon >= 0 ? colon : equals.get(0);
    String name = target(t.subList(0, targetEnd), onlySelf);
    if (name == null) {
      return;
    }
    int[] pos = {equals.get(0) + 1};
    Object v = expr(t, pos);
    if (v != NOT_LITERAL && pos[0] == t.size()) {
      into.put(name, v);
    }
  }

  private static String target(List<Token> t, boolean onlySelf) {
    if (t.size() == 1 && t.get(0).kind() == 'N' && !onlySelf) {
      return t.get(0).text();
    }
    if (t.size() == 3 && t.get(0).text().equals("self") && t.get(1).text().equals(".") && t.get(2).kind() == 'N') {
      return t.get(2).text();
    }
    return null;
  }

  /** A literal expression starting at {@code pos[0]}, or NOT_LITERAL. */
  private Object expr(List<Token> t, int[] pos) {
    if (pos[0] >= t.size()) {
      return NOT_LITERAL;
    }
    Token tok = t.get(pos[0]);
    if (tok.kind() == 'O' && (tok.text().equals("-") || tok.text().equals("+"))) {
      pos[0]++;
      Object v = expr(t, pos);
      if (!(v instanceof Number n) || v instanceof Boolean) {
        return NOT_LITERAL;
      }
      if (tok.text().equals("+")) {
        return v;
      }
      if (n instanceof Double d) {
        return -d;
      }
      return YamlValues.normalize(n instanceof BigInteger b ? b.negate() : BigInteger.valueOf(n.longValue()).negate());
    }
    pos[0]++;
    switch (tok.kind()) {
      case 'D':
        return number(tok.text());
      case 'S': {
        if (tok.text() == null) {
          return NOT_LITERAL;
        }
        StringBuilder b = new StringBuilder(tok.text());
        while (pos[0] < t.size() && t.get(pos[0]).kind() == 'S') {
          if (t.get(pos[0]).text() == null) {
            return NOT_LITERAL;
          }
          b.append(t.get(pos[0]++).text());
        }
        return b.toString();
      }
      case 'N':
        return switch (tok.text()) {
          case "True" -> Boolean.TRUE;
          case "False" -> Boolean.FALSE;
          case "None" -> null;
          default -> NOT_LITERAL;
        };
      default:
        break;
    }
    String open = tok.text();
    if (!"([{".contains(open)) {
      return NOT_LITERAL;
    }
    String close = open.equals("(") ? ")" : open.equals("[") ? "]" : "}";
    List<Object> items = new ArrayList<>();
    Map<String, Object> dict = null;
    boolean comma = false;
    while (true) {
      if (pos[0] >= t.size()) {
        return NOT_LITERAL;
      }
      if (t.get(pos[0]).text().equals(close) && t.get(pos[0]).kind() == 'O') {
        pos[0]++;
        break;
      }
      Object v = expr(t, pos);
      if (v == NOT_LITERAL || pos[0] >= t.size()) {
        return NOT_LITERAL;
      }
      if (open.equals("{") && t.get(pos[0]).text().equals(":")) {
        if (dict == null) {
          if (!items.isEmpty()) {
            return NOT_LITERAL;
          }
          dict = new LinkedHashMap<>();
        }
        pos[0]++;
        Object value = expr(t, pos);
        if (value == NOT_LITERAL || !(v instanceof String || v instanceof Number || v instanceof Boolean)) {
          return NOT_LITERAL;
        }
        dict.put(String.valueOf(v), value);
      } else if (dict != null) {
        return NOT_LITERAL;
      } else {
        items.add(v);
      }
      if (pos[0] < t.size() && t.get(pos[0]).text().equals(",")) {
        comma = true;
        pos[0]++;
      } else if (pos[0] < t.size() && !t.get(pos[0]).text().equals(close)) {
        return NOT_LITERAL;
      }
    }
    if (dict != null) {
      return Collections.unmodifiableMap(dict);
    }
    if (open.equals("(") && items.size() == 1 && !comma) {
      return items.get(0);
    }
    if (open.equals("{") && items.isEmpty()) {
      return Map.of();
    }
    return Collections.unmodifiableList(items);
  }

  private static Object number(String text) {
    String s = text.replace("_", "").toLowerCase(java.util.Locale.ROOT);
    if (s.endsWith("j")) {
      return NOT_LITERAL;
    }
    try {
      if (s.startsWith("0x")) {
        return YamlValues.normalize(new BigInteger(s.substring(2), 16));
      } else if (s.startsWith("0o")) {
        return YamlValues.normalize(new BigInteger(s.substring(2), 8));
      } else if (s.startsWith("0b")) {
        return YamlValues.normalize(new BigInteger(s.substring(2), 2));
      } else if (s.contains(".") || s.contains("e")) {
        return Double.parseDouble(s);
      }
      return YamlValues.normalize(new BigInteger(s));
    } catch (NumberFormatException e) {
      return NOT_LITERAL;
    }
  }

  /** Logical lines of tokens: N name, D number, S string (null text: an f-string), O operator. */
  private List<Line> tokenize(String text) {
    List<Line> lines = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    int depth = 0;
    int indent = 0;
    int lineNo = 1;
    int startLine = 1;
    boolean atLineStart = true;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (atLineStart) {
        int col = 0;
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
          col += text.charAt(i) == '\t' ? 8 - col % 8 : 1;
          i++;
        }
        if (i >= n) {
          break;
        }
        c = text.charAt(i);
        if (c == '\n' || c == '\r' || c == '#') {
          while (i < n && text.charAt(i) != '\n') {
            i++;
          }
          i++;
          lineNo++;
          continue;
        }
        indent = col;
        startLine = lineNo;
        atLineStart = false;
      }
      if (c == '\n') {
        lineNo++;
        i++;
        if (depth == 0) {
          if (!current.isEmpty()) {
            lines.add(new Line(indent, startLine, current));
            current = new ArrayList<>();
          }
          atLineStart = true;
        }
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        i++;
      } else if (c == '#') {
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '\\' && i + 1 < n && (text.charAt(i + 1) == '\n' || text.charAt(i + 1) == '\r')) {
        i = text.indexOf('\n', i) + 1;
        lineNo++;
      } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1))) {
        int s = i;
        while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '.'
            || (text.charAt(i) == '+' || text.charAt(i) == '-') && (text.charAt(i - 1) == 'e'
            || text.charAt(i - 1) == 'E') && !text.substring(s, i).toLowerCase().startsWith("0x"))) {
          i++;
        }
        current.add(new Token('D', text.substring(s, i), lineNo));
      } else if (Character.isLetter(c) || c == '_') {
        int s = i;
        while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
          i++;
        }
        String word = text.substring(s, i);
        if (i < n && (text.charAt(i) == '\'' || text.charAt(i) == '"') && word.length() <= 2
            && word.toLowerCase().matches("[rbuf]|rb|br|fr|rf")) {
          int[] end = {i};
          String value = string(text, i, word.toLowerCase().contains("r"), end);
          lineNo += count(text, i, end[0]);
          i = end[0];
          current.add(new Token('S', word.toLowerCase().contains("f") ? null : value, lineNo));
        } else {
          current.add(new Token('N', word, lineNo));
        }
      } else if (c == '\'' || c == '"') {
        int[] end = {i};
        String value = string(text, i, false, end);
        lineNo += count(text, i, end[0]);
        i = end[0];
        current.add(new Token('S', value, lineNo));
      } else {
        String op = String.valueOf(c);
        for (String two : new String[] {"**", "//", "==", "!=", "<=", ">=", "->", "+=", "-=", "*=", "/=", ":="}) {
          if (text.startsWith(two, i)) {
            op = two;
            break;
          }
        }
        if ("([{".contains(op)) {
          depth++;
        } else if (")]}".contains(op)) {
          depth = Math.max(0, depth - 1);
        }
        current.add(new Token('O', op, lineNo));
        i += op.length();
      }
    }
    if (!current.isEmpty()) {
      lines.add(new Line(indent, startLine, current));
    }
    return lines;
  }

  private static int count(String text, int from, int to) {
    int c = 0;
    for (int k = from; k < to; k++) {
      if (text.charAt(k) == '\n') {
        c++;
      }
    }
    return c;
  }

  private String string(String text, int start, boolean raw, int[] end) {
    char q = text.charAt(start);
    boolean triple = text.startsWith(String.valueOf(q).repeat(3), start);
    String delim = triple ? String.valueOf(q).repeat(3) : String.valueOf(q);
    int i = start + delim.length();
    StringBuilder b = new StringBuilder();
    while (i < text.length()) {
      if (text.startsWith(delim, i)) {
        end[0] = i + delim.length();
        return b.toString();
      }
      char c = text.charAt(i);
      if (c == '\n' && !triple) {
        break;
      }
      if (c == '\\' && i + 1 < text.length()) {
        char e = text.charAt(i + 1);
        if (raw) {
          b.append(c).append(e);
          i += 2;
          continue;
        }
        i += 2;
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case '0' -> b.append('\0');
          case '\\', '\'', '"' -> b.append(e);
          case '\n' -> { }
          case 'x' -> {
            b.append((char) Integer.parseInt(text.substring(i, i + 2), 16));
            i += 2;
          }
          case 'u' -> {
            b.append((char) Integer.parseInt(text.substring(i, i + 4), 16));
            i += 4;
          }
          default -> b.append('\\').append(e);
        }
        continue;
      }
      b.append(c);
      i++;
    }
    throw new PipelineFileException(file, count(text, 0, start) + 1, "invalid Python: unterminated string");
  }
}
