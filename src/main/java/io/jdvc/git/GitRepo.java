package io.jdvc.git;

import io.jdvc.JdvcException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.jgit.api.CommitCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.AbortedByHookException;
import org.eclipse.jgit.api.errors.EmptyCommitException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.api.errors.ServiceUnavailableException;
import org.eclipse.jgit.api.errors.UnmergedPathsException;
import org.eclipse.jgit.api.errors.WrongRepositoryStateException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The Git work tree that holds a jdvc project's pointer files, reached through JGit (never a {@code git} process).
 *
 * <p>Paths: methods taking a {@link Path} accept it absolute or relative to {@link #workTree()}, and reject (with
 * {@link JdvcException}) a path outside the work tree. Methods taking a {@code String} path take it repo-relative
 * with '/' separators, as Git stores it. Revisions are anything {@code git rev-parse} understands ({@code HEAD~2},
 * a branch, a tag, an abbreviated id, ...); an unknown one fails with {@code unknown revision '<rev>'}.
 *
 * <p>Failures of Git itself (a held {@code index.lock}, an unmerged index, a corrupt object) surface as {@link
 * JdvcException} with a hint. Instances are not thread-safe; {@link #close()} releases JGit's open pack files.
 */
public final class GitRepo implements AutoCloseable {
  static {
    SystemGitConfig.install();
  }

  private final Repository repo;
  private final Path workTree;
  private final GitIgnoreRules ignoreRules;
  private final Revisions revisions;
  // Re-reading a large index for every isTracked() call of a big `add` is the slow part; DirCache knows when
  // the file on disk changed under it.
  private DirCache index;

  private GitRepo(Repository repo) {
    this.repo = repo;
    this.workTree = realPath(repo.getWorkTree().toPath());
    this.ignoreRules = new GitIgnoreRules(repo, workTree);
    this.revisions = new Revisions(repo, workTree);
  }

  /** Wraps a repository that has a work tree (for {@link RepoClones}); the GitRepo owns it from now on. */
  static GitRepo of(Repository repo) {
    return new GitRepo(repo);
  }

  /**
   * The work tree enclosing {@code start} (a file or directory, existing or not), searching upwards as git does,
   * including {@code .git} files of linked worktrees and submodules. Empty if there is none, or if the enclosing
   * repository is bare. Environment variables such as {@code GIT_DIR} are deliberately not read, so a hook or IDE
   * that sets them cannot redirect jdvc to another repository.
   */
  public static Optional<GitRepo> discover(Path start) {
    Path from = start.toAbsolutePath().normalize();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true).findGitDir(from.toFile());
    if (builder.getGitDir() == null) {
      return Optional.empty();
    }
    Repository repo;
    try {
      repo = builder.build();
    } catch (IOException | IllegalArgumentException e) {
      throw new JdvcException(
          "cannot open the Git repository at " + builder.getGitDir() + ": " + e.getMessage(),
          "check that the repository is not corrupt ('git status' should work there)",
          e);
    }
    if (repo.isBare()) {
      repo.close();
      return Optional.empty();
    }
    return Optional.of(new GitRepo(repo));
  }

  /**
   * Creates a repository with a work tree at {@code dir} (like {@code git init}; an existing repository is
   * reopened, not reset) and opens it. The initial branch follows {@code init.defaultBranch}, else JGit's default.
   */
  public static GitRepo init(Path dir) {
    try {
      // Not closing the Git wrapper: its close() would close the Repository that GitRepo now owns.
      Git git = Git.init().setDirectory(dir.toFile()).call();
      return new GitRepo(git.getRepository());
    } catch (GitAPIException | JGitInternalException e) {
      throw new JdvcException("cannot create a Git repository in " + dir + ": " + e.getMessage(), null, e);
    }
  }

  /** The root of the work tree, absolute, with symlinks resolved. */
  public Path workTree() {
    return workTree;
  }

  /**
   * The directory Git runs hooks from: {@code core.hooksPath} if set (a leading {@code ~/} is the home directory,
   * a relative path is relative to the work tree, as git resolves it when running hooks), else {@code hooks/} in
   * the common Git directory, which linked worktrees share. The directory may not exist yet.
   */
  public Path hooksDir() {
    String configured = repo.getConfig().getString(
        ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_HOOKS_PATH);
    if (configured == null || configured.isBlank()) {
      return repo.getCommonDirectory().toPath().resolve(Constants.HOOKS).toAbsolutePath().normalize();
    }
    String p = configured.strip();
    if (p.equals("~") || p.startsWith("~/")) {
      p = System.getProperty("user.home") + p.substring(1);
    }
    return workTree.resolve(p).toAbsolutePath().normalize();
  }

  /**
   * The repo-relative, '/'-separated form of {@code path} ({@code ""} for the work tree root), as Git stores it.
   *
   * @throws JdvcException if the path lies outside the work tree
   */
  public String toRepoPath(Path path) {
    Path p = path.isAbsolute() ? path.normalize() : workTree.resolve(path).normalize();
    if (!p.startsWith(workTree)) {
      // The caller may have reached the work tree through a symlink (/tmp -> /private/tmp); resolve the
      // existing parent, but not the path itself, which may be a symlink that is what the caller means.
      p = resolveParents(p);
    }
    if (!p.startsWith(workTree)) {
      throw new JdvcException(
          "'" + path + "' is outside the Git work tree " + workTree, "use a path inside the repository");
    }
    StringBuilder sb = new StringBuilder();
    for (Path name : workTree.relativize(p)) {
      if (!name.toString().isEmpty()) {
        sb.append(sb.length() == 0 ? "" : "/").append(name);
      }
    }
    return sb.toString();
  }

  /**
   * Stages the paths as {@code git add --all -- <paths>} does: new and modified files are added, and index entries
   * whose files no longer exist are removed. A directory stages everything below it. Paths git ignores and that
   * are not yet tracked are skipped silently (JGit behaviour; git would fail without {@code -f}), as are paths
   * that neither exist nor are tracked. One pass over the index for all paths, so hundreds are cheap.
   */
  public void stage(Collection<Path> paths) {
    if (paths.isEmpty()) {
      return;
    }
    Set<String> patterns = new LinkedHashSet<>();
    for (Path path : paths) {
      String rel = toRepoPath(path);
      patterns.add(rel.isEmpty() ? "." : rel);
    }
    StoredConfig config = repo.getConfig();
    // git writes loose objects at core.looseCompression, 1 (best speed) when neither it nor core.compression is
    // set; JGit writes them at core.compression, whose default is zlib's 6. For the SHA-256 record of a 1M-file
    // add (98 MB) that was 4 s of deflate on the critical path against 1.5 s, for a blob 2 % smaller. Set for
    // this call only, in memory: the user's config file is not touched.
    boolean gitsLooseDefault = config.getString(ConfigConstants.CONFIG_CORE_SECTION, null,
        ConfigConstants.CONFIG_KEY_COMPRESSION) == null;
    if (gitsLooseDefault) {
      config.setInt(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_COMPRESSION,
          config.getInt(ConfigConstants.CONFIG_CORE_SECTION, null, "looseCompression", 1));
    }
    try (Git git = Git.wrap(repo)) {
      git.add().setAll(true).addFilepatterns(patterns).call();
    } catch (GitAPIException | JGitInternalException e) {
      throw gitFailure("git add", e);
    } finally {
      index = null;
      if (gitsLooseDefault) {
        config.unset(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_COMPRESSION);
      }
    }
  }

  /**
   * Commits exactly {@code onlyPaths}, as {@code git commit -m <message> -- <paths>}: their current work tree state
   * (including deletions) is staged and committed, while other staged or modified files stay as they are. With no
   * paths, commits the index as staged. Author and committer come from JGit's reading of git config
   * ({@code user.name}/{@code user.email}, then {@code GIT_AUTHOR_*}/{@code GIT_COMMITTER_*}); when unset, JGit
   * falls back to the OS user name and {@code <user>@<host>} rather than failing, so jdvc never refuses to commit
   * for lack of an identity. Hooks run as with git; their output is captured, not printed, and shown in the error if
   * a hook rejects the commit.
   *
   * @return the new commit's 40-hex id
   * @throws JdvcException when there is nothing to commit, a hook rejects it, or the index is unmerged
   */
  public String commit(String message, Collection<Path> onlyPaths) {
    List<String> only = new ArrayList<>();
    boolean wholeTree = false;
    for (Path path : onlyPaths) {
      String rel = toRepoPath(path);
      wholeTree |= rel.isEmpty();
      only.add(rel);
    }
    // Stage first: JGit's --only mode refuses paths unknown to the index, while git's pathspec form commits new
    // files jdvc has just written (a fresh .dvc file, a new .gitignore).
    stage(onlyPaths);
    // JGit's --only mode reports "no changes" only as an untyped internal error; asking first keeps the message ours.
    if (!wholeTree && !only.isEmpty() && !indexDiffersFromHead(only)) {
      throw nothingToCommit(only, null);
    }
    ByteArrayOutputStream hookOut = new ByteArrayOutputStream();
    try (Git git = Git.wrap(repo);
        PrintStream hookStream = new PrintStream(hookOut, true, StandardCharsets.UTF_8)) {
      CommitCommand cmd =
          git.commit()
              .setMessage(message)
              .setAllowEmpty(false)
              .setHookOutputStream(hookStream)
              .setHookErrorStream(hookStream);
      if (!wholeTree) {
        only.forEach(cmd::setOnly);
      }
      return cmd.call().name();
    } catch (EmptyCommitException e) {
      throw nothingToCommit(only, e);
    } catch (AbortedByHookException e) {
      throw new JdvcException(
          "a Git " + e.getHookName() + " hook rejected the commit: " + hookOut.toString(StandardCharsets.UTF_8).strip(),
          "fix what the hook reports, then commit again",
          e);
    } catch (UnmergedPathsException | WrongRepositoryStateException e) {
      throw new JdvcException(
          "cannot commit: " + e.getMessage(), "finish or abort the merge/rebase in progress first", e);
    } catch (ServiceUnavailableException e) {
      throw new JdvcException(
          "cannot sign the commit: " + e.getMessage(), "check commit.gpgSign and the signing key in git config", e);
    } catch (GitAPIException | JGitInternalException e) {
      throw gitFailure("git commit", e);
    } finally {
      index = null;
    }
  }

  /**
   * Whether Git tracks the path: a file with an index entry, or a directory with at least one index entry below
   * it (the work tree root: any entry). Only the index is consulted, not HEAD, because DVC's way out of "output is
   * already tracked by git" is {@code git rm -r --cached <path>}, which leaves the path in HEAD until the next
   * commit; after a normal checkout the index holds everything HEAD does.
   */
  public boolean isTracked(Path path) {
    String rel = toRepoPath(path);
    DirCache dc = readIndex();
    if (rel.isEmpty()) {
      return dc.getEntryCount() > 0;
    }
    return dc.findEntry(rel) >= 0 || dc.getEntriesWithin(rel).length > 0;
  }

  /**
   * Whether the index holds exactly this file's current bytes. A command killed between writing a pointer file and
   * staging it leaves them apart; the next run writes identical bytes and must stage them all the same.
   */
  public boolean indexMatches(Path file) throws IOException {
    DirCache dc = readIndex();
    int i = dc.findEntry(toRepoPath(file));
    if (i < 0) {
      return false;
    }
    byte[] bytes = java.nio.file.Files.readAllBytes(file);
    ObjectId id = new org.eclipse.jgit.lib.ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, bytes);
    return id.equals(dc.getEntry(i).getObjectId());
  }

  /**
   * Whether Git ignores the path, honouring {@code .gitignore} at every level, {@code info/exclude} and
   * {@code core.excludesFile}, with git's rule that nothing below an ignored directory can be re-included. The
   * path need not exist; if it does not, it is judged as a file (directory-only patterns such as {@code data/} do
   * not match it). Being ignored says nothing about being tracked: see {@link #isTracked}.
   */
  public boolean isIgnored(Path path) {
    String rel = toRepoPath(path);
    if (rel.isEmpty()) {
      return false;
    }
    boolean directory = Files.isDirectory(workTree.resolve(rel), LinkOption.NOFOLLOW_LINKS);
    try {
      return ignoreRules.isIgnored(rel, directory);
    } catch (IOException e) {
      throw new JdvcException("cannot read ignore rules for '" + rel + "': " + e.getMessage(), null, e);
    }
  }

  /**
   * The content of a regular file at a revision. Empty if the path does not exist there, or is a directory,
   * symlink or submodule at that revision.
   *
   * @throws JdvcException {@code unknown revision '<rev>'} if the revision does not name a commit
   */
  public Optional<byte[]> readFile(String rev, String repoRelativePath) {
    return revisions.readFile(rev, repoRelativePath);
  }

  /**
   * The full 40-hex id of the commit a revision names (annotated tags are peeled).
   *
   * @throws JdvcException {@code unknown revision '<rev>'}
   */
  public String resolve(String rev) {
    return revisions.resolve(rev);
  }

  /** The commit HEAD points at, named after the current branch (null when HEAD is detached). */
  public RevisionRef head() {
    return revisions.head();
  }

  /** Local branches ({@code refs/heads}), sorted by name, each with its tip commit. Unborn branches are left out. */
  public List<RevisionRef> branches() {
    return revisions.branches();
  }

  /**
   * Tags, sorted by name, each with the commit it points to (annotated tags are peeled). Tags of trees or blobs
   * are left out: they name no revision jdvc could read pointers from.
   */
  public List<RevisionRef> tags() {
    return revisions.tags();
  }

  /**
   * Every commit reachable from any ref or HEAD ({@code git rev-list --all}), newest commit time first, each
   * once, with a null name. This is DVC's {@code --all-commits} scope.
   */
  public List<RevisionRef> allCommits() {
    return revisions.allCommits();
  }

  /** As {@link #allCommits()}, from HEAD and the refs whose full names {@code refs} accepts only. */
  public List<RevisionRef> allCommits(Predicate<String> refs) {
    return revisions.allCommits(refs);
  }

  /**
   * DVC's {@code --rev <rev> -n <n>} scope: {@code rev} itself, then its first-parent ancestors {@code rev~1},
   * {@code rev~2}, ..., {@code n} commits in all, fewer if the root is reached first. The first entry is named
   * after the branch or tag {@code rev} names (through HEAD to the current branch), the others are unnamed.
   *
   * @throws IllegalArgumentException if {@code n} is negative; {@code n == 0} gives an empty list, as in DVC
   */
  public List<RevisionRef> ancestry(String rev, int n) {
    return revisions.ancestry(rev, n);
  }

  /**
   * Contents of the regular files at a revision whose repo-relative path passes {@code pathFilter} (for example
   * every {@code *.dvc} and {@code dvc.lock}), keyed by path in Git's tree order. The filter sees file paths only;
   * trees are walked but blobs that do not pass are never read, so the cost is one pass over the tree objects plus
   * the matching files.
   */
  public Map<String, byte[]> filesAt(String rev, Predicate<String> pathFilter) {
    return revisions.filesAt(rev, pathFilter);
  }

  /**
   * Like {@link #filesAt}, but returns each matching file's blob id (40 hex) instead of its content, so a caller
   * scanning many revisions can read (and parse) each distinct blob once with {@link #readBlob}: most pointer
   * files are identical across most commits.
   */
  public Map<String, String> blobIdsAt(String rev, Predicate<String> pathFilter) {
    return revisions.blobIdsAt(rev, pathFilter);
  }

  /** The content of the blob with this 40-hex id (as returned by {@link #blobIdsAt}). */
  public byte[] readBlob(String blobId) {
    return revisions.readBlob(blobId);
  }

  @Override
  public void close() {
    repo.close();
  }

  // ---- package-private: shared with PointerHistory ----

  Repository repository() {
    return repo;
  }

  /** The commit {@code rev} names; JdvcException {@code unknown revision} otherwise. */
  RevCommit parseCommit(String rev) {
    return revisions.parseCommit(rev);
  }

  static String checkRepoPath(String path) {
    return Revisions.checkRepoPath(path);
  }

  // ---- private ----

  private DirCache readIndex() {
    try {
      if (index == null || index.isOutdated()) {
        index = repo.readDirCache();
      }
      return index;
    } catch (IOException e) {
      throw new JdvcException(
          "cannot read the Git index: " + e.getMessage(), "check the repository with 'git status'", e);
    }
  }

  private JdvcException readFailure(String what, IOException e) {
    return new JdvcException(
        "cannot read Git data for '" + what + "': " + e.getMessage(),
        "check the repository with 'git fsck'",
        e);
  }

  private JdvcException gitFailure(String operation, Exception e) {
    Throwable cause = e;
    while (cause != null) {
      if (cause instanceof LockFailedException) {
        return new JdvcException(
            operation + " failed: the Git index is locked (" + e.getMessage() + ")",
            "if no other git process is running, remove .git/index.lock",
            e);
      }
      cause = cause.getCause();
    }
    return new JdvcException(operation + " failed: " + e.getMessage(), null, e);
  }

  private static JdvcException nothingToCommit(List<String> paths, Exception cause) {
    String what = paths.isEmpty() ? "the index" : String.join(", ", paths);
    return new JdvcException("nothing to commit in " + what, "the files are unchanged since HEAD", cause);
  }

  /** Whether any index entry at or below {@code paths} differs from HEAD (everything does in an unborn repo). */
  private boolean indexDiffersFromHead(List<String> paths) {
    try (TreeWalk walk = new TreeWalk(repo)) {
      ObjectId headTree = repo.resolve(Constants.HEAD + "^{tree}");
      if (headTree == null) {
        walk.addTree(new EmptyTreeIterator());
      } else {
        walk.addTree(headTree);
      }
      walk.addTree(new DirCacheIterator(readIndex()));
      walk.setRecursive(true);
      walk.setFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(paths), TreeFilter.ANY_DIFF));
      return walk.next();
    } catch (IOException e) {
      throw readFailure(Constants.HEAD, e);
    }
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  /** The deepest existing ancestor of {@code p}'s parent resolved to its real path, with the rest re-appended. */
  private static Path resolveParents(Path p) {
    Path parent = p.getParent();
    Path rest = p.getFileName() == null ? Path.of("") : p.getFileName();
    while (parent != null && !Files.exists(parent)) {
      rest = parent.getFileName().resolve(rest);
      parent = parent.getParent();
    }
    if (parent == null) {
      return p;
    }
    return realPath(parent).resolve(rest).normalize();
  }


}
