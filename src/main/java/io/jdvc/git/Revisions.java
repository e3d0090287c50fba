package io.jdvc.git;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * A repository's history, read-only: revisions resolved to commits, branches and tags listed, commits walked, and
 * files read at a commit without checking anything out. {@link GitRepo} is its public face; the work tree, the
 * index and commits it makes are GitRepo's own.
 */
final class Revisions {
  private final Repository repo;
  private final Path workTree;

  Revisions(Repository repo, Path workTree) {
    this.repo = repo;
    this.workTree = workTree;
  }

  /** See {@link GitRepo#readFile}. */
  Optional<byte[]> readFile(String rev, String repoRelativePath) {
    String path = checkRepoPath(repoRelativePath);
    RevCommit commit = parseCommit(rev);
    try (ObjectReader reader = repo.newObjectReader()) {
      return Optional.ofNullable(readBlob(reader, commit.getTree(), path));
    } catch (IOException e) {
      throw readFailure(rev, e);
    }
  }

  /** See {@link GitRepo#resolve}. */
  String resolve(String rev) {
    return parseCommit(rev).name();
  }

  /** See {@link GitRepo#head}. */
  RevisionRef head() {
    try {
      Ref head = repo.exactRef(Constants.HEAD);
      if (head == null || head.getObjectId() == null) {
        throw noCommits();
      }
      String branch =
          head.isSymbolic() ? Repository.shortenRefName(head.getTarget().getName()) : null;
      try (RevWalk walk = new RevWalk(repo)) {
        return RevisionRef.of(walk.parseCommit(head.getObjectId()), branch);
      }
    } catch (IOException e) {
      throw readFailure(Constants.HEAD, e);
    }
  }

  /** See {@link GitRepo#branches}. */
  List<RevisionRef> branches() {
    return refTips(Constants.R_HEADS);
  }

  /** See {@link GitRepo#tags}. */
  List<RevisionRef> tags() {
    return refTips(Constants.R_TAGS);
  }

  /** See {@link GitRepo#allCommits}. */
  List<RevisionRef> allCommits() {
    return allCommits(name -> true);
  }

  /** See {@link GitRepo#allCommits}. */
  List<RevisionRef> allCommits(Predicate<String> refs) {
    try (RevWalk walk = new RevWalk(repo)) {
      walk.sort(RevSort.COMMIT_TIME_DESC);
      List<Ref> starts = new ArrayList<>(repo.getRefDatabase().getRefs().stream()
          .filter(r -> refs.test(r.getName())).toList());
      Ref head = repo.exactRef(Constants.HEAD);
      if (head != null) {
        starts.add(head);
      }
      for (Ref ref : starts) {
        RevCommit tip = peelToCommit(walk, ref);
        if (tip != null) {
          walk.markStart(tip);
        }
      }
      List<RevisionRef> out = new ArrayList<>();
      for (RevCommit c : walk) {
        out.add(RevisionRef.of(c, null));
      }
      return out;
    } catch (IOException e) {
      throw readFailure("--all", e);
    }
  }

