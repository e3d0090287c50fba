package io.jdvc.git;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.lib.CoreConfig;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FS;

/**
 * Git's ignore decision for one repo-relative path that need not exist. JGit only answers this during a working
 * tree walk, for entries that exist; jdvc must ask before it writes a {@code .gitignore} entry or a {@code .dvc}
 * file, so this class applies git's rules itself, reusing JGit's pattern matcher:
 *
 * <ul>
 *   <li>each leading directory is checked first; once a directory is ignored, nothing below it can be re-included,
 *       and its {@code .gitignore} files are never read (gitignore(5): "It is not possible to re-include a file if
 *       a parent directory of that file is excluded");
 *   <li>for one path the sources are consulted by precedence: the {@code .gitignore} nearest to the path, then
 *       those further up, then {@code $GIT_COMMON_DIR/info/exclude}, then {@code core.excludesFile} (default
 *       {@code $XDG_CONFIG_HOME/git/ignore}); inside one source the last matching pattern wins.
 * </ul>
 *
 * <p>Files are re-read on every call because jdvc edits {@code .gitignore} files between calls. Not thread-safe.
 */
final class GitIgnoreRules {
  private final Path workTree;
  private final Path infoExclude;
  private final Path globalExcludes;

  GitIgnoreRules(Repository repo, Path workTree) {
    this.workTree = workTree;
    this.infoExclude = repo.getCommonDirectory().toPath().resolve("info").resolve("exclude");
    this.globalExcludes = globalExcludesFile(repo);
  }

  /**
   * Whether git ignores {@code repoPath} ('/'-separated, relative to the work tree, not empty). A path inside
   * {@code .git} counts as ignored, since git never tracks it.
   */
  boolean isIgnored(String repoPath, boolean isDirectory) throws IOException {
    String[] parts = repoPath.split("/");
    Map<String, IgnoreNode> perDirectory = new HashMap<>();
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].equals(".git")) {
        return true;
      }
      if (i > 0) {
        prefix.append('/');
      }
      prefix.append(parts[i]);
      boolean directory = i < parts.length - 1 || isDirectory;
      if (matches(prefix.toString(), directory, perDirectory)) {
        return true;
      }
    }
    return false;
  }

  private boolean matches(String path, boolean directory, Map<String, IgnoreNode> perDirectory) throws IOException {
    String dir = parentOf(path);
    while (true) {
      IgnoreNode node = perDirectory.get(dir);
      if (node == null) {
        node = load(workTree.resolve(dir).resolve(".gitignore"), true);
        perDirectory.put(dir, node);
      }
      Boolean result = node.checkIgnored(dir.isEmpty() ? path : path.substring(dir.length() + 1), directory);
      if (result != null) {
        return result;
      }
      if (dir.isEmpty()) {
        break;
      }
      dir = parentOf(dir);
    }
    for (Path source : new Path[] {infoExclude, globalExcludes}) {
      if (source != null) {
        Boolean result = load(source, false).checkIgnored(path, directory);
        if (result != null) {
          return result;
        }
      }
    }
    return false;
  }

  private static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static IgnoreNode load(Path file, boolean inWorkTree) throws IOException {
    IgnoreNode node = new IgnoreNode();
    // git (since 2.32) refuses a symlinked .gitignore inside the work tree, but follows a symlinked global
    // excludes file (dotfile managers make those). A missing file simply has no rules.
    boolean readable =
        inWorkTree ? Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) : Files.isRegularFile(file);
    if (readable) {
      try (InputStream in = Files.newInputStream(file)) {
        node.parse(file.toString(), in);
      }
    }
    return node;
  }

  /** {@code core.excludesFile}, or git's XDG default when unset; null if neither can be located. */
  private static Path globalExcludesFile(Repository repo) {
    FS fs = repo.getFS();
    String configured = repo.getConfig().get(CoreConfig.KEY).getExcludesFile();
    if (configured != null) {
      if (configured.startsWith("~/")) {
        File home = fs.userHome();
        return home == null ? null : fs.resolve(home, configured.substring(2)).toPath();
      }
      return fs.resolve(repo.getWorkTree(), configured).toPath();
    }
    // JGit's own walk ignores this default, but git honours it, and jdvc must agree with git.
    String xdg = System.getenv("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isEmpty()) {
      return Path.of(xdg, "git", "ignore");
    }
    File home = fs.userHome();
    return home == null ? null : home.toPath().resolve(".config").resolve("git").resolve("ignore");
  }
}
