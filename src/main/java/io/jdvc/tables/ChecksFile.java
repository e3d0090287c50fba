package io.jdvc.tables;

import io.jdvc.JdvcException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

/**
 * A checks file: the SodaCL subset of docs/data-quality.md. {@code checks for PATH:} sections, each a list of checks
 * written as {@code METRIC CONDITION} or as a mapping from the check to its options. Read with every scalar as a
 * string (the failsafe schema), so values such as {@code 01} or {@code NO} stay what was written.
 */
public final class ChecksFile {
  static final Set<String> METRICS = Set.of("row_count", "missing_count", "missing_percent", "duplicate_count",
      "duplicate_percent", "invalid_count", "invalid_percent", "min", "max", "avg", "sum", "stddev",
      "distinct_count", "median", "column_count", "freshness", "distribution_difference", "schema");
  private static final Pattern CHECK = Pattern.compile(
      "\\s*(?:(change|anomaly detection)\\s+for\\s+)?([a-z_]+)\\s*(?:\\(([^)]*)\\))?\\s*(.*)", Pattern.DOTALL);
  private static final Pattern WHEN = Pattern.compile("\\s*when\\s+(.*)", Pattern.DOTALL);

  /**
   * The checks of one {@code checks for PATH:} section.
   *
   * @param format how the table is parsed: the {@code format for PATH:} section of the same path, if any
   */
  public record Section(String table, List<CheckSpec> checks, ReadOptions format) {
    public Section(String table, List<CheckSpec> checks) {
      this(table, checks, ReadOptions.NONE);
    }
  }

  private final Path file;
  private final List<String> lines;

  private ChecksFile(Path file, String text) {
    this.file = file;
    this.lines = Arrays.asList(text.split("\n", -1));
  }

