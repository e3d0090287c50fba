package io.jdvc.repo;

import java.nio.file.Path;

/**
 * Every path jdvc uses under a repository root: the one place that knows the {@code .dvc/} layout. It also
 * carries the user's and the machine's DVC config directories, which apply to every repository.
 */
public record RepoLayout(Path root, UserConfigDirs userConfigDirs) {
  public static final String DVC_DIR = ".dvc";
  public static final String DVCFILE_SUFFIX = ".dvc";

  /** The layout of the repository at {@code root}, with the config directories of this process's environment. */
  public RepoLayout(Path root) {
    this(root, UserConfigDirs.fromEnvironment());
  }

  public Path dvcDir() {
    return root.resolve(DVC_DIR);
  }

  public Path config() {
    return dvcDir().resolve("config");
  }

  /** {@code ~/.config/dvc/config} by default: the user's settings for all repositories. */
  public Path globalConfig() {
    return userConfigDirs.global().resolve("config");
  }

  /** {@code /etc/xdg/dvc/config} by default: the machine's settings for all users. */
  public Path systemConfig() {
    return userConfigDirs.system().resolve("config");
  }

  public Path localConfig() {
    return dvcDir().resolve("config.local");
  }

  /** jdvc's own settings, which DVC must never see (its schema rejects unknown keys). */
  public Path jdvcConfig() {
    return dvcDir().resolve("jdvc.config");
  }

  public Path dvcGitignore() {
    return dvcDir().resolve(".gitignore");
  }

  public Path dvcignore() {
    return root.resolve(".dvcignore");
  }

  public Path tmpDir() {
    return dvcDir().resolve("tmp");
  }

  /** jdvc's own lock; DVC's {@code tmp/lock} uses flock, which Java cannot take (see docs/formats.md). */
  public Path lockFile() {
    return tmpDir().resolve("jdvc.lock");
  }

  /** jdvc's hash state cache (DVC keeps its own in a private site cache). */
  public Path stateFile() {
    return tmpDir().resolve("jdvc").resolve("state");
  }

  /** What jdvc knows to be present on each remote, to skip existence checks. */
  public Path remoteIndexDir() {
    return tmpDir().resolve("jdvc").resolve("remote-index");
  }

  /** Clones of the repositories that imports come from, one per URL (see {@code git.RepoClones}). */
  public Path clonesDir() {
    return tmpDir().resolve("jdvc").resolve("repos");
  }

  public Path defaultCacheDir() {
    return dvcDir().resolve("cache");
  }
}
