package io.jdvc.repo;

import io.jdvc.AtomicFiles;
import io.jdvc.JdvcException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One DVC config file ({@code .dvc/config}, {@code .dvc/config.local}, global or system) in ConfigObj's INI
 * dialect: ordered sections of ordered {@code key = value} strings. Named sections such as
 * {@code ['remote "myremote"']} are stored under the canonical name {@code remote "myremote"}. Section names and
 * keys are lower-cased on read, as DVC does.
 *
 * <p>{@link #write()} reproduces ConfigObj's output as DVC drives it: no indent for headers, four spaces before
 * members, {@code " = "}, empty sections dropped, quotes only where ConfigObj needs them, and an empty file for an
 * empty config. Comments are not kept (DVC's own rewrites lose those inside sections too). Values are not
 * interpreted here; paths stay relative to the file's directory. Not thread-safe.
 */
public final class ConfigFile {
  private static final Pattern NAMED = Pattern.compile("^\\s*(remote|machine|db)\\s*\"(.*)\"\\s*$");
  private static final String WSPACE_PLUS = " \r\t\n\u000b'\"";

  private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

  /** An empty config. */
  public ConfigFile() {}

  /** Reads a config file; a missing file is an empty config. */
  public static ConfigFile read(Path file) throws IOException {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      return new ConfigFile();
    }
  }

  /** Parses config text; malformed lines raise {@link JdvcException} with {@code <file>:<line>: ...}. */
  public static ConfigFile parse(String text, String fileNameForMessages) {
    ConfigFile c = new ConfigFile();
    Map<String, String> current = null;
    String[] lines = text.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String where = fileNameForMessages + ":" + (i + 1) + ": ";
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        if (line.startsWith("[[")) {
          throw malformed(where + "nested sections are not supported: " + line);
        }
        int close = closingBracket(line);
        if (close < 0) {
          throw malformed(where + "section header without ']': " + line);
        }
        String rest = line.substring(close + 1).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
          throw malformed(where + "unexpected text after section header: " + line);
        }
        String name = canonicalSection(unquote(line.substring(1, close).strip(), where));
        if (c.sections.containsKey(name)) {
          throw malformed(where + "duplicate section [" + name + "]");
        }
        current = new LinkedHashMap<>();
        c.sections.put(name, current);
        continue;
      }
      int eq = keyEnd(line);
      if (eq < 0) {
        throw malformed(where + "expected 'key = value' or '[section]': " + line);
      }
      if (current == null) {
        throw malformed(where + "'" + line + "' is outside any [section]");
      }
      String key = unquote(line.substring(0, eq).strip(), where).toLowerCase(Locale.ROOT);
      if (key.isEmpty()) {
        throw malformed(where + "empty key: " + line);
      }
      if (current.containsKey(key)) {
        throw malformed(where + "duplicate key '" + key + "'");
      }
      current.put(key, value(line.substring(eq + 1).strip(), where));
    }
    return c;
  }

  private static JdvcException malformed(String message) {
    return new JdvcException(message, "fix the line by hand, or edit the config with 'jdvc config' / 'jdvc remote'");
  }

  /** Index of the {@code ]} closing a header, skipping a quoted name. */
  private static int closingBracket(String line) {
    int i = 1;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    if (i < line.length() && (line.charAt(i) == '\'' || line.charAt(i) == '"')) {
      int q = line.indexOf(line.charAt(i), i + 1);
      if (q < 0) {
        return -1;
      }
      return line.indexOf(']', q + 1);
    }
    return line.indexOf(']');
  }

  /** Index of the {@code =} after a key, which may be quoted. */
  private static int keyEnd(String line) {
    char first = line.charAt(0);
    int from = 0;
    if (first == '"' || first == '\'') {
      int q = line.indexOf(first, 1);
      if (q < 0) {
        return -1;
      }
      from = q + 1;
    }
    return line.indexOf('=', from);
  }

  private static String unquote(String s, String where) {
    if (s.length() >= 1 && (s.charAt(0) == '"' || s.charAt(0) == '\'')) {
      if (s.length() < 2 || s.charAt(s.length() - 1) != s.charAt(0)) {
        throw malformed(where + "unbalanced quotes: " + s);
      }
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  /** A value: quoted (then only a comment may follow) or bare up to an inline {@code #} comment. */
  private static String value(String raw, String where) {
    if (raw.isEmpty()) {
      return "";
    }
    char q = raw.charAt(0);
    if (q == '"' || q == '\'') {
      if (raw.startsWith(String.valueOf(q).repeat(3))) {
        throw malformed(where + "multi-line (triple-quoted) values are not supported");
      }
      int end = raw.indexOf(q, 1);
      if (end < 0) {
        throw malformed(where + "unterminated quoted value: " + raw);
      }
      String rest = raw.substring(end + 1).strip();
      if (!rest.isEmpty() && !rest.startsWith("#")) {
        throw malformed(where + "unexpected text after quoted value: " + raw);
      }
      return raw.substring(1, end);
    }
    int hash = raw.indexOf('#');
    return (hash < 0 ? raw : raw.substring(0, hash)).strip();
  }

  private static String canonicalSection(String name) {
    Matcher m = NAMED.matcher(name);
    if (m.matches()) {
      return sectionName(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
    }
    return name.strip().toLowerCase(Locale.ROOT);
  }

  private static String sectionName(String kind, String name) {
    return kind + " \"" + name.toLowerCase(Locale.ROOT) + "\"";
  }

  /**
   * The exact text DVC (ConfigObj) writes for this config; empty for an empty config. Named sections come after
   * all plain ones, whatever their order in the file, because DVC's {@code _pack_named} re-appends them.
   */
  public String write() {
    // DVC's _pack_named: plain sections in order, then the named ones grouped by kind (remote, machine, db).
    StringBuilder out = new StringBuilder();
    for (String kind : new String[] {null, "remote", "machine", "db"}) {
      for (Map.Entry<String, Map<String, String>> s : sections.entrySet()) {
        Matcher m = NAMED.matcher(s.getKey());
        String sectionKind = m.matches() ? m.group(1) : null;
        if (s.getValue().isEmpty() || !Objects.equals(kind, sectionKind)) {
          continue;
        }
        out.append('[').append(quote(s.getKey())).append("]\n");
        for (Map.Entry<String, String> kv : s.getValue().entrySet()) {
          out.append("    ").append(quote(kv.getKey())).append(" = ").append(quote(kv.getValue())).append('\n');
        }
      }
    }
    return out.toString();
  }

  /**
   * ConfigObj's {@code _quote} for a single-line value with list support: bare unless it is empty, contains
   * {@code ,} or {@code #}, or starts or ends with whitespace or a quote; then double quotes, or single quotes if
   * it contains a double quote.
   */
  static String quote(String v) {
    if (v.isEmpty()) {
      return "\"\"";
    }
    if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      throw new JdvcException("config values cannot span lines: '" + v + "'");
    }
    boolean bare = WSPACE_PLUS.indexOf(v.charAt(0)) < 0 && WSPACE_PLUS.indexOf(v.charAt(v.length() - 1)) < 0
        && v.indexOf(',') < 0 && v.indexOf('#') < 0;
    if (bare) {
      return v;
    }
    if (v.indexOf('"') >= 0) {
      if (v.indexOf('\'') >= 0) {
        throw new JdvcException("config value cannot contain both ' and \": " + v);
      }
      return "'" + v + "'";
    }
    return "\"" + v + "\"";
  }

  /** Writes the config to {@code file} atomically (temp file in the same directory, then rename). */
  public void save(Path file) throws IOException {
    AtomicFiles.write(file, write().getBytes(StandardCharsets.UTF_8));
  }

  /** All sections in file order, by canonical name ({@code core}, {@code remote "name"}); read-only view. */
  public Map<String, Map<String, String>> sections() {
    Map<String, Map<String, String>> view = new LinkedHashMap<>();
    sections.forEach((k, v) -> view.put(k, Collections.unmodifiableMap(v)));
    return Collections.unmodifiableMap(view);
  }

  /** A dotted key as DVC names it: {@code core.remote}, {@code cache.type}, {@code remote.myremote.url}. */
  private record Key(String section, String option) {
    static Key parse(String dotted) {
      String d = dotted.toLowerCase(Locale.ROOT);
      int first = d.indexOf('.');
      int last = d.lastIndexOf('.');
      if (first <= 0 || last == d.length() - 1) {
        throw new JdvcException("invalid config key '" + dotted + "'",
            "use section.option, e.g. core.remote, or remote.<name>.<option>");
      }
      String kind = d.substring(0, first);
      if (first == last) {
        return new Key(kind, d.substring(first + 1));
      }
      return new Key(sectionName(kind, d.substring(first + 1, last)), d.substring(last + 1));
    }
  }

  /** The value of a dotted key, if set. */
  public Optional<String> get(String dottedKey) {
    Key k = Key.parse(dottedKey);
    Map<String, String> s = sections.get(k.section());
    return s == null ? Optional.empty() : Optional.ofNullable(s.get(k.option()));
  }

  /** Sets a dotted key, appending the section and option at the end if new (ConfigObj's order). */
  public void set(String dottedKey, String value) {
    Key k = Key.parse(dottedKey);
    quote(value); // fail now, not at write time, on a value ConfigObj cannot represent
    sections.computeIfAbsent(k.section(), n -> new LinkedHashMap<>()).put(k.option(), value);
  }

  /** Removes a dotted key; returns whether it was set. An emptied section disappears on write. */
  public boolean unset(String dottedKey) {
    Key k = Key.parse(dottedKey);
    Map<String, String> s = sections.get(k.section());
    return s != null && s.remove(k.option()) != null;
  }

  /** Names of the remotes defined in this file, in file order. */
  public List<String> remoteNames() {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> s : sections.entrySet()) {
      Matcher m = NAMED.matcher(s.getKey());
      if (m.matches() && m.group(1).equals("remote") && !s.getValue().isEmpty()) {
        names.add(m.group(2));
      }
    }
    return names;
  }

  /** The options of a remote (read-only), empty if it is not defined here. */
  public Map<String, String> remote(String name) {
    Map<String, String> s = sections.get(sectionName("remote", name));
    return s == null ? Map.of() : Collections.unmodifiableMap(s);
  }

  public void setRemoteOption(String name, String option, String value) {
    set("remote." + name + "." + option, value);
  }

  /**
   * Renames a remote, moving it after the other remotes, and repoints {@code core.remote} if it named the old one,
   * as {@code dvc remote rename} does ({@code conf["remote"][new] = ...; del conf["remote"][old]}).
   */
  public void renameRemote(String oldName, String newName) {
    String from = sectionName("remote", oldName);
    String to = sectionName("remote", newName);
    if (!sections.containsKey(from)) {
      throw new JdvcException("remote '" + oldName + "' does not exist", "list remotes with 'jdvc remote list'");
    }
    if (sections.containsKey(to) && !sections.get(to).isEmpty()) {
      throw new JdvcException("remote '" + newName + "' already exists", "choose another name");
    }
    Map<String, String> options = sections.remove(from);
    sections.remove(to);
    sections.put(to, options);
    if (get("core.remote").map(r -> r.equalsIgnoreCase(oldName)).orElse(false)) {
      set("core.remote", newName.toLowerCase(Locale.ROOT));
    }
  }

  /** Removes a remote and, if it was the default, {@code core.remote}; returns whether it existed. */
  public boolean removeRemote(String name) {
    boolean existed = sections.remove(sectionName("remote", name)) != null;
    if (get("core.remote").map(r -> r.equalsIgnoreCase(name)).orElse(false)) {
      unset("core.remote");
    }
    return existed;
  }

  @Override
  public String toString() {
    return write();
  }
}
