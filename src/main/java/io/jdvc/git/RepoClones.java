package io.jdvc.git;

import io.jdvc.FileTrees;
import io.jdvc.JdvcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.TagOpt;

/**
 * Clones of other Git repositories (data registries that {@code get}, {@code import}, {@code update} and {@code ls}
 * read), kept one per URL under a directory such as {@code .dvc/tmp/jdvc/repos/}, so a second {@code update} fetches
 * what is new instead of cloning again. Clones have no checked-out files (everything is read from Git objects) and
 * are shallow: the tip of every branch and tag, and the whole history only once a commit below them is asked for. A clone is made in a temp directory and renamed into place, so an
 * interrupted clone is never mistaken for a complete one.
 */
public final class RepoClones {
  static {
    SystemGitConfig.install();
  }

  private final Path root;

  /** @param root where the clones live (created on first use) */
  public RepoClones(Path root) {
    this.root = root;
  }

  /**
   * A clone of {@code url} at {@code rev}.
   *
   * @param commitId the full id {@code rev} names there
   */
  public record Clone(GitRepo git, String commitId, boolean cloned) implements AutoCloseable {
    @Override
    public void close() {
      git.close();
    }
  }

  /**
   * Opens the clone of {@code url} (cloning it the first time), with {@code rev} resolved: a branch or tag of the
   * source, a commit id, or null for the source's default branch. An existing clone is fetched unless {@code rev}
   * is a full commit id it already has.
   */
  public Clone open(String url, String rev) {
    Path dir = root.resolve(org.apache.commons.codec.digest.DigestUtils.sha256Hex(url).substring(0, 20));
    boolean cloned = false;
    if (!Files.isDirectory(dir.resolve(".git"))) {
      cloneInto(url, dir, true); // branch and tag tips come with it; an older commit unshallows it (below)
      cloned = true;
    }
    Repository repo = openRepo(dir, url);
    try {
      String commit = resolve(repo, rev);
      boolean immutable = commit != null && rev != null && rev.equalsIgnoreCase(commit);
      if (!cloned && !immutable || commit == null) {
        fetch(repo, url, commit == null);
        commit = resolve(repo, rev);
      }
      if (commit == null) {
        throw new JdvcException("unknown revision '" + rev + "' in " + shown(url),
            "name a branch, a tag or a commit of that repository");
      }
      return new Clone(GitRepo.of(repo), commit, cloned);
    } catch (RuntimeException e) {
      repo.close();
      throw e;
    }
  }

