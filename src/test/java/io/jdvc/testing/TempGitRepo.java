package io.jdvc.testing;

import io.jdvc.git.GitRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * A real Git repository in a test's {@code @TempDir}, built with plain JGit (not with {@link GitRepo}, so tests of
 * {@code io.jdvc.git} do not set up their fixtures with the code under test).
 *
 * <p>The repo config sets {@code user.name}/{@code user.email} ({@link #NAME}, {@link #EMAIL}), turns signing
 * off and starts on branch {@code main}, so results do not depend on the machine's global git config. Commits
 * made here get a deterministic clock: {@link #EPOCH} plus one minute per commit, so "newest first" orderings are
 * stable even when a test commits several times within a second.
 *
 * <pre>{@code
 * try (TempGitRepo repo = TempGitRepo.create(tmp)) {
 *   repo.write("data.dvc", "outs: ...");
 *   String id = repo.commitAll("add data");
 *   repo.tag("v1");
 * }
 * }</pre>
 */
public final class TempGitRepo implements AutoCloseable {
  public static final String NAME = "Jdvc Tester";
  public static final String EMAIL = "tester@jdvc.invalid";
  public static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

  private final Git git;
  private final Path root;
  private int ticks;

  private TempGitRepo(Git git, Path root) {
    this.git = git;
    this.root = root;
  }

  /** Initializes a repository with a work tree at {@code dir} (created if needed) on branch {@code main}. */
  public static TempGitRepo create(Path dir) {
    try {
      Files.createDirectories(dir);
      Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
      StoredConfig config = git.getRepository().getConfig();
      config.setString("user", null, "name", NAME);
      config.setString("user", null, "email", EMAIL);
      config.setBoolean("commit", null, "gpgsign", false);
      config.setBoolean("tag", null, "gpgsign", false);
      config.setString("core", null, "autocrlf", "false");
      config.save();
      return new TempGitRepo(git, dir.toRealPath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The work tree root (real path). */
  public Path root() {
    return root;
  }

  /** {@code root().resolve(rel)}. */
  public Path path(String rel) {
    return root.resolve(rel);
  }

  /** The raw JGit handle, for setups this helper does not cover. Do not close it; {@link #close()} does. */
  public Git git() {
    return git;
  }

  /** Opens the code under test on this repository; the caller closes it. */
  public GitRepo open() {
    return GitRepo.discover(root).orElseThrow();
  }

  /** Writes UTF-8 text at {@code rel}, creating parent directories. */
  public Path write(String rel, String content) {
    return write(rel, content.getBytes(StandardCharsets.UTF_8));
  }

  public Path write(String rel, byte[] content) {
    Path p = path(rel);
    try {
      Files.createDirectories(p.getParent());
      Files.write(p, content);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a file or a whole directory from the work tree (not from the index). */
  public void delete(String rel) {
    Path p = path(rel);
    try (Stream<Path> all = Files.walk(p)) {
      for (Path q : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(q);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stages every change in the work tree, deletions included ({@code git add -A}), without committing. */
  public void addAll() {
    call(() -> git.add().setAll(true).addFilepattern(".").call());
  }

  /** {@code git add -A && git commit -m message}; returns the new commit id. */
  public String commitAll(String message) {
    addAll();
    return commitStaged(message);
  }

  /** Commits the index as it is; returns the new commit id. */
  public String commitStaged(String message) {
    PersonIdent who = nextIdent();
    return call(() -> git.commit().setMessage(message).setAuthor(who).setCommitter(who).call()).name();
  }

  /** A lightweight tag at HEAD. */
  public void tag(String name) {
    call(() -> git.tag().setName(name).setAnnotated(false).call());
  }

  /** An annotated tag at HEAD. */
  public void annotatedTag(String name, String message) {
    PersonIdent who = nextIdent();
    call(() -> git.tag().setName(name).setMessage(message).setTagger(who).setAnnotated(true).call());
  }

  /** Creates a branch at HEAD without switching to it. */
  public void branch(String name) {
    call(() -> git.branchCreate().setName(name).call());
  }

  /** Switches to an existing branch, tag or commit (detached for the latter two). */
  public void checkout(String name) {
    call(() -> git.checkout().setName(name).call());
  }

  /** The HEAD commit id. */
  public String head() {
    try {
      return git.getRepository().resolve("HEAD").name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    git.getRepository().close();
  }

  private PersonIdent nextIdent() {
    return new PersonIdent(NAME, EMAIL, EPOCH.plusSeconds(60L * ticks++), ZoneOffset.UTC);
  }

  private interface GitCall<T> {
    T run() throws GitAPIException;
  }

  private static <T> T call(GitCall<T> c) {
    try {
      return c.run();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }
}
