package io.jdvc.experiments;

import io.jdvc.JdvcException;
import io.jdvc.pipeline.PythonRepr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code -S} on a Python params file, as DVC's {@code _py.py} updates it: only values that already exist change,
 * each replaced on its own assignment line (top-level {@code lr = 0.1}, {@code lr: float = 0.1}, class attributes
 * as {@code Class.attr}, and {@code self.attr = …} in a class's {@code __init__}); comments and every other byte
 * stay. Adding or deleting keys is refused, as DVC cannot do it either (its dump fails on a new key). Where DVC
 * replaces the text {@code " = <str(old)>"} and so silently leaves strings unchanged, jdvc replaces the whole
 * literal with the new value's Python {@code repr}. A value spanning several lines is refused.
 */
final class PythonParamsEditor {
  private PythonParamsEditor() {}

  private static final Pattern CLASS = Pattern.compile("^(\\s*)class\\s+(\\w+)\\b.*:\\s*(#.*)?$");
  private static final Pattern DEF = Pattern.compile("^(\\s*)def\\s+(\\w+)\\b.*");
  private static final Pattern ASSIGN = Pattern.compile(
      "^(\\s*)(self\\.)?(\\w+)\\s*(:[^=]*)?=(?!=)\\s*(.*)$");

  private record Scope(int indent, String prefix, boolean init, boolean skip) {}

  /** The assignment line of {@code key}: its index, and where the literal starts and ends in it. */
  private record Found(int line, int start, int end) {}

  static String apply(String text, List<ParamOverride> overrides, String file) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    for (ParamOverride o : overrides) {
      Found f = find(lines, o, file);
      String l = lines.get(f.line());
      lines.set(f.line(), l.substring(0, f.start()) + PythonRepr.repr(o.value()) + l.substring(f.end()));
    }
    return String.join("\n", lines);
  }

  /** Refuses what cannot be done, before anything is written. */
  static void check(String text, ParamOverride o, String file) {
    find(List.of(text.split("\n", -1)), o, file);
  }

  private static Found find(List<String> lines, ParamOverride o, String file) {
    if (o.action() == ParamOverride.Action.ADD || o.action() == ParamOverride.Action.DELETE) {
      throw new JdvcException("cannot apply -S '" + (o.action() == ParamOverride.Action.ADD ? "+" : "~") + o.key()
          + "' to " + file + ": keys of a Python params file can be changed, not added or deleted (as in DVC)",
          "edit " + file + " by hand, or keep this param in params.yaml");
    }
    Deque<Scope> scopes = new ArrayDeque<>();
    Found found = null;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank() || l.strip().startsWith("#")) {
        continue;
      }
      int indent = l.length() - l.stripLeading().length();
      while (!scopes.isEmpty() && indent <= scopes.peek().indent()) {
        scopes.pop();
      }
      Scope in = scopes.peek();
      String prefix = in == null ? "" : in.prefix();
      if (in != null && in.skip()) {
        continue;
      }
      Matcher c = CLASS.matcher(l);
      if (c.matches()) {
        scopes.push(new Scope(indent, prefix + c.group(2) + ".", false, false));
        continue;
      }
      Matcher d = DEF.matcher(l);
      if (d.matches()) {
        scopes.push(new Scope(indent, prefix, d.group(2).equals("__init__"), !d.group(2).equals("__init__")));
        continue;
      }
      Matcher a = ASSIGN.matcher(l);
      boolean self = a.matches() && a.group(2) != null;
      if (a.matches() && self == (in != null && in.init()) && (prefix + a.group(3)).equals(o.key())) {
        int start = a.start(5);
        int end = literalEnd(l, start);
        if (end < 0) {
          throw new JdvcException("cannot apply -S '" + o.key() + "' to " + file + ": its value at line " + (i + 1)
              + " spans several lines", "edit " + file + " by hand");
        }
        found = new Found(i, start, end); // the last assignment wins, as in Python
      }
    }
    if (found == null) {
      throw new JdvcException("Invalid --set-param value '" + o.key() + "=" + o.valueText() + "': key '" + o.key()
          + "' is not a literal assignment in " + file, "check the key's spelling (Class.attr for a class's)");
    }
    return found;
  }

  /** The end of the literal starting at {@code start}, before a comment; -1 if it continues on the next line. */
  private static int literalEnd(String l, int start) {
    char quote = 0;
    int depth = 0;
    int end = start;
    for (int i = start; i < l.length(); i++) {
      char c = l.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if ("([{".indexOf(c) >= 0) {
        depth++;
      } else if (")]}".indexOf(c) >= 0) {
        depth--;
      } else if (c == '#') {
        break;
      }
      if (!Character.isWhitespace(c)) {
        end = i + 1;
      }
    }
    return quote != 0 || depth != 0 || l.stripTrailing().endsWith("\\") ? -1 : end;
  }
}