  /**
   * {@code url} as messages show it: without the password its user info may hold
   * ({@code https://user:token@host/repo} becomes {@code https://user@host/repo}).
   */
  public static String shown(String url) {
    return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.\\-]*://[^/@:]*):[^/@]*@", "$1@");
  }

  /**
   * The user and password a URL carries ({@code https://user:token@host/repo}), which Git uses and JGit only
   * through a credentials provider; null when it carries none.
   */
  private static org.eclipse.jgit.transport.CredentialsProvider credentials(String url) {
    try {
      org.eclipse.jgit.transport.URIish uri = new org.eclipse.jgit.transport.URIish(url);
      return uri.getUser() == null || uri.getPass() == null ? null
          : new org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider(uri.getUser(), uri.getPass());
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  /**
   * What {@code git ls-remote url} shows: each ref the repository advertises ({@code HEAD} included) with the commit
   * it names, annotated tags peeled. No clone is made.
   */
  public static java.util.Map<String, String> advertised(String url) {
    try {
      java.util.Map<String, String> refs = new java.util.LinkedHashMap<>();
      var ls = Git.lsRemoteRepository().setRemote(url).setCredentialsProvider(credentials(url));
      ls.callAsMap().forEach((name, ref) -> {
        ObjectId id = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
        if (id != null) {
          refs.put(name, id.name());
        }
      });
      return refs;
    } catch (GitAPIException | JGitInternalException e) {
      throw new JdvcException(shown(url) + " did not answer (" + innermostMessage(e) + ")", null, e);
    }
  }

  private void cloneInto(String url, Path dir, boolean shallow) {
    try {
      Files.createDirectories(root);
      Path tmp = Files.createTempDirectory(root, ".clone-");
      try {
        try {
          doClone(url, tmp, shallow);
        } catch (GitAPIException | JGitInternalException e) {
          if (!shallow) {
            throw e;
          }
          FileTrees.deleteTree(tmp); // a server (or transport) without shallow support: a full clone, then
          Files.createDirectories(tmp);
          doClone(url, tmp, false);
        }
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        FileTrees.deleteTree(tmp);
      }
    } catch (GitAPIException | JGitInternalException e) {
      throw new JdvcException("cannot clone " + shown(url) + ": " + innermostMessage(e),
          "check the URL: it must be a Git repository jdvc can reach (a path, file://, https:// or ssh://)", e);
    } catch (IOException e) {
      throw new JdvcException("cannot clone " + shown(url) + " into " + root + ": " + e.getMessage(), null, e);
    }
  }

  /**
   * The most specific message of a JGit failure: a clone of a URL that names no repository fails with "Invalid
   * remote: origin", whose cause says "not found".
   */
  private static String innermostMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException) {
        return "host not found (" + t.getMessage() + ")";
      }
      if (t instanceof org.eclipse.jgit.errors.NoRemoteRepositoryException) {
        return t.getMessage();
      }
    }
    return e.getMessage();
  }

  private static void doClone(String url, Path dir, boolean shallow) throws GitAPIException {
    var clone = Git.cloneRepository().setURI(url).setDirectory(dir.toFile()).setNoCheckout(true)
        .setCloneAllBranches(true).setCredentialsProvider(credentials(url));
    if (shallow) {
      clone.setDepth(1);
    }
    clone.call().close();
  }

  private static Repository openRepo(Path dir, String url) {
    try {
      return new FileRepositoryBuilder().setWorkTree(dir.toFile()).setGitDir(dir.resolve(".git").toFile())
          .setMustExist(true).build();
    } catch (IOException e) {
      throw new JdvcException("cannot open the clone of " + shown(url) + " in " + dir + ": " + e.getMessage(),
          "delete " + dir + " and run the command again", e);
    }
  }

  private static void fetch(Repository repo, String url, boolean unshallow) {
    try {
      var fetch = Git.wrap(repo).fetch().setRemote("origin").setTagOpt(TagOpt.FETCH_TAGS)
          .setRemoveDeletedRefs(true).setCredentialsProvider(credentials(url));
      if (unshallow && Files.exists(repo.getDirectory().toPath().resolve("shallow"))) {
        fetch.setUnshallow(true);
      }
      fetch.call();
    } catch (GitAPIException | JGitInternalException e) {
      throw new JdvcException("cannot fetch from " + shown(url) + ": " + innermostMessage(e),
          "check that the repository is still reachable", e);
    }
  }

  /** The commit {@code rev} names in the clone (origin's branches first, then tags, then ids); null if none. */
  private static String resolve(Repository repo, String rev) {
    List<String> candidates = new ArrayList<>();
    try {
      if (rev == null) {
        candidates.add("refs/remotes/origin/" + Repository.shortenRefName(repo.getFullBranch()));
        candidates.add("HEAD");
      } else {
        candidates.add("refs/remotes/origin/" + rev);
        candidates.add("refs/tags/" + rev);
        candidates.add(rev);
      }
      for (String c : candidates) {
        try {
          ObjectId id = repo.resolve(c + "^{commit}");
          if (id != null) {
            return id.name();
          }
        } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.MissingObjectException e) {
          // not this one
        }
      }
      return null;
    } catch (IOException e) {
      throw new JdvcException("cannot read the clone: " + e.getMessage(), null, e);
    }
  }

}
