package io.jdvc.repo;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where DVC keeps the config files that apply to every repository of a user ({@code global}) or of the machine
 * ({@code system}): {@code $DVC_GLOBAL_CONFIG_DIR} and {@code $DVC_SYSTEM_CONFIG_DIR} when set, else the XDG
 * directories that DVC's {@code platformdirs} picks on Linux and other Unix systems: {@code $XDG_CONFIG_HOME/dvc}
 * (default {@code ~/.config/dvc}) and the first entry of {@code $XDG_CONFIG_DIRS} plus {@code /dvc} (default
 * {@code /etc/xdg/dvc}). Sharing these files with DVC is the point, so jdvc does not have its own.
 */
public record UserConfigDirs(Path global, Path system) {
  /** The directories for the current process's environment and home directory. */
  public static UserConfigDirs fromEnvironment() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static UserConfigDirs fromEnvironment(Map<String, String> env, Path home) {
    Path global = set(env, "DVC_GLOBAL_CONFIG_DIR") ? Path.of(env.get("DVC_GLOBAL_CONFIG_DIR"))
        : (set(env, "XDG_CONFIG_HOME") ? Path.of(env.get("XDG_CONFIG_HOME").strip()) : home.resolve(".config"))
            .resolve("dvc");
    Path system = set(env, "DVC_SYSTEM_CONFIG_DIR") ? Path.of(env.get("DVC_SYSTEM_CONFIG_DIR"))
        : (set(env, "XDG_CONFIG_DIRS") ? Path.of(env.get("XDG_CONFIG_DIRS").strip().split(":")[0]) : Path.of(
            "/etc/xdg")).resolve("dvc");
    return new UserConfigDirs(global, system);
  }

  private static boolean set(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isBlank();
  }
}
