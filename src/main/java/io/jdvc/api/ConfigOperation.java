package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.cache.LinkType;
import io.jdvc.remote.Remotes;
import io.jdvc.repo.ConfigFile;
import io.jdvc.repo.ConfigLevel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code jdvc config}: gets, sets, unsets or lists options by dotted key ({@code core.autostage},
 * {@code cache.type}, {@code remote.myremote.url}), as {@code dvc config} does. Without a level, reads see the
 * merged config (config.local shadows config) and writes go to {@code .dvc/config}. Keys are checked against the
 * options DVC knows; remote options go through the same checks as {@code remote modify}. Credentials are
 * masked in every result: {@link ConfigEntry#value()} is null for them.
 */
public final class ConfigOperation {
  private static final Pattern NAMED = Pattern.compile("(remote|machine|db) \"(.*)\"");
  private static final Set<String> CORE_BOOLEANS =
      Set.of("interactive", "analytics", "hardlink_lock", "no_scm", "autostage", "check_update");
  private static final Set<String> CORE_OTHER = Set.of("remote", "checksum_jobs", "site_cache_dir", "machine");
  private static final Set<String> CACHE_BOOLEANS = Set.of("slow_link_warning", "verify", "protected");
  private static final Set<String> CACHE_OTHER = Set.of("dir", "type", "shared");
  /** Sections jdvc keeps for DVC without interpreting them; their options are not checked. */
  private static final Set<String> PASSTHROUGH =
      Set.of("state", "index", "feature", "plots", "exp", "parsing", "hydra", "studio", "db", "machine");

  /** What to do. */
  public enum Action { GET, SET, UNSET, LIST }

  private final Jdvc jdvc;
  private Action action = Action.GET;
  private String key;
  private String value;
  private ConfigLevel level;

  ConfigOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public ConfigOperation get(String dottedKey) {
    this.action = Action.GET;
    this.key = dottedKey;
    return this;
  }

  public ConfigOperation set(String dottedKey, String newValue) {
    this.action = Action.SET;
    this.key = dottedKey;
    this.value = newValue;
    return this;
  }

  public ConfigOperation unset(String dottedKey) {
    this.action = Action.UNSET;
    this.key = dottedKey;
    return this;
  }

  public ConfigOperation list() {
    this.action = Action.LIST;
    this.key = null;
    return this;
  }

  /** One level only; null (the default) reads the merged config and writes {@code .dvc/config}. */
  public ConfigOperation level(ConfigLevel value) {
    this.level = value;
    return this;
  }

  public ConfigResult call() throws IOException {
    ConfigEditor editor = new ConfigEditor(jdvc);
    switch (action) {
      case LIST:
        return new ConfigResult(Action.LIST, list(editor), null);
      case GET:
        return new ConfigResult(Action.GET, List.of(get(editor)), null);
      default:
        return edit(editor);
    }
  }

  private List<ConfigEntry> list(ConfigEditor editor) {
    Map<String, ConfigEntry> merged = new LinkedHashMap<>();
    for (ConfigLevel l : levelsToRead()) {
      editor.read(l).sections().forEach((section, options) -> options.forEach((option, v) -> {
        String dotted = dotted(section, option);
        merged.put(dotted, entry(dotted, v, l));
      }));
    }
    return new ArrayList<>(merged.values());
  }

  private ConfigEntry get(ConfigEditor editor) {
    Parsed k = Parsed.of(key);
    ConfigEntry found = null;
    for (ConfigLevel l : levelsToRead()) {
      Optional<String> v = editor.read(l).get(k.dotted());
      if (v.isPresent()) {
        found = entry(k.dotted(), v.get(), l);
      }
    }
    if (found == null) {
      checkKey(k); // an unknown key is not merely unset: the hint below would suggest a value that is refused
      throw new JdvcException("config option '" + k.dotted() + "' is not set"
          + (level == null ? "" : " in " + editor.relative(editor.file(level))),
          "set it with 'jdvc config " + k.dotted() + " VALUE'");
    }
    return found;
  }

  private ConfigResult edit(ConfigEditor editor) throws IOException {
    Parsed k = Parsed.of(key);
    ConfigLevel target = ConfigLevel.forOption(level == null ? ConfigLevel.REPO : level, k.option());
    ConfigFile f = editor.read(target);
    if (action == Action.SET && value == null) {
      throw new JdvcException("missing VALUE for '" + k.dotted() + "'", null);
    }
    if (k.section().equals("remote")) {
      String name = ConfigEditor.remoteName(k.name());
      editor.editRemoteOption(target, name, k.option(), value, action == Action.UNSET);
    } else if (action == Action.UNSET) {
      if (!f.unset(k.dotted())) {
        throw new JdvcException("config option '" + k.dotted() + "' is not set in "
            + editor.relative(editor.file(target)), null);
      }
    } else {
      check(k);
      String stored = ConfigEditor.isPathOption(k.section(), k.option()) ? editor.storedPath(target, value) : value;
      f.set(k.dotted(), stored);
    }
    editor.save(target);
    String now = f.get(k.dotted()).orElse(null);
    return new ConfigResult(action, List.of(entry(k.dotted(), now, target)), editor.file(target));
  }

  /** Checks a core/cache key and value the way DVC's schema would; other known sections pass through. */
  private void check(Parsed k) {
    checkKey(k);
    String section = k.section();
    String option = k.option();
    if (section.equals("core") && CORE_BOOLEANS.contains(option)
        || section.equals("cache") && CACHE_BOOLEANS.contains(option)) {
      checkBoolean(k);
    } else if (section.equals("core") && option.equals("checksum_jobs")) {
      checkPositive(k);
    } else if (section.equals("cache") && option.equals("type")) {
      LinkType.parseList(value);
    } else if (section.equals("cache") && option.equals("shared") && !value.equalsIgnoreCase("group")) {
      throw new JdvcException("cache.shared must be 'group', not '" + value + "'", null);
    }
  }

  /** Fails for a core/cache option or a section DVC's schema does not know; remote options are not checked here. */
  private static void checkKey(Parsed k) {
    String section = k.section();
    String option = k.option();
    if (section.equals("remote")) {
      return;
    }
    if (section.equals("core")) {
      if (!CORE_BOOLEANS.contains(option) && !CORE_OTHER.contains(option)) {
        throw unknown(k, union(CORE_BOOLEANS, CORE_OTHER));
      }
    } else if (section.equals("cache")) {
      if (!CACHE_BOOLEANS.contains(option) && !CACHE_OTHER.contains(option)) {
        throw unknown(k, union(CACHE_BOOLEANS, CACHE_OTHER));
      }
    } else if (!PASSTHROUGH.contains(section) || k.name() != null && !Set.of("db", "machine").contains(section)) {
      Set<String> sections = new TreeSet<>(PASSTHROUGH);
      sections.addAll(List.of("core", "cache", "remote"));
      throw new JdvcException("unknown config section '" + section + "' in '" + k.dotted() + "'",
          "known sections: " + String.join(", ", sections));
    }
  }

  private void checkBoolean(Parsed k) {
    String v = value.toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      throw new JdvcException(k.dotted() + " must be true or false, not '" + value + "'",
          "e.g. 'jdvc config " + k.dotted() + " true'");
    }
  }

  private void checkPositive(Parsed k) {
    try {
      if (Integer.parseInt(value.strip()) >= 1) {
        return;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new JdvcException(k.dotted() + " must be a whole number >= 1, not '" + value + "'", null);
  }

  private static JdvcException unknown(Parsed k, Set<String> known) {
    return new JdvcException("unknown config option '" + k.dotted() + "'",
        "known " + k.section() + " options: " + String.join(", ", known));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private List<ConfigLevel> levelsToRead() {
    return level == null ? List.of(ConfigLevel.values()) : List.of(level);
  }

  private static ConfigEntry entry(String dotted, String v, ConfigLevel l) {
    int dot = dotted.lastIndexOf('.');
    boolean secret = dotted.startsWith("remote.") && Remotes.isSecret(dotted.substring(dot + 1));
    return new ConfigEntry(dotted, secret ? null : v, l, secret);
  }

  /** {@code remote "x"} + {@code url} → {@code remote.x.url}. */
  private static String dotted(String section, String option) {
    Matcher m = NAMED.matcher(section);
    return m.matches() ? m.group(1) + "." + m.group(2) + "." + option : section + "." + option;
  }

  /** A dotted key split as DVC does: {@code section.option} or {@code section.name.option}. */
  private record Parsed(String section, String name, String option) {
    static Parsed of(String dotted) {
      if (dotted == null) {
        throw new JdvcException("missing config key", "e.g. 'jdvc config core.autostage' or 'jdvc config -l'");
      }
      String d = dotted.strip().toLowerCase(Locale.ROOT);
      int first = d.indexOf('.');
      int last = d.lastIndexOf('.');
      if (first <= 0 || last == d.length() - 1 || first + 1 == last) {
        throw new JdvcException("invalid config key '" + dotted + "'",
            "use section.option, e.g. core.remote, or remote.<name>.<option>");
      }
      String section = d.substring(0, first);
      if (first == last) {
        if (section.equals("remote")) {
          throw new JdvcException("invalid config key '" + dotted + "'", "use remote.<name>.<option>, "
              + "e.g. remote.myremote.url");
        }
        return new Parsed(section, null, d.substring(first + 1));
      }
      return new Parsed(section, d.substring(first + 1, last), d.substring(last + 1));
    }

    String dotted() {
      return name == null ? section + "." + option : section + "." + name + "." + option;
    }
  }
}
