package io.jdvc.pipeline;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON read as Python's {@code json.loads} reads it: objects ordered (a repeated key keeps its last value at its
 * first position), integers as Long/BigInteger, numbers with a fraction or exponent as Double, and Python's
 * {@code NaN}/{@code Infinity} extensions accepted.
 */
final class JsonValues {
  private final String text;
  private final String file;
  private int pos;

  private JsonValues(String text, String file) {
    this.text = text;
    this.file = file;
  }

  static Object parse(String text, String file) {
    JsonValues p = new JsonValues(text, file);
    p.skipSpace();
    Object v = p.value();
    p.skipSpace();
    if (p.pos < text.length()) {
      throw p.error("extra data");
    }
    return v;
  }

  private Object value() {
    if (pos >= text.length()) {
      throw error("expecting value");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      default:
        if (text.startsWith("true", pos)) {
          pos += 4;
          return Boolean.TRUE;
        } else if (text.startsWith("false", pos)) {
          pos += 5;
          return Boolean.FALSE;
        } else if (text.startsWith("null", pos)) {
          pos += 4;
          return null;
        } else if (text.startsWith("NaN", pos)) {
          pos += 3;
          return Double.NaN;
        } else if (text.startsWith("Infinity", pos)) {
          pos += 8;
          return Double.POSITIVE_INFINITY;
        } else if (text.startsWith("-Infinity", pos)) {
          pos += 9;
          return Double.NEGATIVE_INFINITY;
        }
        return number();
    }
  }

  private Map<String, Object> object() {
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '}') {
      pos++;
      return Collections.unmodifiableMap(map);
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("expecting property name enclosed in double quotes");
      }
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      map.put(key, value());
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else {
        expect('}');
        return Collections.unmodifiableMap(map);
      }
    }
  }

  private List<Object> array() {
    pos++;
    List<Object> list = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      pos++;
      return Collections.unmodifiableList(list);
    }
    while (true) {
      skipSpace();
      list.add(value());
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else {
        expect(']');
        return Collections.unmodifiableList(list);
      }
    }
  }

  private String string() {
    pos++;
    StringBuilder b = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\') {
        if (pos >= text.length()) {
          break;
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            if (pos + 4 > text.length()) {
              throw error("invalid \\u escape");
            }
            try {
              b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("invalid \\u escape");
            }
            pos += 4;
          }
          default -> throw error("invalid escape '\\" + e + "'");
        }
      } else if (c < 0x20) {
        throw error("invalid control character in string");
      } else {
        b.append(c);
      }
    }
    throw error("unterminated string");
  }

  private Object number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    int digits = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos == digits) {
      throw error("expecting value");
    }
    boolean isFloat = false;
    if (peek() == '.') {
      isFloat = true;
      pos++;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      isFloat = true;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    String s = text.substring(start, pos);
    try {
      return isFloat ? (Object) Double.parseDouble(s) : YamlValues.normalize(new BigInteger(s));
    } catch (NumberFormatException e) {
      throw error("invalid number '" + s + "'");
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expecting '" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private PipelineFileException error(String problem) {
    int line = 1;
    for (int i = 0; i < Math.min(pos, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return new PipelineFileException(file, line, "invalid JSON: " + problem);
  }
}