  /** @throws JdvcException naming {@code file:line} for a YAML or check syntax error */
  public static List<Section> read(Path file) throws java.io.IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new JdvcException("no checks file " + file, "write one (see 'jdvc data suggest PATH > checks.yml') or "
          + "name it with -f");
    }
    return new ChecksFile(file, text).parse(text);
  }

  private List<Section> parse(String text) {
    Object root;
    try {
      root = new Load(LoadSettings.builder().setSchema(new FailsafeSchema()).setLabel(file.toString()).build())
          .loadFromString(text);
    } catch (YamlEngineException e) {
      throw new JdvcException(file + ": not valid YAML: " + e.getMessage().replace("\n", " ").replaceAll(" +", " "),
          "fix the YAML (indentation, a missing ':' or quote)");
    }
    if (root == null) {
      return List.of();
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw error(1, "the top level must be a mapping of 'checks for PATH:' sections");
    }
    List<Section> sections = new ArrayList<>();
    Map<String, ReadOptions> formats = new LinkedHashMap<>();
    Map<String, Integer> formatLines = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : top.entrySet()) {
      String key = String.valueOf(e.getKey());
      int line = lineOf(key, 0);
      Matcher f = Pattern.compile("format\\s+for\\s+(.+)").matcher(key.strip());
      if (f.matches()) {
        if (!(e.getValue() instanceof Map<?, ?> opts)) {
          throw error(line, "'" + key + "' must hold format options ('delim: \";\"')");
        }
        formats.put(f.group(1).strip(), ReadOptions.of(opts, file + ":" + line));
        formatLines.put(f.group(1).strip(), line);
        continue;
      }
      Matcher m = Pattern.compile("checks\\s+for\\s+(.+)").matcher(key.strip());
      if (!m.matches()) {
        throw error(line, "'" + key + "' is not a 'checks for PATH' or 'format for PATH' section");
      }
      if (!(e.getValue() instanceof List<?> items)) {
        throw error(line, "'" + key + "' must hold a list of checks ('- row_count > 0')");
      }
      List<CheckSpec> checks = new ArrayList<>();
      for (Object item : items) {
        checks.add(check(item, line));
      }
      sections.add(new Section(m.group(1).strip(), checks));
    }
    for (Map.Entry<String, ReadOptions> f : formats.entrySet()) {
      int i = sections.stream().map(Section::table).toList().indexOf(f.getKey());
      if (i < 0) {
        throw error(formatLines.get(f.getKey()), "'format for " + f.getKey() + "' has no 'checks for " + f.getKey()
            + "' section", "name the table exactly as its checks section does");
      }
      Section s = sections.get(i);
      sections.set(i, new Section(s.table(), s.checks(), f.getValue()));
    }
    return sections;
  }

  private CheckSpec check(Object item, int after) {
    String text;
    Map<String, Object> config = new LinkedHashMap<>();
    if (item instanceof String s) {
      text = s;
    } else if (item instanceof Map<?, ?> m && m.size() == 1) {
      Map.Entry<?, ?> e = m.entrySet().iterator().next();
      text = String.valueOf(e.getKey());
      if (e.getValue() instanceof Map<?, ?> opts) {
        opts.forEach((k, v) -> config.put(String.valueOf(k).strip().toLowerCase(Locale.ROOT), v));
      } else if (e.getValue() != null && !String.valueOf(e.getValue()).isBlank()) {
        throw error(lineOf(text, after), "the options of '" + text + "' must be a mapping (e.g. 'valid values: "
            + "[a, b]')");
      }
    } else {
      throw error(after, "a check must be a line such as 'row_count > 0' or a mapping of one check to its options, "
          + "not " + item);
    }
    int line = lineOf(text, after);
    Matcher m = CHECK.matcher(text);
    if (!m.matches() || !METRICS.contains(m.group(2))) {
      throw error(line, "unknown check '" + text + "'", "known metrics: " + String.join(", ", new java.util.TreeSet<>(
          METRICS)));
    }
    String wrapper = m.group(1) == null ? null : m.group(1).startsWith("change") ? "change" : "anomaly";
    String metric = m.group(2);
    List<String> columns = new ArrayList<>();
    if (m.group(3) != null) {
      for (String c : m.group(3).split(",")) {
        if (!c.isBlank()) {
          columns.add(c.strip());
        }
      }
    }
    String rest = m.group(4).strip();
    Condition warn = when(config.remove("warn"), line);
    Condition fail = when(config.remove("fail"), line);
    Object name = config.remove("name");
    Condition pass = null;
    if (metric.equals("schema")) {
      if (!(item instanceof Map<?, ?> schemaItem)) {
        throw error(line, "a schema check needs rules", "write 'schema:' with 'fail:' or 'warn:' rules such as "
            + "'when required column missing: [id]'");
      }
      config.put("warn", options(schemaItem, "warn"));
      config.put("fail", options(schemaItem, "fail"));
    } else {
      if (!rest.isEmpty()) {
        try {
          pass = Condition.parse(rest);
        } catch (JdvcException e) {
          throw error(line, "'" + text + "': " + e.getMessage(), e.hint());
        }
      } else if (warn == null && fail == null && !"anomaly".equals(wrapper)) {
        throw error(line, "'" + text + "' has no threshold", "add one, e.g. '" + text + " = 0', or warn:/fail: "
            + "levels");
      }
      boolean needsColumn = !metric.equals("row_count") && !metric.equals("column_count");
      if (needsColumn && columns.isEmpty()) {
        throw error(line, "'" + text + "' names no column", "write " + metric + "(COLUMN)");
      }
    }
    return new CheckSpec(text.strip(), name == null ? null : String.valueOf(name), metric, columns, wrapper, pass,
        warn, fail, config, line);
  }

  private static Map<String, Object> options(Map<?, ?> item, String level) {
    Object v = item.values().iterator().next();
    Map<String, Object> out = new LinkedHashMap<>();
    if (v instanceof Map<?, ?> m && m.get(level) instanceof Map<?, ?> rules) {
      rules.forEach((k, x) -> out.put(String.valueOf(k).strip().toLowerCase(Locale.ROOT), x));
    }
    return out;
  }

  private Condition when(Object v, int line) {
    if (v == null) {
      return null;
    }
    if (v instanceof Map<?, ?>) {
      return null; // schema levels are rules, read by options()
    }
    Matcher m = WHEN.matcher(String.valueOf(v));
    try {
      return Condition.parse(m.matches() ? m.group(1) : String.valueOf(v));
    } catch (JdvcException e) {
      throw error(line, e.getMessage(), "write e.g. 'fail: when > 5%'");
    }
  }

  /** The first line at or after {@code after} (1-based) that holds {@code text}; {@code after} when none does. */
  private int lineOf(String text, int after) {
    String needle = text.strip();
    for (int i = Math.max(0, after - 1); i < lines.size(); i++) {
      if (lines.get(i).contains(needle)) {
        return i + 1;
      }
    }
    return Math.max(after, 1);
  }

  private JdvcException error(int line, String message) {
    return error(line, message, "see the checks language in docs/data-quality.md");
  }

  private JdvcException error(int line, String message, String hint) {
    return new JdvcException(file + ":" + line + ": " + message, hint);
  }
}
