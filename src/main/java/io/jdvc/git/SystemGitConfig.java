package io.jdvc.git;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.util.FS;

/**
 * Tells JGit where git's system-wide config file is, by git's own rule, instead of letting it ask git. Left to
 * itself, JGit runs {@code git --version} and {@code git config --system --show-origin --list} in two
 * subprocesses when a process opens its first repository: 30–60 ms of every command that reads Git history,
 * for a path git derives from its install prefix anyway.
 */
final class SystemGitConfig {
  private static volatile boolean installed;

  private SystemGitConfig() {}

  /** Once per process, before the first repository is opened. */
  static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    if (System.getenv("GIT_CONFIG_NOSYSTEM") != null) {
      return; // JGit skips the system config itself
    }
    FS.DETECTED.setGitSystemConfig(locate(System.getenv("GIT_CONFIG_SYSTEM"), System.getenv("PATH")));
  }

  /**
   * The file {@code git config --system} reads: {@code GIT_CONFIG_SYSTEM} if set, else {@code etc/gitconfig}
   * under the prefix of the first {@code git} on {@code path}, with git's exception that the prefix {@code /usr}
   * keeps it in {@code /etc}. Null when there is no git, as JGit would find then.
   */
  static File locate(String override, String path) {
    if (override != null && !override.isEmpty()) {
      return new File(override);
    }
    Path git = firstOnPath("git", path);
    if (git == null) {
      return null;
    }
    Path bin = git.toAbsolutePath().getParent();
    Path prefix = bin == null ? null : bin.getParent();
    if (prefix == null || prefix.toString().equals("/usr") || prefix.toString().equals("/")) {
      return new File("/etc/gitconfig");
    }
    return prefix.resolve("etc").resolve("gitconfig").toFile();
  }

  private static Path firstOnPath(String name, String path) {
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
