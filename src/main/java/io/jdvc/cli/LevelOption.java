package io.jdvc.cli;

import io.jdvc.repo.ConfigLevel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * {@code --local}, {@code --global} or {@code --system}: the config file to use instead of {@code .dvc/config},
 * as in {@code dvc config} and {@code dvc remote}.
 */
final class LevelOption {
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Choice choice;

  static final class Choice {
    @Option(names = "--local",
        description = "Use .dvc/config.local, which Git ignores (the place for credentials), instead of .dvc/config.")
    boolean local;

    @Option(names = "--global",
        description = "Use the user's config for all repositories (~/.config/dvc/config, or $DVC_GLOBAL_CONFIG_DIR).")
    boolean global;

    @Option(names = "--system",
        description = "Use the machine's config for all users (/etc/xdg/dvc/config, or $DVC_SYSTEM_CONFIG_DIR).")
    boolean system;
  }

  /** The level to write (and, for reads that take a level, to read). */
  ConfigLevel level() {
    ConfigLevel chosen = readLevel();
    return chosen == null ? ConfigLevel.REPO : chosen;
  }

  /** The level to read: null (the merged config) unless a level option is given. */
  ConfigLevel readLevel() {
    if (choice == null) {
      return null;
    }
    return choice.local ? ConfigLevel.LOCAL : choice.global ? ConfigLevel.GLOBAL : ConfigLevel.SYSTEM;
  }
}
