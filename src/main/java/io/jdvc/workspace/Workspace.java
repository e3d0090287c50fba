package io.jdvc.workspace;

import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.cache.LinkType;
import io.jdvc.cache.LocalCache;
import io.jdvc.hash.StateCache;
import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifest;
import io.jdvc.manifest.DirManifestCodec;
import io.jdvc.object.Oid;
import io.jdvc.object.OidSet;
import io.jdvc.pointer.DvcFile;
import io.jdvc.pointer.DvcFileCodec;
import io.jdvc.pointer.Output;
import io.jdvc.repo.RepoLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The working tree as DVC sees it: tracked outputs found through their {@code .dvc} files, their current content
 * (hashed through the {@link StateCache} so unchanged files are never read), their status against the pointers,
 * and checkout from the cache. Never prints; callers own the repository lock.
 */
public final class Workspace {
  private static final DirManifestCodec MANIFESTS = new DirManifestCodec();
  private static final DvcFileCodec POINTERS = new DvcFileCodec();

  private final Path root;
  private Path realRoot;
  private final LocalCache cache;
  private final StateCache state;
  private final List<LinkType> linkTypes;
  private final int hashThreads;
  private final DvcIgnore ignore;
  private final DirectoryScanner scanner;
  private final ContentHasher hasher;
  private final Checkout checkout;
  private final OutputWalk walk;

  public Workspace(Path root, LocalCache cache, StateCache state, List<LinkType> linkTypes, int hashThreads) {
    this.root = root;
    this.cache = cache;
    this.state = state;
    this.linkTypes = linkTypes;
    this.hashThreads = hashThreads;
    this.ignore = new DvcIgnore(root);
    this.scanner = new DirectoryScanner(root, ignore, hashThreads);
    this.hasher = new ContentHasher(this, cache, state, scanner, hashThreads);
    this.checkout = new Checkout(this, hasher, cache, state, linkTypes, hashThreads, scanner);
    this.walk = new OutputWalk(this);
  }

  private Workspace(Workspace of, List<LinkType> linkTypes) {
    this.root = of.root;
    this.cache = of.cache;
    this.state = of.state;
    this.linkTypes = linkTypes;
    this.hashThreads = of.hashThreads;
    this.ignore = of.ignore;
    this.scanner = of.scanner;
    this.hasher = new ContentHasher(this, cache, state, scanner, hashThreads);
    this.checkout = new Checkout(this, hasher, cache, state, linkTypes, hashThreads, scanner);
    this.walk = new OutputWalk(this);
  }

  /**
   * This workspace with checkouts that make copies (a reflink where the file system can) whatever
   * {@code cache.type} says: for data that belongs to the workspace rather than the cache, such as a stage's
   * {@code cache: false} outputs restored from the run cache.
   */
  public Workspace copying() {
    return new Workspace(this, LinkType.DEFAULT);
  }

  public Path root() {
    return root;
  }

  public LocalCache cache() {
    return cache;
  }

  public DvcIgnore ignore() {
    return ignore;
  }

  /** Repository-relative path with '/' separators. */
  public String relative(Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }

  // ---------------------------------------------------------------------------------------------- collecting

  /**
   * Every output of every {@code .dvc} file in the work tree. The walk skips {@code .git}, {@code .dvc},
   * ignored paths, and the contents of tracked directories, so a million-file dataset costs nothing here.
   */
  public List<TrackedOutput> collect() throws IOException {
    return collect(lockFile -> {});
  }

  /**
   * As {@link #collect()}, handing every {@code dvc.lock} file the same walk meets to {@code lockFiles}, so that
   * stage outputs are found wherever a pipeline lives, committed or not (DVC's gc collects them so).
   */
  public List<TrackedOutput> collect(Consumer<Path> lockFiles) throws IOException {
    List<TrackedOutput> outputs = collect(dvcYaml -> List.of(), lockFiles);
    requireDisjoint(outputs);
    return outputs;
  }

  /**
   * Every output of every {@code .dvc} file, handing each {@code dvc.yaml} the walk meets to {@code pipelineFiles}
   * (which answers the outputs its stages declare, so that the walk skips their contents as it skips tracked
   * directories) and each {@code dvc.lock} to {@code lockFiles}. The caller merges the stage outputs and checks
   * the whole with {@link #requireDisjoint}.
   */
  public List<TrackedOutput> collect(PipelineFiles pipelineFiles, Consumer<Path> lockFiles) throws IOException {
    return walk.collect(pipelineFiles, lockFiles);
  }

  /** Told of each {@code dvc.yaml} the walk of {@link #collect(PipelineFiles, Consumer)} meets. */
  @FunctionalInterface
  public interface PipelineFiles {
    /** The absolute, normalized paths of the outputs the file's stages declare. */
    Collection<Path> found(Path dvcYaml) throws IOException;
  }

