package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.cache.LocalCache;
import io.jdvc.concurrent.BoundedExecutor;
import io.jdvc.git.GitRepo;
import io.jdvc.git.RevisionRef;
import io.jdvc.history.ManifestStore;
import io.jdvc.history.RecordedOutput;
import io.jdvc.history.ReferencedObjects;
import io.jdvc.history.RevisionScanner;
import io.jdvc.history.RevisionScope;
import io.jdvc.object.Oid;
import io.jdvc.remote.Remote;
import io.jdvc.transfer.RemoteActivity;
import io.jdvc.repo.RepoLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code jdvc gc}: deletes cached (and with {@link #cloud}, remote) objects that neither the workspace nor any
 * revision in scope references. Plans first and asks the caller's confirmation with the plan before deleting
 * anything; the repository lock is held from planning to the last deletion, so no add can slip in between.
 *
 * <p>Never guesses: if the manifest of a directory in scope is in neither the cache nor a remote, its files
 * cannot be told from garbage and gc refuses. {@code .dir} objects are deleted before files, as DVC does, so an
 * interrupted gc never leaves a manifest whose files are gone (DVC would take such a {@code .dir} as complete).
 */
public final class GcOperation {
  private static final Comparator<Oid> DIRS_FIRST = Comparator.comparing((Oid o) -> !o.isDir())
      .thenComparing(Comparator.naturalOrder());

  private final Jdvc jdvc;
  private boolean allBranches;
  private boolean allTags;
  private boolean allCommits;
  private List<String> revs = List.of();
  private int num = 1;
  /**
   * Temp files in a remote older than this belong to no live push (a remote directory is shared, so younger ones
   * may be another user's upload in progress).
   */
  static final java.time.Duration STALE_REMOTE_TEMP_AGE = java.time.Duration.ofHours(24);

  private boolean cloud;
  private String remoteName;
  private boolean dryRun;
  private List<Path> projects = List.of();
  private boolean noOtherProjects;

  GcOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public GcOperation allBranches(boolean value) {
    this.allBranches = value;
    return this;
  }

  public GcOperation allTags(boolean value) {
    this.allTags = value;
    return this;
  }

  public GcOperation allCommits(boolean value) {
    this.allCommits = value;
    return this;
  }

  /** DVC's {@code --rev}: these revisions and, with {@link #num}, their first-parent ancestors. */
  public GcOperation revs(List<String> value) {
    this.revs = List.copyOf(value);
    return this;
  }

  public GcOperation num(int value) {
    this.num = value;
    return this;
  }

  /** Also delete unreferenced objects from the remote. */
  public GcOperation cloud(boolean value) {
    this.cloud = value;
    return this;
  }

  /** The remote for {@link #cloud} and for fetching missing manifests; null for {@code core.remote}. */
  public GcOperation remote(String value) {
    this.remoteName = value;
    return this;
  }

  public GcOperation dryRun(boolean value) {
    this.dryRun = value;
    return this;
  }

  /**
   * DVC's {@code -p}: other projects (directories, resolved against the working directory) whose used objects,
   * in the same scope, are kept as well, in the cache and on the remote. Each must be a DVC repository.
   */
  public GcOperation projects(List<Path> value) {
    this.projects = List.copyOf(value);
    return this;
  }

  /**
   * The caller knows no other project uses this repository's cache: lets gc run on a cache outside the repository
   * without {@link #projects}. Without it (or projects) gc refuses a cache outside the repository.
   */
  public GcOperation noOtherProjects(boolean value) {
    this.noOtherProjects = value;
    return this;
  }

  /**
   * Plans, then (unless a dry run or nothing to do) asks {@code confirm} and deletes only if it says yes.
   *
   * @param confirm sees the full plan; return true to delete
   */
  @SuppressWarnings("try") // the lock is held, not used
  public GcResult call(Predicate<GcPlan> confirm) throws IOException {
    RevisionScope scope = new RevisionScope(allBranches, allTags, allCommits, revs, num);
    requireKnownUsers();
    try (RepoLock lock = jdvc.lock(); OtherProjects others = openProjects(); Remote remote = openRemote();
        RemoteActivity activity = cloud && !dryRun ? RemoteActivity.begin(remote, RemoteActivity.Kind.GC) : null) {
      if (activity != null) {
        activity.refuseWhile(RemoteActivity.Kind.PUSH, "gc -c now could delete objects it uploads for a commit "
            + "this clone has not seen", "run gc -c when no push is running; nothing was removed");
      }
      GcPlan plan = plan(scope, remote, others.repos);
      boolean go = !dryRun && (plan.isEmpty() || confirm.test(plan));
      int staleTemps = cloud && go ? remote.deleteStaleTemps(STALE_REMOTE_TEMP_AGE) : 0;
      if (!go || plan.isEmpty()) {
        return new GcResult(plan, dryRun, false, 0, 0, staleTemps);
      }
      LocalCache cache = jdvc.cache();
      int local = 0;
      if (!plan.local().isEmpty()) {
        jdvc.workspace().cacheObjectsDeleted();
        jdvc.workspace().saveState();
      }
      for (Oid oid : plan.local()) {
        cache.delete(oid);
        local++;
      }
      int deletedRemote = 0;
      if (cloud && !plan.remote().isEmpty()) {
        activity.recordGc(); // first: a gc killed while deleting must still void other clones' indexes
        deletedRemote = deleteRemote(remote, plan.remote());
      }
      return new GcResult(plan, false, true, local, deletedRemote, staleTemps);
    }
  }

  /** A cache outside the repository may be shared (DVC's shared-cache setup): whose data is in it is unknown. */
  private void requireKnownUsers() {
    Path cacheDir = Jdvc.realPath(jdvc.cache().root());
    if (projects.isEmpty() && !noOtherProjects && !cacheDir.startsWith(jdvc.root())) {
      throw new JdvcException("the cache " + cacheDir + " is outside this repository, so other projects may use it"
          + " too: gc would delete the data that only they reference",
          "name every other project that uses this cache with -p DIR... (their data is kept), or pass"
              + " --no-other-projects if none does; nothing was removed");
    }
  }

  /** The other projects ({@code -p}), opened and locked, this repository and duplicates left out. */
  private OtherProjects openProjects() {
    OtherProjects others = new OtherProjects();
    try {
      Set<Path> roots = new HashSet<>(Set.of(jdvc.root()));
      for (Path p : projects) {
        Path dir = jdvc.resolve(p);
        if (!Files.isDirectory(dir)) {
          throw new JdvcException("-p " + dir + ": no such directory",
              "name the root of each project to keep; nothing was removed");
        }
        Jdvc other;
        try {
          other = Jdvc.open(dir);
        } catch (io.jdvc.repo.NotADvcRepoException e) {
          throw new JdvcException("-p " + dir + ": not a DVC repository (no .dvc directory in it or its parents)",
              "name the root of each project to keep; nothing was removed");
        }
        if (!roots.add(other.root())) {
          other.close();
          continue;
        }
        others.repos.add(other);
        others.locks.add(other.lock());
      }
      return others;
    } catch (RuntimeException e) {
      others.close();
      throw e;
    }
  }

  /** Other projects opened for {@code -p}, with their locks held until gc is done. */
  private static final class OtherProjects implements AutoCloseable {
    final List<Jdvc> repos = new ArrayList<>();
    final List<RepoLock> locks = new ArrayList<>();

    @Override
    public void close() {
      locks.forEach(RepoLock::close);
      repos.forEach(Jdvc::close);
    }
  }

  private Remote openRemote() {
    if (cloud || remoteName != null) {
      return jdvc.openRemote(remoteName);
    }
    return jdvc.openDefaultRemote().orElse(null);
  }

  private GcPlan plan(RevisionScope scope, Remote remote, List<Jdvc> others) throws IOException {
    GitRepo git = scope.isEmpty() ? jdvc.git().orElse(null) : jdvc.requireGit("gc");
    List<RevisionRef> inScope = git == null || scope.isEmpty() ? List.of() : scope.resolve(git);
    ManifestStore manifests = new ManifestStore(jdvc.cache(), remote == null ? List.of() : List.of(remote),
        jdvc::notice);
    RevisionScanner scanner = git == null ? null : new RevisionScanner(git);
    Set<Oid> keep = new HashSet<>(used(jdvc, inScope, manifests, remote));
    List<Path> considered = new ArrayList<>(List.of(jdvc.root()));
    for (Jdvc other : others) {
      GitRepo otherGit = scope.isEmpty() ? null : other.requireGit("gc");
      List<RevisionRef> otherScope = otherGit == null ? List.of() : scope.resolve(otherGit);
      keep.addAll(used(other, otherScope,
          new ManifestStore(other.cache(), remote == null ? List.of() : List.of(remote)), remote));
      considered.add(other.root());
    }
    LocalCache cache = jdvc.cache();
    List<Oid> local = new ArrayList<>();
    cache.list(oid -> {
      if (!keep.contains(oid)) {
        local.add(oid);
      }
    });
    local.sort(DIRS_FIRST);
    long localBytes = 0;
    for (Oid oid : local) {
      localBytes += cache.size(oid);
    }
    List<Oid> remoteGarbage = new ArrayList<>();
    long remoteBytes = 0;
    if (cloud) {
      remote.list(oid -> {
        if (!keep.contains(oid)) {
          remoteGarbage.add(oid);
        }
      });
      remoteGarbage.sort(DIRS_FIRST);
      remoteBytes = remoteSize(remote, remoteGarbage);
    }
    List<RevisionRef> incompleteLocal = new ArrayList<>();
    List<RevisionRef> incompleteRemote = new ArrayList<>();
    if (git != null) {
      Set<String> scopeIds = inScope.stream().map(RevisionRef::commitId).collect(Collectors.toSet());
      Set<Oid> localGone = new HashSet<>(local);
      Set<Oid> remoteGone = new HashSet<>(remoteGarbage);
      List<RevisionRef> refs = new ArrayList<>(git.branches());
      refs.addAll(git.tags());
      for (RevisionRef ref : refs) {
        if (scopeIds.contains(ref.commitId()) || localGone.isEmpty() && remoteGone.isEmpty()) {
          continue;
        }
        Set<Oid> refObjects = new ReferencedObjects(manifests).addAll(scanner.outputsAt(ref.commitId())).oids();
        if (!Collections.disjoint(refObjects, localGone)) {
          incompleteLocal.add(ref);
        }
        if (!Collections.disjoint(refObjects, remoteGone)) {
          incompleteRemote.add(ref);
        }
      }
    }
    return new GcPlan(inScope, keep.size(), local, localBytes, remoteGarbage, remoteBytes,
        cloud ? remote.name() : null, incompleteLocal, incompleteRemote, considered);
  }

  /** What {@code project}'s workspace and its commits {@code inScope} reference; refuses what it cannot expand. */
  private Set<Oid> used(Jdvc project, List<RevisionRef> inScope, ManifestStore manifests, Remote remote)
      throws IOException {
    ReferencedObjects used = new ReferencedObjects(manifests).addAll(WorkspaceOutputs.collect(project));
    if (!inScope.isEmpty()) {
      RevisionScanner scanner = new RevisionScanner(project.git().orElseThrow());
      for (RevisionRef r : inScope) {
        used.addAll(scanner.outputsAt(r.commitId()));
      }
    }
    if (!used.unexpanded().isEmpty()) {
      RecordedOutput o = used.unexpanded().get(0);
      String where = project == jdvc ? "" : " in project " + project.root();
      throw new JdvcException("cannot tell which files of '" + o.path() + "' (" + o.pointerPath() + where
          + ") are in use: its manifest " + o.oid() + " is in neither the cache nor "
          + (remote == null ? "a remote (none is configured)" : "remote '" + remote.name() + "'")
          + (used.unexpanded().size() > 1 ? ", and " + (used.unexpanded().size() - 1) + " more like it" : ""),
          "fetch the data ('jdvc fetch'" + (where.isEmpty() ? "" : " in that project") + "), configure the remote"
              + " that has it, or narrow the scope; gc deletes nothing it cannot prove unused");
    }
    return used.oids();
  }

  private static long remoteSize(Remote remote, List<Oid> oids) {
    AtomicLong total = new AtomicLong();
    BoundedExecutor.forEach(oids, Math.max(1, remote.defaultJobs()), oid -> {
      Optional<io.jdvc.object.ObjectInfo> info = remote.stat(oid);
      info.ifPresent(i -> total.addAndGet(i.size()));
    });
    return total.get();
  }

  private int deleteRemote(Remote remote, List<Oid> oids) throws IOException {
    // Manifests first, all of them, before any file: a .dir on the remote is taken as "all its files are there".
    List<Oid> dirs = oids.stream().filter(Oid::isDir).toList();
    List<Oid> files = oids.stream().filter(o -> !o.isDir()).toList();
    int threads = Math.max(1, remote.defaultJobs());
    BoundedExecutor.forEach(dirs, threads, remote::delete);
    BoundedExecutor.forEach(files, threads, remote::delete);
    // The remote index (if push keeps one) may now claim objects that are gone; DVC clears it too.
    Path index = jdvc.layout().remoteIndexDir();
    if (Files.isDirectory(index)) {
      try (var walk = Files.walk(index)) {
        for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      }
    }
    return oids.size();
  }
}
