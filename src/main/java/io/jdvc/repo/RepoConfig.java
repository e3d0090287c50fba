package io.jdvc.repo;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The effective configuration of a repository: {@code .dvc/config} shadowed by {@code .dvc/config.local}, as DVC
 * merges its levels. Read-only; edits go through the {@link ConfigFile} of the chosen level. Remote sections are
 * named {@code remote "name"}.
 */
public final class RepoConfig {
  private static final Pattern REMOTE_SECTION = Pattern.compile("remote \"(.*)\"");
  private final Map<String, Map<String, String>> sections;
  private final Path configDir;

  private RepoConfig(Map<String, Map<String, String>> sections, Path configDir) {
    this.sections = sections;
    this.configDir = configDir;
  }

  public static RepoConfig load(RepoLayout layout) {
    Map<String, Map<String, String>> merged = new LinkedHashMap<>();
    for (ConfigLevel level : ConfigLevel.values()) {
      Path p = level.file(layout);
      ConfigFile file;
      try {
        file = ConfigFile.read(p);
      } catch (IOException e) {
        throw new JdvcException("cannot read " + p + ": " + e.getMessage(), null, e);
      }
      file.sections().forEach((name, options) ->
          merged.computeIfAbsent(name, s -> new LinkedHashMap<>()).putAll(options));
    }
    return new RepoConfig(merged, layout.dvcDir());
  }

  /** Directory that relative paths in the config are relative to ({@code .dvc/}), as in DVC. */
  public Path configDir() {
    return configDir;
  }

  public Optional<String> get(String section, String key) {
    Map<String, String> s = sections.get(section);
    return s == null ? Optional.empty() : Optional.ofNullable(s.get(key.toLowerCase(Locale.ROOT)));
  }

  public boolean getBoolean(String section, String key, boolean defaultValue) {
    Optional<String> v = get(section, key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    switch (v.get().trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new JdvcException("invalid boolean '" + v.get() + "' for " + section + "." + key,
            "use true or false");
    }
  }

  public List<String> remoteNames() {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> s : sections.entrySet()) {
      Matcher m = REMOTE_SECTION.matcher(s.getKey());
      if (m.matches() && !s.getValue().isEmpty()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** The options of one named remote, or empty if no such remote is configured. */
  public Optional<Map<String, String>> remote(String name) {
    Map<String, String> s = sections.get("remote \"" + name.toLowerCase(Locale.ROOT) + "\"");
    return s == null ? Optional.empty() : Optional.of(Map.copyOf(s));
  }
}
