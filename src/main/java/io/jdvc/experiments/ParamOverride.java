package io.jdvc.experiments;

import io.jdvc.JdvcException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code -S/--set-param} argument, parsed as DVC parses it: {@code [FILE:]KEY=VALUE} in Hydra's override
 * grammar. The text before the first {@code =} decides the file: without a {@code :} there it is
 * {@code params.yaml}, else the part before the first {@code :}. {@code key=v} changes an existing key,
 * {@code +key=v} adds a new one, {@code ++key=v} adds or changes, {@code ~key} deletes.
 *
 * @param file repo-relative params file
 * @param action what to do with the key
 * @param key dotted key ({@code train.lr}, list items by index: {@code layers.0})
 * @param valueText the value as written (null for a delete without value)
 */
public record ParamOverride(String file, Action action, String key, String valueText) {
  public static final String DEFAULT_FILE = "params.yaml";

  /** What an override does. */
  public enum Action { SET, ADD, ADD_OR_SET, DELETE }

  /** Parses one argument; the error names it. */
  public static ParamOverride parse(String arg) {
    int eq = arg.indexOf('=');
    String head = eq < 0 ? arg : arg.substring(0, eq);
    String file = DEFAULT_FILE;
    String rest = arg;
    int colon = head.indexOf(':');
    if (colon >= 0) {
      file = arg.substring(0, colon);
      rest = arg.substring(colon + 1);
      eq = rest.indexOf('=');
    }
    String keyPart = eq < 0 ? rest : rest.substring(0, eq);
    String value = eq < 0 ? null : rest.substring(eq + 1);
    Action action = Action.SET;
    if (keyPart.startsWith("++")) {
      action = Action.ADD_OR_SET;
      keyPart = keyPart.substring(2);
    } else if (keyPart.startsWith("+")) {
      action = Action.ADD;
      keyPart = keyPart.substring(1);
    } else if (keyPart.startsWith("~")) {
      action = Action.DELETE;
      keyPart = keyPart.substring(1);
    }
    if (file.isEmpty() || keyPart.isEmpty() || !keyPart.matches("[^\\s\\[\\]=]+") || keyPart.startsWith(".")
        || keyPart.endsWith(".") || keyPart.contains("..") || (value == null && action != Action.DELETE)) {
      throw invalid(arg, value == null && action != Action.DELETE ? "expected KEY=VALUE" : "malformed key");
    }
    if (value != null && action != Action.DELETE && HydraValues.isSweep(value)) {
      throw new JdvcException("Sweep overrides can't be used without `--queue`: " + arg,
          "run one experiment per value, or give a single value");
    }
    if (value != null) {
      try {
        HydraValues.parse(value, arg); // reject malformed values before any file is touched
      } catch (JdvcException e) {
        throw new JdvcException(e.getMessage() + " (key '" + keyPart + "' of " + file + ")", e.hint(), e);
      }
    }
    return new ParamOverride(file, action, keyPart, value);
  }

  /** The parsed value (for a delete, null). */
  public Object value() {
    return valueText == null ? null : HydraValues.parse(valueText, key + "=" + valueText);
  }

  /** The overrides grouped by file, each group in the order given. */
  public static Map<String, List<ParamOverride>> byFile(List<ParamOverride> overrides) {
    Map<String, List<ParamOverride>> out = new LinkedHashMap<>();
    for (ParamOverride o : overrides) {
      out.computeIfAbsent(o.file(), f -> new ArrayList<>()).add(o);
    }
    return out;
  }

  static JdvcException invalid(String arg, String why) {
    return new JdvcException("Invalid --set-param value '" + arg + "': " + why,
        "write it as [FILE:]KEY=VALUE, +KEY=VALUE to add a key, ~KEY to delete one (e.g. -S train.lr=0.02)");
  }
}
