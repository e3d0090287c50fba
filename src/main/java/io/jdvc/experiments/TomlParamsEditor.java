package io.jdvc.experiments;

import io.jdvc.JdvcException;
import io.jdvc.pipeline.PythonRepr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code -S} on a TOML params file, edited as text the way DVC's tomlkit round trip changes it: a changed value is
 * replaced where it stands (its comment and the rest of the line stay), a new key is added after the last key of
 * its table (in a new table at the end of the file when its table does not exist), a deleted key loses its line. Every other byte stays. Keys are
 * found under {@code [table]} headers or as dotted keys; values spanning several lines and arrays of tables are
 * refused, naming the key, rather than rewritten.
 */
final class TomlParamsEditor {
  private TomlParamsEditor() {}

  /** One {@code key = value} line: its full dotted key, and where its value's text starts and ends. */
  private record KeyLine(int line, String table, String key, int valueStart, int valueEnd) {
    String full() {
      return table.isEmpty() ? key : table + "." + key;
    }
  }

  static String apply(String text, List<ParamOverride> overrides, String file) {
    String out = text;
    for (ParamOverride o : overrides) {
      out = edit(out, o, file);
    }
    return out;
  }

  private static String edit(String text, ParamOverride o, String file) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    List<KeyLine> keys = scan(lines, file);
    KeyLine found = keys.stream().filter(k -> k.full().equals(o.key())).findFirst().orElse(null);
    if (o.action() == ParamOverride.Action.DELETE) {
      lines.remove(found.line());
      return String.join("\n", lines);
    }
    if (found != null) {
      String l = lines.get(found.line());
      lines.set(found.line(), l.substring(0, found.valueStart()) + value(o.value(), o) + l.substring(found.valueEnd()));
      return String.join("\n", lines);
    }
    // a new key: after the last key of the deepest existing table that holds it, as a dotted key below it
    String table = "";
    for (KeyLine k : keys) {
      if (!k.table().isEmpty() && o.key().startsWith(k.table() + ".") && k.table().length() > table.length()) {
        table = k.table();
      }
    }
    String rest = table.isEmpty() ? o.key() : o.key().substring(table.length() + 1);
    String entry = rest + " = " + value(o.value(), o);
    int after = -1;
    for (KeyLine k : keys) {
      if (k.table().equals(table)) {
        after = k.line();
      }
    }
    if (!table.isEmpty() && after >= 0) {
      lines.add(after + 1, entry);
      return String.join("\n", lines);
    }
    if (!o.key().contains(".")) {
      lines.add(after + 1, entry); // a top-level key: after the others, before the first table
      return String.join("\n", lines);
    }
    String newTable = o.key().substring(0, o.key().lastIndexOf('.'));
    String body = "[" + newTable + "]\n" + o.key().substring(newTable.length() + 1) + " = " + value(o.value(), o)
        + "\n";
    String joined = String.join("\n", lines);
    return joined + (joined.isEmpty() || joined.endsWith("\n") ? "" : "\n") + (joined.isEmpty() ? "" : "\n") + body;
  }

  /** Every {@code key = value} of the file with its table, in order. */
  private static List<KeyLine> scan(List<String> lines, String file) {
    List<KeyLine> out = new ArrayList<>();
    String table = "";
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      String t = l.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      if (t.startsWith("[[")) {
        table = "\u0000array"; // arrays of tables: their keys are not addressed by -S
        continue;
      }
      if (t.startsWith("[")) {
        table = normalizeKey(t.substring(1, t.indexOf(']')));
        continue;
      }
      int eq = equalsOutsideQuotes(l);
      if (eq < 0) {
        continue; // the continuation of a multi-line value
      }
      int start = eq + 1;
      while (start < l.length() && l.charAt(start) == ' ') {
        start++;
      }
      int end = valueEnd(l, start);
      out.add(new KeyLine(i, table, normalizeKey(l.substring(0, eq)), start, end));
    }
    return out;
  }

  private static String normalizeKey(String raw) {
    StringBuilder b = new StringBuilder();
    for (String part : raw.strip().split("\\s*\\.\\s*")) {
      String p = part.strip();
      if (p.length() >= 2 && (p.startsWith("\"") && p.endsWith("\"") || p.startsWith("'") && p.endsWith("'"))) {
        p = p.substring(1, p.length() - 1);
      }
      b.append(b.length() == 0 ? "" : ".").append(p);
    }
    return b.toString();
  }

  private static int equalsOutsideQuotes(String l) {
    char quote = 0;
    for (int i = 0; i < l.length(); i++) {
      char c = l.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '=') {
        return i;
      } else if (c == '#') {
        return -1;
      }
    }
    return -1;
  }

  /** Where a value that starts at {@code start} ends: before trailing blanks and a comment. */
  private static int valueEnd(String l, int start) {
    char quote = 0;
    int depth = 0;
    int end = start;
    for (int i = start; i < l.length(); i++) {
      char c = l.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote == '"') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[' || c == '{') {
        depth++;
      } else if (c == ']' || c == '}') {
        depth--;
      } else if (c == '#' && depth == 0) {
        break;
      }
      if (!Character.isWhitespace(c)) {
        end = i + 1;
      }
    }
    return quote != 0 || depth != 0 ? -1 : end;
  }

  /** A value as tomlkit writes it. */
  static String value(Object v, ParamOverride o) {
    if (v == null) {
      throw new JdvcException("Invalid --set-param value '" + o.key() + "=" + o.valueText() + "': TOML has no null",
          "give a value, or delete the key with ~" + o.key());
    }
    if (v instanceof String s) {
      StringBuilder b = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        switch (c) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          case '\n' -> b.append("\\n");
          case '\t' -> b.append("\\t");
          default -> b.append(c);
        }
      }
      return b.append('"').toString();
    }
    if (v instanceof Boolean b) {
      return b.toString();
    }
    if (v instanceof Double d) {
      return d.isNaN() ? "nan" : d.isInfinite() ? (d > 0 ? "inf" : "-inf") : PythonRepr.repr(d);
    }
    if (v instanceof List<?> l) {
      List<String> items = new ArrayList<>();
      l.forEach(x -> items.add(value(x, o)));
      return "[" + String.join(", ", items) + "]";
    }
    if (v instanceof Map<?, ?> m) {
      List<String> items = new ArrayList<>();
      m.forEach((k, x) -> items.add(k + " = " + value(x, o)));
      return "{" + String.join(", ", items) + "}";
    }
    return String.valueOf(v);
  }

  /** Refuses what the text edit cannot do safely, before anything is written. */
  static void check(String text, ParamOverride o, String file) {
    List<KeyLine> keys = scan(List.of(text.split("\n", -1)), file);
    KeyLine found = keys.stream().filter(k -> k.full().equals(o.key())).findFirst().orElse(null);
    boolean inTable = found == null && keys.stream().anyMatch(k -> k.full().startsWith(o.key() + "."));
    if (o.action() != ParamOverride.Action.ADD && found == null && inTable
        || found != null && found.valueEnd() < 0) {
      throw new JdvcException("cannot apply -S '" + o.key() + "' to " + file + ": its value is a table or spans"
          + " several lines", "set its keys one by one (" + o.key() + ".KEY=...), or edit " + file + " by hand");
    }
    if (o.action() != ParamOverride.Action.DELETE) {
      value(o.value(), o);
    }
  }
}
