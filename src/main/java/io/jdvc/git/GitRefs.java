package io.jdvc.git;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TrackingRefUpdate;

/**
 * Git plumbing that experiments and the model registry need and ordinary commands do not: commits made without
 * touching HEAD or the index, refs under a namespace, annotated tags, and refs exchanged with a Git remote by
 * explicit refspecs. Shares the {@link GitRepo}'s open repository; not thread-safe.
 */
public final class GitRefs {
  private final GitRepo git;
  private final Repository repo;

  public GitRefs(GitRepo git) {
    this.git = git;
    this.repo = git.repository();
  }

  /** One ref and the commit it names (annotated tags peeled); {@code tagObject} is the tag's own id or null. */
  public record RefTip(String name, String commitId, String tagObject) {}

  /** An annotated tag: its name, the commit it points to, tagger time and message. */
  public record TagInfo(String name, String commitId, java.time.Instant created, String tagger, String message) {}

  /**
   * Commits the project as {@code git add -u} plus {@code extraPaths} would stage it, with {@code parent} as the
   * only parent, and returns the commit's id. The tree starts from the index: each tracked file takes its work tree
   * content (deleted files drop out), then each existing file among {@code extraPaths} (repo-relative) is added
   * even if untracked. Neither HEAD, a branch, nor the index is changed; no hooks run.
   */
  public String commitSnapshot(String parent, Collection<String> extraPaths, String message) {
    Path root = git.workTree();
    try (ObjectInserter ins = repo.newObjectInserter()) {
      DirCache index = repo.readDirCache();
      long indexTime = Files.exists(repo.getIndexFile().toPath())
          ? Files.getLastModifiedTime(repo.getIndexFile().toPath()).toMillis() : 0;
      Set<String> extras = new TreeSet<>(extraPaths);
      DirCache out = DirCache.newInCore();
      DirCacheBuilder builder = out.builder();
      for (int i = 0; i < index.getEntryCount(); i++) {
        DirCacheEntry e = index.getEntry(i);
        String path = e.getPathString();
        if (e.getStage() != DirCacheEntry.STAGE_0 || extras.contains(path)) {
          continue;
        }
        if (e.getFileMode() == FileMode.GITLINK) {
          builder.add(e);
          continue;
        }
        Path file = root.resolve(path);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        if (unchanged(e, file, indexTime)) {
          builder.add(e);
        } else {
          builder.add(entryFor(ins, path, file));
        }
      }
      for (String path : extras) {
        Path file = root.resolve(path);
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(file)) {
          builder.add(entryFor(ins, path, file));
        }
      }
      builder.finish();
      ObjectId tree = out.writeTree(ins);
      CommitBuilder commit = new CommitBuilder();
      PersonIdent me = new PersonIdent(repo);
      commit.setAuthor(me);
      commit.setCommitter(me);
      commit.setTreeId(tree);
      commit.setParentId(ObjectId.fromString(git.resolve(parent)));
      commit.setMessage(message);
      ObjectId id = ins.insert(commit);
      ins.flush();
      return id.name();
    } catch (IOException e) {
      throw new JdvcException("cannot write the experiment commit: " + e.getMessage(),
          "check that the Git repository is writable ('git status' should work)", e);
    }
  }

  private static boolean unchanged(DirCacheEntry e, Path file, long indexTime) throws IOException {
    if (Files.isSymbolicLink(file)) {
      return false;
    }
    FileTime mtime = Files.getLastModifiedTime(file);
    // A file modified in the same moment the index was written may differ with equal stat data ("racy git").
    return e.getLength() == Files.size(file) && e.getLastModifiedInstant().toEpochMilli() == mtime.toMillis()
        && mtime.toMillis() < indexTime && (e.getFileMode() == FileMode.EXECUTABLE_FILE) == Files.isExecutable(file);
  }

  private static DirCacheEntry entryFor(ObjectInserter ins, String path, Path file) throws IOException {
    DirCacheEntry e = new DirCacheEntry(path);
    if (Files.isSymbolicLink(file)) {
      e.setFileMode(FileMode.SYMLINK);
      e.setObjectId(ins.insert(Constants.OBJ_BLOB, Constants.encode(Files.readSymbolicLink(file).toString())));
      return e;
    }
    e.setFileMode(Files.isExecutable(file) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE);
    byte[] bytes = Files.readAllBytes(file);
    e.setObjectId(ins.insert(Constants.OBJ_BLOB, bytes));
    e.setLength(bytes.length);
    return e;
  }

  /** The commit a ref names, if the ref exists. */
  public Optional<String> refValue(String name) {
    try {
      Ref ref = repo.exactRef(name);
      return ref == null || ref.getObjectId() == null ? Optional.empty() : Optional.of(ref.getObjectId().name());
    } catch (IOException e) {
      throw failure("read ref " + name, e);
    }
  }

  /** Refs whose full name starts with {@code prefix} (loose and packed), by name. */
  public List<RefTip> refsUnder(String prefix) {
    try (RevWalk walk = new RevWalk(repo)) {
      List<RefTip> out = new ArrayList<>();
      for (Ref ref : repo.getRefDatabase().getRefsByPrefix(prefix)) {
        if (ref.isSymbolic() || ref.getObjectId() == null) {
          continue;
        }
        RevObject obj = walk.parseAny(ref.getObjectId());
        String tagObject = null;
        if (obj instanceof RevTag) {
          tagObject = obj.name();
        }
        RevObject peeled = walk.peel(obj);
        if (peeled instanceof RevCommit c) {
          out.add(new RefTip(ref.getName(), c.name(), tagObject));
        }
      }
      out.sort((a, b) -> a.name().compareTo(b.name()));
      return out;
    } catch (IOException e) {
      throw failure("list refs under " + prefix, e);
    }
  }

  /** Points {@code name} at {@code commitId}, creating or overwriting it, with a reflog line. */
  public void setRef(String name, String commitId, String reflogMessage) {
    try {
      RefUpdate u = repo.updateRef(name);
      u.setNewObjectId(ObjectId.fromString(commitId));
      u.setForceUpdate(true);
      u.setRefLogMessage(reflogMessage, false);
      RefUpdate.Result r = u.update();
      if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FORCED && r != RefUpdate.Result.NO_CHANGE
          && r != RefUpdate.Result.FAST_FORWARD) {
        throw new JdvcException("cannot set " + name + ": " + r, "check that no other Git command holds the ref");
      }
    } catch (IOException e) {
      throw failure("set " + name, e);
    }
  }

  /** Deletes a ref (loose or packed); false if it did not exist. */
  public boolean deleteRef(String name) {
    try {
      if (repo.exactRef(name) == null) {
        return false;
      }
      RefUpdate u = repo.updateRef(name);
      u.setForceUpdate(true);
      RefUpdate.Result r = u.delete();
      if (r != RefUpdate.Result.FORCED && r != RefUpdate.Result.NO_CHANGE) {
        throw new JdvcException("cannot delete " + name + ": " + r, "check that no other Git command holds the ref");
      }
      return true;
    } catch (IOException e) {
      throw failure("delete " + name, e);
    }
  }

  /** The commit's parents (40-hex), first parent first. */
  public List<String> parents(String commitId) {
    RevCommit c = git.parseCommit(commitId);
    List<String> out = new ArrayList<>();
    for (RevCommit p : c.getParents()) {
      out.add(p.name());
    }
    return out;
  }

  /** Whether two commits record the same tree (the same files, byte for byte). */
  public boolean sameTree(String commitA, String commitB) {
    return git.parseCommit(commitA).getTree().equals(git.parseCommit(commitB).getTree());
  }

  /** The commit as a {@link RevisionRef}, unnamed. */
  public RevisionRef commit(String rev) {
    return RevisionRef.of(git.parseCommit(rev), null);
  }

  /** Whether this repository has the object (a commit fetched or made here). */
  public boolean hasObject(String id) {
    try {
      return repo.getObjectDatabase().has(ObjectId.fromString(id));
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether {@code ancestor} is reachable from {@code descendant} (a commit is its own ancestor). */
  public boolean isAncestor(String ancestor, String descendant) {
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.isMergedInto(walk.parseCommit(ObjectId.fromString(ancestor)),
          walk.parseCommit(ObjectId.fromString(descendant)));
    } catch (IOException e) {
      throw failure("compare commits", e);
    }
  }

  /** Creates an annotated tag at {@code commitId}; fails if a tag of that name exists. */
  public void createAnnotatedTag(String name, String commitId, String message) {
    String refName = Constants.R_TAGS + name;
    if (refValue(refName).isPresent()) {
      throw new JdvcException("tag '" + name + "' already exists", "choose another version or stage");
    }
    try (ObjectInserter ins = repo.newObjectInserter()) {
      TagBuilder tag = new TagBuilder();
      tag.setTag(name);
      tag.setObjectId(ObjectId.fromString(commitId), Constants.OBJ_COMMIT);
      tag.setTagger(new PersonIdent(repo));
      tag.setMessage(message);
      ObjectId id = ins.insert(tag);
      ins.flush();
      RefUpdate u = repo.updateRef(refName);
      u.setNewObjectId(id);
      u.setExpectedOldObjectId(ObjectId.zeroId());
      RefUpdate.Result r = u.update();
      if (r != RefUpdate.Result.NEW) {
        throw new JdvcException("cannot create tag '" + name + "': " + r, null);
      }
    } catch (IOException e) {
      throw failure("create tag " + name, e);
    }
  }

  /** Every annotated tag (lightweight tags have no time or message and are left out), by name. */
  public List<TagInfo> annotatedTags() {
    List<TagInfo> out = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
        RevObject obj = walk.parseAny(ref.getObjectId());
        if (!(obj instanceof RevTag tag)) {
          continue;
        }
        RevObject target = walk.peel(tag);
        if (!(target instanceof RevCommit c)) {
          continue;
        }
        PersonIdent who = tag.getTaggerIdent();
        out.add(new TagInfo(ref.getName().substring(Constants.R_TAGS.length()), c.name(),
            who == null ? java.time.Instant.EPOCH : who.getWhenAsInstant(),
            who == null ? "" : who.getName(), tag.getFullMessage()));
      }
    } catch (IOException e) {
      throw failure("list tags", e);
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  /** Creates {@code refs/heads/<branch>} at {@code commitId}; fails if it exists. Does not check it out. */
  public void createBranch(String branch, String commitId, String reflogMessage) {
    String refName = Constants.R_HEADS + branch;
    if (!Repository.isValidRefName(refName)) {
      throw new JdvcException("'" + branch + "' is not a valid branch name", "choose another name");
    }
    if (refValue(refName).isPresent()) {
      throw new JdvcException("branch '" + branch + "' already exists", "choose another branch name");
    }
    setRef(refName, commitId, reflogMessage);
  }

  /**
   * Clones this repository into {@code dir} (objects copied, no remote-tracking work) and checks out
   * {@code commit} detached there: the private work tree of one queued experiment.
   */
  public void cloneAt(Path dir, String commit) {
    try (Git clone = Git.cloneRepository().setURI(repo.getDirectory().toURI().toString())
        .setDirectory(dir.toFile()).setNoCheckout(true).call()) {
      // HEAD detached at the commit, then index and files from it: a checkout from the clone's branch would see
      // every file that differs from the commit as a conflict, since a clone without checkout has no index
      RefUpdate head = clone.getRepository().updateRef(Constants.HEAD, true);
      head.setNewObjectId(ObjectId.fromString(commit));
      head.forceUpdate();
      clone.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(commit).call();
    } catch (IOException | GitAPIException | JGitInternalException e) {
      throw new JdvcException("cannot make a private copy of the repository in " + dir + ": " + e.getMessage(),
          "check the free disk space and that " + dir.getParent() + " is writable", e);
    }
  }

  /** Whether the full ref name is one Git accepts. */
  public static boolean isValidRefName(String refName) {
    return Repository.isValidRefName(refName);
  }

  /** How pushing or fetching one ref went, in DVC's words: success, up_to_date, diverged, rejected. */
  public enum SyncStatus { SUCCESS, UP_TO_DATE, DIVERGED, REJECTED }

  /**
   * Pushes each ref to the same name on {@code remote} (a configured name or a URL), with the commits it needs.
   * Without {@code force}, a remote ref that is not an ancestor of ours is left alone and reported diverged.
   */
  public Map<String, SyncStatus> push(String remote, Collection<String> refs, boolean force) {
    Map<String, SyncStatus> out = new LinkedHashMap<>();
    if (refs.isEmpty()) {
      return out;
    }
    List<RefSpec> specs = new ArrayList<>();
    for (String r : refs) {
      specs.add(new RefSpec((force ? "+" : "") + r + ":" + r));
    }
    try (Git g = Git.wrap(repo)) {
      for (PushResult result : g.push().setRemote(remote).setRefSpecs(specs).call()) {
        for (RemoteRefUpdate u : result.getRemoteUpdates()) {
          out.put(u.getRemoteName(), statusOf(u));
        }
      }
    } catch (GitAPIException | JGitInternalException e) {
      throw remoteFailure("push to", remote, e);
    }
    return out;
  }

  /** Deletes refs on the remote ({@code :ref} refspecs); returns those it deleted. */
  public List<String> deleteRemote(String remote, Collection<String> refs) {
    List<RefSpec> specs = refs.stream().map(r -> new RefSpec(":" + r)).toList();
    List<String> out = new ArrayList<>();
    try (Git g = Git.wrap(repo)) {
      for (PushResult result : g.push().setRemote(remote).setRefSpecs(specs).call()) {
        for (RemoteRefUpdate u : result.getRemoteUpdates()) {
          if (u.getStatus() == RemoteRefUpdate.Status.OK) {
            out.add(u.getRemoteName());
          }
        }
      }
    } catch (GitAPIException | JGitInternalException e) {
      throw remoteFailure("push to", remote, e);
    }
    return out;
  }

  /**
   * Renames a ref on the remote: {@code to} is created at {@code from}'s commit, then {@code from} is deleted
   * (two pushes, so a refused creation deletes nothing). The commit is fetched first if this repository lacks it.
   * Returns how the creation went; the deletion is done only after a success.
   */
  public SyncStatus moveRemote(String remote, String from, String commitId, String to, boolean force) {
    String borrowed = "refs/jdvc/tmp/move-" + ProcessHandle.current().pid();
    try (Git g = Git.wrap(repo)) {
      if (!hasObject(commitId)) {
        g.fetch().setRemote(remote).setRefSpecs(new RefSpec("+" + from + ":" + borrowed)).call();
      }
      SyncStatus created = SyncStatus.REJECTED;
      RefSpec spec = new RefSpec(commitId + ":" + to).setForceUpdate(force);
      for (PushResult result : g.push().setRemote(remote).setRefSpecs(spec).call()) {
        for (RemoteRefUpdate u : result.getRemoteUpdates()) {
          created = statusOf(u);
        }
      }
      if (created == SyncStatus.SUCCESS || created == SyncStatus.UP_TO_DATE) {
        deleteRemote(remote, List.of(from));
      }
      return created;
    } catch (GitAPIException | JGitInternalException e) {
      throw remoteFailure("push to", remote, e);
    } finally {
      deleteRef(borrowed);
    }
  }

  private static SyncStatus statusOf(RemoteRefUpdate u) {
    return switch (u.getStatus()) {
      case OK -> SyncStatus.SUCCESS;
      case UP_TO_DATE -> SyncStatus.UP_TO_DATE;
      case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> SyncStatus.DIVERGED;
      default -> SyncStatus.REJECTED;
    };
  }

  /** Fetches each ref into the same local name; diverged local refs stay unless {@code force}. */
  public Map<String, SyncStatus> fetch(String remote, Collection<String> refs, boolean force) {
    Map<String, SyncStatus> out = new LinkedHashMap<>();
    if (refs.isEmpty()) {
      return out;
    }
    List<RefSpec> specs = new ArrayList<>();
    for (String r : refs) {
      specs.add(new RefSpec((force ? "+" : "") + r + ":" + r));
      out.put(r, SyncStatus.UP_TO_DATE);
    }
    try (Git g = Git.wrap(repo)) {
      FetchResult result = g.fetch().setRemote(remote).setRefSpecs(specs).call();
      for (TrackingRefUpdate u : result.getTrackingRefUpdates()) {
        out.put(u.getLocalName(), switch (u.getResult()) {
          case NEW, FORCED, FAST_FORWARD -> SyncStatus.SUCCESS;
          case NO_CHANGE -> SyncStatus.UP_TO_DATE;
          case REJECTED -> SyncStatus.DIVERGED;
          default -> SyncStatus.REJECTED;
        });
      }
    } catch (GitAPIException | JGitInternalException e) {
      throw remoteFailure("fetch from", remote, e);
    }
    return out;
  }

  /** The refs a remote advertises under {@code prefix} (ls-remote), name → commit id. */
  public Map<String, String> remoteRefs(String remote, String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    try (Git g = Git.wrap(repo)) {
      for (Ref ref : g.lsRemote().setRemote(remote).call()) {
        if (ref.getName().startsWith(prefix) && ref.getObjectId() != null) {
          out.put(ref.getName(), ref.getObjectId().name());
        }
      }
    } catch (GitAPIException | JGitInternalException e) {
      throw remoteFailure("list refs of", remote, e);
    }
    return out;
  }

  private static JdvcException remoteFailure(String verb, String remote, Exception e) {
    return new JdvcException("cannot " + verb + " Git remote '" + remote + "': " + e.getMessage(),
        "check the remote's name or URL ('git remote -v') and that you may write to it", e);
  }

  private static JdvcException failure(String what, IOException e) {
    return new JdvcException("cannot " + what + ": " + e.getMessage(), "check the repository with 'git fsck'", e);
  }
}