  /** See {@link GitRepo#ancestry}. */
  List<RevisionRef> ancestry(String rev, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    if (n == 0) {
      return List.of();
    }
    RevCommit start = parseCommit(rev);
    List<RevisionRef> out = new ArrayList<>(Math.min(n, 1024));
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(start);
      out.add(RevisionRef.of(c, refNameOf(rev)));
      while (out.size() < n && c.getParentCount() > 0) {
        c = walk.parseCommit(c.getParent(0));
        out.add(RevisionRef.of(c, null));
      }
      return out;
    } catch (IOException e) {
      throw readFailure(rev, e);
    }
  }

  /** See {@link GitRepo#filesAt}. */
  Map<String, byte[]> filesAt(String rev, Predicate<String> pathFilter) {
    RevCommit commit = parseCommit(rev);
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (TreeWalk walk = new TreeWalk(repo)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      walk.setFilter(new PathPredicateFilter(pathFilter));
      ObjectReader reader = walk.getObjectReader();
      while (walk.next()) {
        if (isRegularFile(walk.getRawMode(0))) {
          out.put(walk.getPathString(), reader.open(walk.getObjectId(0), Constants.OBJ_BLOB).getBytes(Integer.MAX_VALUE));
        }
      }
    } catch (IOException e) {
      throw readFailure(rev, e);
    }
    return Collections.unmodifiableMap(out);
  }

  /** See {@link GitRepo#blobIdsAt}. */
  Map<String, String> blobIdsAt(String rev, Predicate<String> pathFilter) {
    RevCommit commit = parseCommit(rev);
    Map<String, String> out = new LinkedHashMap<>();
    try (TreeWalk walk = new TreeWalk(repo)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      walk.setFilter(new PathPredicateFilter(pathFilter));
      while (walk.next()) {
        if (isRegularFile(walk.getRawMode(0))) {
          out.put(walk.getPathString(), walk.getObjectId(0).name());
        }
      }
    } catch (IOException e) {
      throw readFailure(rev, e);
    }
    return Collections.unmodifiableMap(out);
  }

  /** See {@link GitRepo#readBlob}. */
  byte[] readBlob(String blobId) {
    try (ObjectReader reader = repo.newObjectReader()) {
      return reader.open(ObjectId.fromString(blobId), Constants.OBJ_BLOB).getBytes(Integer.MAX_VALUE);
    } catch (IOException | IllegalArgumentException e) {
      throw new JdvcException("cannot read Git blob " + blobId + ": " + e.getMessage(),
          "check the repository with 'git fsck'", e);
    }
  }

  /** The commit {@code rev} names; JdvcException {@code unknown revision} otherwise. */
  RevCommit parseCommit(String rev) {
    if (rev == null || rev.isBlank()) {
      throw unknownRevision(String.valueOf(rev));
    }
    if (tooShortAbbreviation(rev)) {
      throw unknownRevision(rev);
    }
    ObjectId id;
    try {
      id = repo.resolve(rev + "^{commit}");
    } catch (RevisionSyntaxException
        | AmbiguousObjectException
        | IncorrectObjectTypeException
        | MissingObjectException e) {
      // A well-formed full id of an object this repository does not have is as unknown as a bad name.
      throw unknownRevision(rev);
    } catch (IOException e) {
      throw readFailure(rev, e);
    }
    if (id == null) {
      throw unknownRevision(rev);
    }
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.parseCommit(id);
    } catch (IOException e) {
      throw readFailure(rev, e);
    }
  }

  /**
   * Whether {@code rev} starts with a hex word of 1–3 digits that names no ref: Git reads at least 4 digits as an
   * abbreviated id, while JGit would resolve "e2" to any object whose id starts so, which made an experiment named
   * e2 resolve, now and then, to an unrelated commit.
   */
  private boolean tooShortAbbreviation(String rev) {
    int end = 0;
    while (end < rev.length() && "~^:@{".indexOf(rev.charAt(end)) < 0) {
      end++;
    }
    if (end > 3) {
      return false; // the usual case, a full id or a name: no pattern to match
    }
    String base = rev.substring(0, end);
    if (!base.matches("[0-9a-fA-F]{1,3}")) {
      return false;
    }
    try {
      return repo.findRef(base) == null;
    } catch (IOException e) {
      return false;
    }
  }

  /** The blob at {@code path} in {@code tree} if it is a regular file, else null. */
  static byte[] readBlob(ObjectReader reader, RevTree tree, String path) throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
      if (walk == null || !isRegularFile(walk.getRawMode(0))) {
        return null;
      }
      return reader.open(walk.getObjectId(0), Constants.OBJ_BLOB).getBytes(Integer.MAX_VALUE);
    }
  }

  /**
   * Validates a repo-relative path as Git would store it: not empty, '/'-separated, no leading or trailing '/',
   * no {@code .} or {@code ..} segments. A leading {@code ./} is dropped as a courtesy.
   */
  static String checkRepoPath(String path) {
    String p = path == null ? "" : path;
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    boolean bad = p.isEmpty() || p.startsWith("/") || p.endsWith("/") || p.contains("\\") || p.contains("//");
    for (String segment : p.split("/")) {
      bad |= segment.equals(".") || segment.equals("..");
    }
    if (bad) {
      throw new IllegalArgumentException("not a repo-relative path: '" + path + "'");
    }
    return p;
  }

  static JdvcException unknownRevision(String rev) {
    return new JdvcException(
        "unknown revision '" + rev + "'", "use a commit id, branch, tag or an expression such as HEAD~1");
  }

  private List<RevisionRef> refTips(String prefix) {
    try (RevWalk walk = new RevWalk(repo)) {
      List<RevisionRef> out = new ArrayList<>();
      for (Ref ref : repo.getRefDatabase().getRefsByPrefix(prefix)) {
        RevCommit tip = peelToCommit(walk, ref);
        if (tip != null) {
          out.add(RevisionRef.of(tip, Repository.shortenRefName(ref.getName())));
        }
      }
      out.sort((a, b) -> a.name().compareTo(b.name()));
      return out;
    } catch (IOException e) {
      throw readFailure(prefix, e);
    }
  }

  /** The commit a ref finally points to, or null for unborn refs and refs to trees or blobs. */
  private static RevCommit peelToCommit(RevWalk walk, Ref ref) throws IOException {
    ObjectId id = ref.getObjectId();
    if (id == null) {
      return null;
    }
    try {
      return walk.parseCommit(id);
    } catch (IncorrectObjectTypeException | MissingObjectException e) {
      // A tag of a tree, or a dangling ref: not a revision, but no reason to fail the whole listing.
      return null;
    }
  }

  /** The short branch or tag name {@code rev} refers to (HEAD resolves to its branch), else null. */
  private String refNameOf(String rev) {
    try {
      Ref ref = repo.findRef(rev);
      if (ref == null) {
        return null;
      }
      String target = ref.getTarget().getName();
      boolean named = target.startsWith(Constants.R_HEADS) || target.startsWith(Constants.R_TAGS);
      return named ? Repository.shortenRefName(target) : null;
    } catch (IOException | RuntimeException e) {
      // Only a label for display; an odd name must not fail the listing.
      return null;
    }
  }

  private static boolean isRegularFile(int rawMode) {
    // TYPE_FILE covers both 100644 and 100755; symlinks (120000) and submodules (160000) are not files here.
    return (rawMode & FileMode.TYPE_MASK) == FileMode.TYPE_FILE;
  }

  private JdvcException noCommits() {
    return new JdvcException(
        "the Git repository at " + workTree + " has no commits yet", "commit something first");
  }

  private JdvcException readFailure(String what, IOException e) {
    return new JdvcException(
        "cannot read Git data for '" + what + "': " + e.getMessage(),
        "check the repository with 'git fsck'",
        e);
  }

  /** Passes files whose path satisfies the predicate; descends into every tree, since any may hold a match. */
  private static final class PathPredicateFilter extends TreeFilter {
    private final Predicate<String> predicate;

    PathPredicateFilter(Predicate<String> predicate) {
      this.predicate = predicate;
    }

    @Override
    public boolean include(TreeWalk walker) {
      return walker.isSubtree() || predicate.test(walker.getPathString());
    }

    @Override
    public boolean shouldBeRecursive() {
      return true;
    }

    @Override
    public TreeFilter clone() {
      return this;
    }
  }
}
