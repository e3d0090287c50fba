package io.jdvc.cli;

import io.jdvc.repo.ConfigLevel;
import picocli.CommandLine.Option;

/** {@code --local}: use {@code .dvc/config.local} (Git-ignored) instead of {@code .dvc/config}. */
final class LevelOption {
  @Option(names = "--local",
      description = "Use .dvc/config.local, which Git ignores (the place for credentials), instead of .dvc/config.")
  boolean local;

  /** The level to write (and, for reads that take a level, to read). */
  ConfigLevel level() {
    return local ? ConfigLevel.LOCAL : ConfigLevel.REPO;
  }

  /** The level to read: null (the merged config) unless --local. */
  ConfigLevel readLevel() {
    return local ? ConfigLevel.LOCAL : null;
  }
}
