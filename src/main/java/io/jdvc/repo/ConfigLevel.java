package io.jdvc.repo;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The repository's config files, in the order DVC merges them (later ones shadow earlier ones). Global and system
 * levels are not supported by jdvc.
 */
public enum ConfigLevel {
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
      case REPO:
        return layout.config();
      case JDVC:
        return layout.jdvcConfig();
      default:
        return layout.localConfig();
    }
  }

  /** The level an option is written to: {@code jdvc_*} options always go to {@link #JDVC}. */
  public static ConfigLevel forOption(ConfigLevel requested, String option) {
    return option.startsWith("jdvc_") ? JDVC : requested;
  }

  /** {@code repo}, {@code jdvc} or {@code local}, as DVC names the level. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