  /**
   * Refuses two pointers for one output, or an output inside another: checkout would flip between their versions
   * (or delete one's files as extras of the other). DVC refuses both when it loads the repository's index.
   */
  public void requireDisjoint(List<TrackedOutput> outputs) {
    Map<Path, TrackedOutput> byPath = new HashMap<>(outputs.size() * 2);
    for (TrackedOutput o : outputs) {
      TrackedOutput other = byPath.putIfAbsent(o.path(), o);
      if (other != null) {
        throw new JdvcException("output '" + o.repoPath() + "' is tracked twice, by " + other.owner() + " and "
            + o.owner(), "remove it from one of the two; DVC refuses this too");
      }
    }
    for (TrackedOutput o : outputs) {
      for (Path up = o.path().getParent(); up != null && !up.equals(root); up = up.getParent()) {
        TrackedOutput outer = byPath.get(up);
        if (outer != null) {
          throw new JdvcException("outputs overlap: '" + o.repoPath() + "' of " + o.owner() + " is inside '"
              + outer.repoPath() + "' of " + outer.owner(), "track either the directory or the files inside "
              + "it, not both: remove one of the two");
        }
      }
    }
  }

  /** The outputs one pointer file names, with paths checked to stay inside the repository. */
  public List<TrackedOutput> outputsOf(Path dvcFile) throws IOException {
    DvcFile pointer = POINTERS.read(dvcFile);
    List<TrackedOutput> result = new ArrayList<>();
    Path outputDir = pointer.outputDir(dvcFile.getParent());
    if (!outputDir.startsWith(root)) {
      throw new PathOutsideRepoException(relative(dvcFile) + ": wdir '" + pointer.wdir()
          + "' points outside the repository");
    }
    for (int i = 0; i < pointer.outs().size(); i++) {
      Output out = pointer.outs().get(i);
      Path path = outputDir.resolve(out.path()).normalize();
      // the walk reached the pointer's own directory without following symlinks: only deeper paths need resolving
      String problem = path.getParent() != null && path.getParent().equals(dvcFile.getParent())
          ? lexicalLocationProblem(path) : locationProblem(path);
      if (problem == null && dvcFile.startsWith(path)) {
        problem = "contains the .dvc file itself";
      }
      if (problem != null) {
        throw new PathOutsideRepoException(relative(dvcFile) + ": output path '" + out.path() + "' " + problem,
            "fix or delete " + relative(dvcFile) + "; DVC refuses such an output too");
      }
      result.add(new TrackedOutput(dvcFile, pointer, i, out, path, relative(path), relative(dvcFile), null));
    }
    return result;
  }

  /**
   * Why {@code path} (absolute, normalized) cannot be an output, or null: it is the repository root, outside the
   * work tree, inside {@code .git/} or {@code .dvc/}, or its existing parent directories lead out of the work tree
   * through a symlink. The phrase follows the path in a message: {@code 'x' is inside .git/, ...}.
   */
  public String locationProblem(Path path) throws IOException {
    String problem = lexicalLocationProblem(path);
    if (problem != null) {
      return problem;
    }
    Path existing = path.getParent();
    while (existing != null && !existing.equals(root) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing != null && !existing.toRealPath().startsWith(realRoot())) {
      return "is reached through a symlink that leads outside the repository";
    }
    return null;
  }

  private Path realRoot() throws IOException {
    if (realRoot == null) {
      realRoot = root.toRealPath();
    }
    return realRoot;
  }

  private String lexicalLocationProblem(Path path) {
    if (path.equals(root)) {
      return "is the repository root itself";
    }
    if (!path.startsWith(root)) {
      return "is outside the repository " + root;
    }
    String first = root.relativize(path).getName(0).toString();
    if (first.equals(RepoLayout.DVC_DIR)) {
      return "is inside .dvc/, which jdvc manages itself";
    }
    if (first.equals(".git")) {
      return "is inside .git/, which Git manages itself";
    }
    return null;
  }

  // ------------------------------------------------------------------------------------------------ hashing

  /** Whether {@code path} is a symlink into the cache, as checkout makes them with {@code cache.type = symlink}. */
  public boolean isCacheLink(Path path) throws IOException {
    return Files.isSymbolicLink(path) && Files.isDirectory(cache.root())
        && path.toRealPath().startsWith(cache.root().toRealPath());
  }

