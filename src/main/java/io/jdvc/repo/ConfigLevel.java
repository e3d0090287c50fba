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
  /** {@code .dvc/config.local}: ignored by Git, for this clone only; the place for credentials. */
  LOCAL;

  /** The file of this level in a repository. */
  public Path file(RepoLayout layout) {
    return this == REPO ? layout.config() : layout.localConfig();
  }

  /** {@code repo} or {@code local}, as DVC names the level. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
