package io.jdvc.tables;

import io.jdvc.JdvcException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a CSV or TSV table is parsed when DuckDB's dialect sniffer should not decide: delimiter, quote, header,
 * decimal separator ... given in a checks file ({@code format for PATH:}) or with {@code --format-option}. They go
 * into the profile cache key, so a table read two ways has two profiles.
 *
 * @param values DuckDB {@code read_csv} option names (lower case, aliases resolved) to values as written
 */
public record ReadOptions(Map<String, String> values) {
  public static final ReadOptions NONE = new ReadOptions(Map.of());

  /** The {@code read_csv} options a user may pin, and whether each is a string, a boolean or an integer. */
  private static final Map<String, Character> KEYS = Map.ofEntries(Map.entry("delim", 's'), Map.entry("quote", 's'),
      Map.entry("escape", 's'), Map.entry("header", 'b'), Map.entry("skip", 'i'), Map.entry("nullstr", 's'),
      Map.entry("decimal_separator", 's'), Map.entry("dateformat", 's'), Map.entry("timestampformat", 's'),
      Map.entry("comment", 's'), Map.entry("all_varchar", 'b'), Map.entry("new_line", 's'),
      Map.entry("strict_mode", 'b'), Map.entry("null_padding", 'b'), Map.entry("ignore_errors", 'b'),
      Map.entry("encoding", 's'), Map.entry("max_line_size", 'i'));
  private static final Map<String, String> ALIASES = Map.of("sep", "delim", "delimiter", "delim", "null", "nullstr");

  public ReadOptions {
    values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /**
   * Options as a user wrote them; unknown names and values of the wrong kind are refused.
   *
   * @param where what to name in messages ({@code checks.yml:4}, {@code --format-option})
   */
  public static ReadOptions of(Map<?, ?> raw, String where) {
    Map<String, String> out = new TreeMap<>();
    raw.forEach((k, v) -> {
      String key = String.valueOf(k).strip().toLowerCase(Locale.ROOT);
      key = ALIASES.getOrDefault(key, key);
      Character kind = KEYS.get(key);
      if (kind == null) {
        throw new JdvcException(where + ": unknown format option '" + k + "'", "options: "
            + String.join(", ", new java.util.TreeSet<>(KEYS.keySet())));
      }
      String value = v == null ? "" : String.valueOf(v);
      if (kind == 'b' && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
        throw new JdvcException(where + ": format option " + key + " takes true or false, not '" + value + "'", null);
      }
      if (kind == 'i' && !value.matches("[0-9]{1,9}")) {
        throw new JdvcException(where + ": format option " + key + " takes a count, not '" + value + "'", null);
      }
      out.put(key, kind == 'b' ? value.toLowerCase(Locale.ROOT) : value);
    });
    return new ReadOptions(out);
  }

  /** {@code KEY=VALUE} pairs from the command line. */
  public static ReadOptions parse(List<String> pairs) {
    Map<String, String> raw = new TreeMap<>();
    for (String p : pairs) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new JdvcException("--format-option takes KEY=VALUE, not '" + p + "'", "e.g. --format-option "
            + "delim=';' --format-option decimal_separator=,");
      }
      raw.put(p.substring(0, eq), p.substring(eq + 1));
    }
    return of(raw, "--format-option");
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Refuses options for a format they do not apply to (only CSV and TSV have a dialect to pin). */
  ReadOptions requireFor(TableFormat format, String table) {
    if (!isEmpty() && format != TableFormat.CSV && format != TableFormat.TSV) {
      throw new JdvcException(table + " is " + format.id() + ", which has no format options", "format options "
          + "pin the dialect of CSV and TSV files");
    }
    return this;
  }

  /** The {@code read_csv} arguments: jdvc's defaults for the format, overridden by these. */
  String csvArguments(TableFormat format) {
    Map<String, String> all = new TreeMap<>();
    all.put("header", "true");
    all.put("delim", format == TableFormat.TSV ? "\t" : ",");
    all.putAll(values);
    StringBuilder sb = new StringBuilder();
    all.forEach((k, v) -> sb.append(", ").append(k).append(" = ").append(KEYS.get(k) == 's' ? TableEngine.literal(v)
        : v));
    return sb.toString();
  }

  /** What the profile cache key adds for these options: nothing when there are none, else a hash of them. */
  String keySuffix() {
    if (isEmpty()) {
      return "";
    }
    StringBuilder canonical = new StringBuilder();
    values.forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(canonical.toString()
          .getBytes(StandardCharsets.UTF_8));
      return "-" + java.util.HexFormat.of().formatHex(d, 0, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has SHA-256
    }
  }

  /** {@code delim=';', header=false}: for messages. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    values.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(", ", parts);
  }
}