  /**
   * Hashes a file or directory as DVC would record it. With {@code store}, every object also lands in the cache
   * (hashed while copied, so each byte is read once); unchanged files known to the state cache are not read.
   */
  public Snapshot snapshot(Path path, boolean legacy, boolean store, ProgressListener progress) throws IOException {
    if (store && Files.isSymbolicLink(path) && !path.toRealPath().startsWith(realRoot()) && !isCacheLink(path)) {
      // jdvc's own symlink checkouts point into the cache; anything else would cache data from outside
      throw new PathOutsideRepoException("'" + relative(path) + "' is a symlink that leads outside the repository",
          "replace it with the file or directory itself, or restore it with 'jdvc checkout -f " + relative(path)
              + "'");
    }
    return hasher.snapshot(path, legacy, store, progress);
  }

  /**
   * The oid DVC would record for a file or directory, without reading a file or building a manifest when the
   * state cache already knows this exact listing (as a warm {@link #status} does): what a pipeline's status needs
   * for a dependency many stages share.
   */
  public Oid contentOid(Path path, boolean legacy) throws IOException {
    return hasher.contentOid(path, legacy);
  }

  /** The manifest of a directory object, read from the cache. */
  public DirManifest manifest(Oid dirOid) throws IOException {
    return MANIFESTS.decode(manifestBytes(dirOid), dirOid.legacy());
  }

  private byte[] manifestBytes(Oid dirOid) throws IOException {
    try {
      return Files.readAllBytes(cache.pathOf(dirOid));
    } catch (NoSuchFileException e) {
      throw new JdvcException("directory manifest " + dirOid + " is not in the cache", "run 'jdvc pull' or "
          + "'jdvc fetch' to download it from the remote", e);
    }
  }

  /**
   * The file oids the given directory objects in the cache list, streamed into one compact set: a question
   * about million-entry manifests that must not hold their entries (see {@link OidSet}).
   */
  public OidSet manifestOids(Collection<Oid> dirOids) throws IOException {
    OidSet oids = new OidSet();
    for (Oid d : dirOids) {
      MANIFESTS.forEachEntry(manifestBytes(d), d.legacy(), e -> oids.add(e.md5()));
    }
    return oids;
  }

  // ------------------------------------------------------------------------------------------------- status

  public OutputStatus status(TrackedOutput o) throws IOException {
    Output out = o.output();
    List<String> none = List.of();
    if (out.md5() == null) {
      return new OutputStatus(o, OutputState.NEW, none, none, none);
    }
    if (!Files.exists(o.path(), LinkOption.NOFOLLOW_LINKS)) {
      return new OutputStatus(o, OutputState.DELETED, none, none, none);
    }
    Oid recorded = out.md5();
    if (recorded.isDir() && Files.isDirectory(o.path())) {
      // a warm status of an unchanged directory: the walk alone proves it, through the recorded summary
      List<WorkspaceFile> files = scanner.scan(o.path());
      StateCache.DirSummary scanned = ContentHasher.summarize(files, recorded);
      if (state.dirSummary(o.repoPath() + "/").filter(scanned::equals).isPresent()) {
        boolean complete = !out.usesCache()
            || cache.contains(recorded) && (state.isKnownComplete(recorded) || isComplete(recorded));
        if (complete && out.usesCache()) {
          state.markComplete(recorded);
        }
        return new OutputStatus(o, complete ? OutputState.UNCHANGED : OutputState.NOT_IN_CACHE, none, none, none);
      }
      return compare(o, hasher.snapshotDirectory(o.path(), files, out.isLegacy(), false, ProgressListener.NONE));
    }
    return compare(o, snapshot(o.path(), out.isLegacy(), false, ProgressListener.NONE));
  }

  private OutputStatus compare(TrackedOutput o, Snapshot now) throws IOException {
    List<String> none = List.of();
    Oid recorded = o.output().md5();
    if (now.oid().equals(recorded)) {
      // equal oids mean equal manifests: check completeness against the one just built, not a re-read; an
      // uncached output (DVC's cache: false) is compared with the workspace only
      boolean complete = !o.output().usesCache() || cache.contains(recorded)
          && (!now.isDir() || state.isKnownComplete(recorded) || allCached(now.manifest()));
      if (complete && now.isDir() && o.output().usesCache()) {
        state.markComplete(recorded);
      }
      return new OutputStatus(o, complete ? OutputState.UNCHANGED : OutputState.NOT_IN_CACHE, none, none, none);
    }
    if (!recorded.isDir() || !now.isDir() || !cache.contains(recorded)) {
      return new OutputStatus(o, OutputState.MODIFIED, none, none, none);
    }
    List<String> added = new ArrayList<>();
    List<String> modified = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    Map<String, Oid> before = index(manifest(recorded));
    for (DirEntry e : now.manifest().entries()) {
      Oid old = before.remove(e.relpath());
      if (old == null) {
        added.add(e.relpath());
      } else if (!old.equals(e.md5())) {
        modified.add(e.relpath());
      }
    }
    deleted.addAll(before.keySet());
    Collections.sort(deleted);
    return new OutputStatus(o, OutputState.MODIFIED, added, modified, deleted);
  }

