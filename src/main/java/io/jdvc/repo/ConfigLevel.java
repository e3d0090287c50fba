package io.jdvc.repo;

import java.nio.file.Path;
import java.util.Locale;

/** DVC's config files, in the order DVC merges them: later ones shadow earlier ones. */
public enum ConfigLevel {
  /** {@code /etc/xdg/dvc/config} by default ({@link UserConfigDirs}): settings of every user of the machine. */
  SYSTEM,
  /** {@code ~/.config/dvc/config} by default ({@link UserConfigDirs}): the user's settings for every repository. */
  GLOBAL,
  /** {@code .dvc/config}: tracked by Git and shared with everyone who clones the repository. */
  REPO,
  /**
   * {@code .dvc/jdvc.config}: jdvc's own settings ({@code jdvc_*} options), tracked by Git. They cannot live in
   * DVC's files because DVC's config schema rejects unknown keys, which would break DVC on the same repository.
   */
  JDVC,
  /** {@code .dvc/config.local}: ignored by Git, for this clone only; the place for credentials. */
  LOCAL;

  /** The file of this level in a repository. */
  public Path file(RepoLayout layout) {
    switch (this) {
      case SYSTEM:
        return layout.systemConfig();
      case GLOBAL:
        return layout.globalConfig();
      case REPO:
        return layout.config();
      case JDVC:
        return layout.jdvcConfig();
      default:
        return layout.localConfig();
    }
  }

  /** Whether this level's file lies outside the repository and applies to all of them. */
  public boolean isUserLevel() {
    return this == SYSTEM || this == GLOBAL;
  }

  /** The level an option is written to: {@code jdvc_*} options always go to {@link #JDVC}. */
  public static ConfigLevel forOption(ConfigLevel requested, String option) {
    return option.startsWith("jdvc_") ? JDVC : requested;
  }

  /** {@code system}, {@code global}, {@code repo}, {@code jdvc} or {@code local}, as DVC names the level. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
