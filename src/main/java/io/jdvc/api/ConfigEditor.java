package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.remote.Remotes;
import io.jdvc.repo.ConfigFile;
import io.jdvc.repo.ConfigLevel;
import io.jdvc.repo.RepoConfig;
import io.jdvc.repo.RepoLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Edits the config files of one repository the way {@code dvc config} and {@code dvc remote} do: reads a level,
 * stores user-given paths relative to {@code .dvc/}, checks remote sections against the merged config of all
 * levels, and saves with {@link ConfigFile}'s DVC-exact bytes. Shared by the config and remote operations.
 */
final class ConfigEditor {
  private static final Pattern BAD_NAME = Pattern.compile(".*[\"'\\[\\]\\s\\p{Cntrl}].*");

  private final Jdvc jdvc;
  private final Map<ConfigLevel, ConfigFile> files = new EnumMap<>(ConfigLevel.class);

  ConfigEditor(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  RepoLayout layout() {
    return jdvc.layout();
  }

  Path file(ConfigLevel level) {
    return level.file(jdvc.layout());
  }

  /** The file of {@code level} as last read or edited through this editor. */
  ConfigFile read(ConfigLevel level) {
    return files.computeIfAbsent(level, l -> {
      try {
        return ConfigFile.read(file(l));
      } catch (IOException e) {
        throw new JdvcException("cannot read " + file(l) + ": " + e.getMessage(), null, e);
      }
    });
  }

  void save(ConfigLevel level) throws IOException {
    read(level).save(file(level));
    jdvc.reloadConfig();
  }

  /** A remote name as DVC keeps it: lower case; quotes, brackets and white space are refused. */
  static String remoteName(String name) {
    if (name == null || name.isEmpty() || BAD_NAME.matcher(name).matches()) {
      throw new JdvcException("invalid remote name '" + name + "'",
          "use letters, digits, '-', '_' or '.'; no quotes, brackets or spaces");
    }
    return name.toLowerCase(Locale.ROOT);
  }

  /** The remote's options over all levels (later levels win), empty if no level defines it. */
  Map<String, String> mergedRemote(String name) {
    Map<String, String> merged = new LinkedHashMap<>();
    for (ConfigLevel l : ConfigLevel.values()) {
      merged.putAll(read(l).remote(name));
    }
    return merged;
  }

  /** Remote names over all levels, in order of first appearance. */
  List<String> remoteNames() {
    List<String> names = new ArrayList<>();
    for (ConfigLevel l : ConfigLevel.values()) {
      for (String n : read(l).remoteNames()) {
        if (!names.contains(n)) {
          names.add(n);
        }
      }
    }
    return names;
  }

  /** The effective value of a dotted key and the level it comes from. */
  Optional<Map.Entry<ConfigLevel, String>> effective(String dottedKey) {
    Map.Entry<ConfigLevel, String> found = null;
    for (ConfigLevel l : ConfigLevel.values()) {
      Optional<String> v = read(l).get(dottedKey);
      if (v.isPresent()) {
        found = Map.entry(l, v.get());
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * Fails unless a file of the repository defines the remote: one defined only in the global or system config
   * serves other repositories too, so it is edited there on purpose, never as a side effect.
   */
  void requireInRepository(String name) {
    for (ConfigLevel l : ConfigLevel.values()) {
      if (!l.isUserLevel() && !read(l).remote(name).isEmpty()) {
        return;
      }
    }
    ConfigLevel where = ConfigLevel.SYSTEM;
    for (ConfigLevel l : ConfigLevel.values()) {
      if (!read(l).remote(name).isEmpty()) {
        where = l;
      }
    }
    throw new JdvcException("remote '" + name + "' is defined in " + file(where) + ", not in this repository",
        "it serves every repository; change it with 'jdvc config --" + where.label() + " remote." + name
            + ".OPTION ...' or '--unset'");
  }

  JdvcException noSuchRemote(String name) {
    List<String> names = remoteNames();
    return new JdvcException("remote '" + name + "' does not exist",
        names.isEmpty() ? "add it with 'jdvc remote add " + name + " URL'"
            : "configured remotes: " + String.join(", ", names));
  }

  static boolean isPathOption(String section, String option) {
    return RepoConfig.isPathOption(section, option);
  }

  /**
   * A path the user typed, relative to the working directory, as DVC stores it (`Config._to_relpath`): URLs,
   * absolute and {@code ~} paths unchanged, a relative path rewritten relative to the directory of the level's
   * file ({@code .dvc/} for the repository's files), with '/'.
   */
  String storedPath(ConfigLevel level, String value) {
    if (value.isEmpty() || RepoConfig.isUrl(value) || value.startsWith("~") || Path.of(value).isAbsolute()) {
      return value;
    }
    Path target = jdvc.resolve(Path.of(value));
    String rel = file(level).getParent().relativize(target).toString().replace('\\', '/');
    return rel.isEmpty() ? "." : rel;
  }

  /**
   * Sets or unsets one option of a remote at {@code level} and checks the result. A value that is wrong on its
   * own fails; a rule between two options that the next edit may satisfy (access_key_id without
   * secret_access_key) only produces a notice. Setting a credential in the Git-tracked file produces a warning
   * notice first, as the value is about to be committed with the repository.
   *
   * @return whether a credential was written to the Git-tracked config
   */
  boolean editRemoteOption(ConfigLevel level, String name, String option, String value, boolean unset) {
    String key = "remote." + name + "." + option;
    ConfigFile f = read(level);
    boolean secretInGit = false;
    if (unset) {
      if (!f.unset(key)) {
        throw new JdvcException("option '" + option + "' of remote '" + name + "' is not set in "
            + relative(file(level)), level == ConfigLevel.REPO ? "it may be set with --local" : null);
      }
    } else {
      String stored = isPathOption("remote", option) ? storedPath(level, value) : value;
      String url = option.equals("url") ? stored : mergedRemote(name).get("url");
      Remotes.validateOption(name, url, option, stored);
      if (level == ConfigLevel.REPO && Remotes.isSecret(option)) {
        secretInGit = true;
        jdvc.notice("'" + option + "' of remote '" + name + "' is about to be written to "
            + relative(file(level)) + ", a file Git tracks: it would be shared with everyone who can read the "
            + "repository. Use 'jdvc remote modify --local " + name + " " + option + " ...' to keep it in "
            + relative(file(ConfigLevel.LOCAL)) + ", which Git ignores.");
      }
      f.set(key, stored);
    }
    Map<String, String> after = mergedRemote(name);
    if (after.isEmpty()) {
      return secretInGit;
    }
    if (after.get("url") != null && Remotes.isForeign(after.get("url"))) {
      if (option.equals("url") && !unset) {
        jdvc.notice(Remotes.foreignNotice(name, after.get("url")));
      }
      return secretInGit;
    }
    try {
      Remotes.validate(name, after);
    } catch (JdvcException e) {
      if (unset && option.equals("url")) {
        throw e;
      }
      jdvc.notice(e.getMessage() + " (the remote cannot be used until this is fixed)");
    }
    return secretInGit;
  }

  /** {@code .dvc/config} for a file in the repository, else the absolute path: for messages. */
  String relative(Path p) {
    return p.startsWith(jdvc.root()) ? jdvc.root().relativize(p).toString() : p.toString();
  }
}
