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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The effective configuration of a repository: the system and global config files, then {@code .dvc/config},
 * then {@code .dvc/config.local}, each shadowing the ones before, as DVC merges its levels. Read-only; edits go
 * through the {@link ConfigFile} of the chosen level. Remote sections are named {@code remote "name"}.
 */
public final class RepoConfig {
  private static final Pattern REMOTE_SECTION = Pattern.compile("remote \"(.*)\"");
  /** Path-valued remote options (DVC's {@code Config._map_dirs}, plus {@code configpath} per dvc-format.md §5). */
  private static final Set<String> REMOTE_PATH_OPTIONS = Set.of("url", "credentialpath", "configpath", "keyfile",
      "cert_path", "key_path", "gdrive_user_credentials_file", "gdrive_service_account_json_file_path");
  private static final Pattern URL = Pattern.compile("^\\w+://.*");
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
      file.sections().forEach((name, options) -> {
        Map<String, String> into = merged.computeIfAbsent(name, s -> new LinkedHashMap<>());
        options.forEach((option, value) -> into.put(option,
            level.isUserLevel() && isPathOption(name, option) ? absolute(p.getParent(), value) : value));
      });
    }
    return new RepoConfig(merged, layout.dvcDir());
  }

  /** Whether an option of a section ({@code cache}, {@code remote "x"} or {@code remote}) holds a path. */
  public static boolean isPathOption(String section, String option) {
    return section.equals("cache") ? option.equals("dir")
        : (section.equals("remote") || REMOTE_SECTION.matcher(section).matches())
            && REMOTE_PATH_OPTIONS.contains(option);
  }

  /** Whether a path option's value is a URL rather than a local path. */
  public static boolean isUrl(String value) {
    return URL.matcher(value).matches();
  }

  /**
   * A relative path from a global or system config made absolute against that file's directory, as DVC reads
   * every level; repository levels keep theirs relative to {@code .dvc/}, which {@link #configDir()} resolves.
   */
  private static String absolute(Path levelDir, String value) {
    if (value.isEmpty() || isUrl(value) || value.startsWith("~") || Path.of(value).isAbsolute()) {
      return value;
    }
    return levelDir.resolve(value).normalize().toString();
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