  /** Whether the object and, for a directory, every file it lists are in the cache. */
  public boolean isComplete(Oid oid) throws IOException {
    if (!cache.contains(oid)) {
      return false;
    }
    return !oid.isDir() || allCached(manifest(oid));
  }

  private boolean allCached(DirManifest m) {
    for (DirEntry e : m.entries()) {
      if (!cache.contains(e.md5())) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Oid> index(DirManifest m) {
    Map<String, Oid> map = new HashMap<>(m.entries().size() * 2);
    for (DirEntry e : m.entries()) {
      map.put(e.relpath(), e.md5());
    }
    return map;
  }

  // ----------------------------------------------------------------------------------------------- checkout

  /**
   * Deletes the temp files of jdvc's own that a killed checkout or pull left beside file outputs (those inside
   * tracked directories are found by the checkout's scan). Each parent directory is listed once; a directory
   * below a symlink is not touched. Call it holding the repository lock, so that no live run owns them.
   *
   * @return how many were deleted
   */
  public int removeStaleTempsBeside(List<TrackedOutput> outputs) throws IOException {
    Set<Path> parents = new java.util.LinkedHashSet<>();
    for (TrackedOutput o : outputs) {
      if (!o.output().isDir() && o.path().getParent() != null && linkedAncestor(o.path()).isEmpty()) {
        parents.add(o.path().getParent());
      }
    }
    int removed = 0;
    for (Path dir : parents) {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> DirectoryScanner.isOwnTemp(
          p.getFileName().toString()))) {
        for (Path temp : ds) {
          if (Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(temp)) {
            removed++;
          }
        }
      }
    }
    return removed;
  }

  /**
   * The first symlink among the directories that lead from the repository root to {@code path} (exclusive),
   * if any: checkout and pull never write through one, as that would write outside the work tree.
   */
  public Optional<Path> linkedAncestor(Path path) {
    Path rel = root.relativize(path);
    for (int i = 1; i < rel.getNameCount(); i++) {
      Path dir = root.resolve(rel.subpath(0, i));
      if (Files.isSymbolicLink(dir)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  // ----------------------------------------------------------------------------------------------- checkout

  /**
   * Makes the workspace match the output's pointer. Plans first and changes nothing when any file it would
   * overwrite or delete holds data that is not in the cache (unless {@code force}); objects missing from the
   * cache are reported, and everything else is still checked out.
   */
  public CheckoutReport checkout(TrackedOutput o, boolean force, ProgressListener progress) throws IOException {
    return checkout.checkout(o, force, p -> true, progress);
  }

  /**
   * Checks out only the files of the output whose repository paths pass {@code filter} (a partial pull; a file
   * output is itself such a file); files outside the filter are neither written nor deleted. Call it holding the
   * repository lock: temp files of jdvc's own found in the directory are then known to be left by a killed
   * process, and are deleted.
   */
  public CheckoutReport checkout(TrackedOutput o, boolean force, Predicate<String> filter, ProgressListener progress)
      throws IOException {
    return checkout.checkout(o, force, filter, progress);
  }

  /**
   * Whether checkout makes copies (the configured link types come down to copy on this file system), so that
   * a download may write the workspace file itself instead of leaving a copy to the checkout.
   */
  public boolean checkoutCopies() {
    return checkout.checkoutCopies();
  }

  /**
   * Records that {@code target}, the file of output {@code o} at repository path {@code repoPath}, was just
   * written with object {@code oid} by someone else (a download), so checkout and status trust it unread.
   */
  public void recordWritten(TrackedOutput o, String repoPath, Path target, Oid oid) throws IOException {
    checkout.recordWritten(o, repoPath, target, oid);
  }

  /**
   * After add or commit, replaces workspace files by links into the cache when {@code cache.type} asks for
   * hardlinks or symlinks first (saving the space of a second copy).
   */
  public void relink(Path path, Snapshot snap) throws IOException {
    checkout.relink(path, snap);
  }

  /**
   * Before the output stops being tracked: every file of it that is a link into the cache becomes an
   * independent copy, so that gc cannot take the data with the objects.
   */
  public void unprotect(TrackedOutput o) throws IOException {
    checkout.unprotect(o);
  }



  /** After objects were deleted from the cache (gc): directories must be checked for completeness again. */
  public void cacheObjectsDeleted() {
    state.forgetCompleteDirs();
  }

  /**
   * Saves what was learned about file hashes. The state is only an optimisation: a read-only repository or a
   * full disk must not fail a command that has done its work, so a failure here costs re-hashing next time.
   */
  public void saveState() {
    try {
      state.save();
    } catch (IOException e) {
      // next time the files are hashed again
    }
  }
}
