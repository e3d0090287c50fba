package io.jdvc.workspace;

import io.jdvc.FileTrees;
import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.cache.LinkType;
import io.jdvc.cache.LocalCache;
import io.jdvc.concurrent.BoundedExecutor;
import io.jdvc.hash.FileStamp;
import io.jdvc.hash.StateCache;
import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifest;
import io.jdvc.object.Oid;
import io.jdvc.pointer.Output;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Writing outputs out of the cache into the work tree, and back: checkout (planned first, so that nothing is
 * overwritten that the cache cannot give back), the links {@code cache.type} asks for after add, and unprotecting
 * before an output stops being tracked. Every file written is recorded in the state cache, so the next status
 * trusts it unread.
 */
final class Checkout {
  private final Workspace workspace;
  private final ContentHasher hasher;
  private final LocalCache cache;
  private final StateCache state;
  private final List<LinkType> linkTypes;
  private final int hashThreads;
  private final DirectoryScanner scanner;

  Checkout(Workspace workspace, ContentHasher hasher, LocalCache cache, StateCache state, List<LinkType> linkTypes,
      int hashThreads, DirectoryScanner scanner) {
    this.workspace = workspace;
    this.hasher = hasher;
    this.cache = cache;
    this.state = state;
    this.linkTypes = linkTypes;
    this.hashThreads = hashThreads;
    this.scanner = scanner;
  }

  /**
   * Makes the workspace match the output's pointer. Plans first and changes nothing when any file it would
   * overwrite or delete holds data that is not in the cache (unless {@code force}); objects missing from the
   * cache are reported, and everything else is still checked out.
   */
  CheckoutReport checkout(TrackedOutput o, boolean force, ProgressListener progress) throws IOException {
    return checkout(o, force, p -> true, progress);
  }

  /**
   * Checks out only the files of the output whose repository paths pass {@code filter} (a partial pull; a file
   * output is itself such a file); files outside the filter are neither written nor deleted. Call it holding the repository lock: temp files of
   * jdvc's own found in the directory are then known to be left by a killed process, and are deleted.
   */
  CheckoutReport checkout(TrackedOutput o, boolean force, Predicate<String> filter, ProgressListener progress)
      throws IOException {
    Output out = o.output();
    Optional<Path> link = workspace.linkedAncestor(o.path());
    if (link.isPresent()) {
      throw new JdvcException("'" + workspace.relative(link.get()) + "' is a symbolic link, so checking out '" + o.repoPath()
          + "' would write outside the work tree", "replace the link with a real directory (or move the data "
          + "there and 'jdvc add' it again); jdvc never writes through symlinks");
    }
    List<String> added = Collections.synchronizedList(new ArrayList<>());
    List<String> modified = Collections.synchronizedList(new ArrayList<>());
    List<String> deleted = new ArrayList<>();
    List<Oid> missing = Collections.synchronizedList(new ArrayList<>());
    List<CheckoutReport.CorruptObject> corrupt = Collections.synchronizedList(new ArrayList<>());
    Oid recorded = out.md5();
    if (recorded == null || !out.usesCache()) {
      // DVC's Output.checkout does nothing for an uncached output: its data lives only in the workspace
      return new CheckoutReport(o, added, modified, deleted, missing, corrupt);
    }
    if (!recorded.isDir()) {
      if (filter.test(o.repoPath())) {
        progress.begin("Checking out " + o.repoPath(), 1, cache.contains(recorded) ? cache.size(recorded) : -1);
        try {
          checkoutFile(o.path(), recorded, out.isexec(), force, added, modified, missing, corrupt, progress);
        } finally {
          progress.end();
        }
      }
      return new CheckoutReport(o, added, modified, deleted, missing, corrupt);
    }
    if (!intact(recorded, o.repoPath(), missing, corrupt)) {
      return new CheckoutReport(o, added, modified, deleted, missing, corrupt);
    }
    DirManifest manifest = workspace.manifest(recorded);
    // a symlink where the directory belongs is replaced (the link, never what it points to), not written through
    boolean isLink = Files.isSymbolicLink(o.path());
    if (isLink || Files.exists(o.path(), LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(o.path(), LinkOption.NOFOLLOW_LINKS)) {
      if (!force && (isLink || !inCache(o.path(), recorded.legacy()))) {
        throw new WouldOverwriteException(List.of(workspace.relative(o.path()) + (isLink ? " (a symlink)" : "")));
      }
      Files.delete(o.path());
    }
    Map<String, WorkspaceFile> present = new HashMap<>();
    List<Path> staleTemps = Collections.synchronizedList(new ArrayList<>());
    Set<String> linkedDirs = Collections.synchronizedSet(new HashSet<>());
    if (Files.isDirectory(o.path(), LinkOption.NOFOLLOW_LINKS)) {
      for (WorkspaceFile f : scanner.scan(o.path(), staleTemps::add,
          l -> linkedDirs.add(o.path().relativize(l).toString().replace('\\', '/')))) {
        present.put(f.relpath(), f);
      }
    }
    // plan: what changes, and would any change destroy uncached data?
    List<DirEntry> toWrite = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    for (DirEntry e : manifest.entries()) {
      WorkspaceFile f = present.remove(e.relpath());
      if (!filter.test(o.repoPath() + "/" + e.relpath())) {
        continue;
      }
      if (f == null) {
        toWrite.add(e);
        continue;
      }
      Oid current = hasher.hashFile(o.repoPath() + "/", f.relpath(), f.path(), f.stamp(), recorded.legacy(), false,
          ProgressListener.NONE);
      if (!current.equals(e.md5())) {
        if (!force && !cache.verify(current)) {
          conflicts.add(workspace.relative(f.path()));
        }
        toWrite.add(e);
      }
    }
    Set<String> linksInTheWay = linksInTheWay(toWrite, linkedDirs);
    for (String l : linksInTheWay) {
      if (!force) {
        conflicts.add(o.repoPath() + "/" + l + " (a symlink)");
      }
    }
    present.values().removeIf(extra -> !filter.test(workspace.relative(extra.path())));
    for (WorkspaceFile extra : present.values()) {
      if (!force && !cache.verify(hasher.hashFile(o.repoPath() + "/", extra.relpath(), extra.path(), extra.stamp(),
          recorded.legacy(), false, ProgressListener.NONE))) {
        conflicts.add(workspace.relative(extra.path()));
      }
    }
    if (!conflicts.isEmpty()) {
      Collections.sort(conflicts);
      throw new WouldOverwriteException(conflicts);
    }
    // act; checkout holds the repository lock, so a temp file of jdvc's own here was left by a killed process
    for (Path temp : staleTemps) {
      Files.deleteIfExists(temp);
    }
    for (WorkspaceFile extra : present.values()) {
      Files.delete(extra.path());
      deleted.add(workspace.relative(extra.path()));
    }
    for (String l : linksInTheWay) {
      Files.delete(o.path().resolve(l)); // the link itself: what it points to is not jdvc's
      deleted.add(o.repoPath() + "/" + l);
    }
    long bytes = 0;
    for (DirEntry e : toWrite) {
      bytes += cache.contains(e.md5()) ? cache.size(e.md5()) : 0;
    }
    progress.begin("Checking out " + o.repoPath(), toWrite.size(), bytes);
    Files.createDirectories(o.path());
    BoundedExecutor.forEach(toWrite, hashThreads, e -> {
      Path target = o.path().resolve(e.relpath());
      if (!target.normalize().startsWith(o.path())) {
        throw new PathOutsideRepoException("manifest " + recorded + " names '" + e.relpath()
            + "', which escapes the directory");
      }
      boolean existed = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
      if (!intact(e.md5(), workspace.relative(target), missing, corrupt)) {
        return;
      }
      link(e.md5(), target, o.repoPath() + "/", e.relpath(), progress);
      (existed ? modified : added).add(workspace.relative(target));
      progress.advance(1, 0);
    });
    progress.end();
    sortAll(added, modified, deleted);
    corrupt.sort((a, b) -> a.path().compareTo(b.path()));
    return new CheckoutReport(o, added, modified, deleted, missing, corrupt);
  }

  /**
   * The symlinked directories (relpaths, found by the scan) that are, or lie above, a file checkout would
   * write: writing there would write through the link, outside the directory. Strings only, no file system.
   */
  private static Set<String> linksInTheWay(List<DirEntry> toWrite, Set<String> linkedDirs) {
    Set<String> inTheWay = new TreeSet<>();
    if (linkedDirs.isEmpty()) {
      return inTheWay;
    }
    for (DirEntry e : toWrite) {
      String p = e.relpath();
      for (int s = p.indexOf('/'); s >= 0; s = p.indexOf('/', s + 1)) {
        if (linkedDirs.contains(p.substring(0, s))) {
          inTheWay.add(p.substring(0, s));
        }
      }
      if (linkedDirs.contains(p)) {
        inTheWay.add(p);
      }
    }
    return inTheWay;
  }

  /**
   * Whether the object may be written out: present, and intact by {@link LocalCache#check}. Otherwise it is
   * added to {@code missing}, and also to {@code corrupt} when the check found it damaged and removed it.
   */
  private boolean intact(Oid oid, String repoPath, List<Oid> missing, List<CheckoutReport.CorruptObject> corrupt)
      throws IOException {
    LocalCache.ObjectCheck check = cache.check(oid);
    if (check == LocalCache.ObjectCheck.INTACT) {
      return true;
    }
    missing.add(oid);
    if (check == LocalCache.ObjectCheck.CORRUPT_REMOVED) {
      corrupt.add(new CheckoutReport.CorruptObject(oid, repoPath));
    }
    return false;
  }

  private void checkoutFile(Path path, Oid recorded, boolean isExec, boolean force, List<String> added,
      List<String> modified, List<Oid> missing, List<CheckoutReport.CorruptObject> corrupt,
      ProgressListener progress) throws IOException {
    boolean exists = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    if (exists && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      if (!force) {
        throw new WouldOverwriteException(List.of(workspace.relative(path) + "/"));
      }
      FileTrees.deleteTree(path);
      exists = false;
    }
    if (exists) {
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
      Oid current = hasher.hashFile(path, FileStamp.of(attrs), recorded.legacy(), false, ProgressListener.NONE);
      if (current.equals(recorded)) {
        if (isExec) {
          setExecutable(path);
        }
        return;
      }
      if (!force && !cache.verify(current)) {
        throw new WouldOverwriteException(List.of(workspace.relative(path)));
      }
    }
    if (!intact(recorded, workspace.relative(path), missing, corrupt)) {
      return;
    }
    link(recorded, path, progress);
    progress.advance(1, 0);
    if (isExec) {
      setExecutable(path);
    }
    (exists ? modified : added).add(workspace.relative(path));
  }

  private boolean inCache(Path file, boolean legacy) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
    return cache.verify(hasher.hashFile(file, FileStamp.of(attrs), legacy, false, ProgressListener.NONE));
  }

  /**
   * Whether checkout makes copies (the configured link types come down to copy on this file system), so that
   * a download may write the workspace file itself instead of leaving a copy to the checkout.
   */
  boolean checkoutCopies() {
    return linkTypes.stream().filter(t -> t != LinkType.REFLINK).findFirst().orElse(LinkType.COPY)
        == LinkType.COPY;
  }

  /**
   * Records that {@code target}, the file of output {@code o} at repository path {@code repoPath}, was just
   * written with object {@code oid} by someone else (a download), so checkout and status trust it unread.
   */
  void recordWritten(TrackedOutput o, String repoPath, Path target, Oid oid) throws IOException {
    // the state key a snapshot uses: a file output by its directory, a file inside a directory output by it
    String prefix = repoPath.equals(o.repoPath()) ? repoPath.substring(0, repoPath.lastIndexOf('/') + 1)
        : o.repoPath() + "/";
    record(oid, target, prefix, repoPath.substring(prefix.length()));
  }

  /** Links the object out and records the new file in the state cache, so the next status does not re-read it. */
  private void link(Oid oid, Path target, ProgressListener progress) throws IOException {
    String rel = workspace.relative(target);
    int slash = rel.lastIndexOf('/');
    link(oid, target, rel.substring(0, slash + 1), rel.substring(slash + 1), progress);
  }

  /** Links the object out, records the new file under the same state key a snapshot uses; returns its size. */
  private long link(Oid oid, Path target, String prefix, String name, ProgressListener progress)
      throws IOException {
    cache.linkOut(oid, target, linkTypes, progress);
    return record(oid, target, prefix, name);
  }

  /** Records a file just written with object {@code oid} in the state cache; returns its size. */
  private long record(Oid oid, Path target, String prefix, String name) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class);
    if (!oid.isDir()) {
      state.put(prefix, name, FileStamp.of(attrs), oid);
    }
    return attrs.size();
  }

  private static void setExecutable(Path p) throws IOException {
    Set<PosixFilePermission> perms = new HashSet<>(Files.getPosixFilePermissions(p));
    if (perms.add(PosixFilePermission.OWNER_EXECUTE) | perms.add(PosixFilePermission.GROUP_EXECUTE)
        | perms.add(PosixFilePermission.OTHERS_EXECUTE)) {
      Files.setPosixFilePermissions(p, perms);
    }
  }

  /**
   * After add or commit, replaces workspace files by links into the cache when {@code cache.type} asks for
   * hardlinks or symlinks first (saving the space of a second copy). With the default reflink,copy the
   * workspace file already is a copy and is left alone.
   */
  void relink(Path path, Snapshot snap) throws IOException {
    if (checkoutCopies()) {
      return;
    }
    if (!snap.isDir()) {
      link(snap.oid(), path, ProgressListener.NONE);
      return;
    }
    String prefix = workspace.relative(path) + "/";
    BoundedExecutor.forEach(snap.manifest().entries(), hashThreads,
        e -> link(e.md5(), path.resolve(e.relpath()), prefix, e.relpath(), ProgressListener.NONE));
  }

  /**
   * Before the output stops being tracked: every file of it that is a symlink or hardlink into the cache becomes
   * an independent copy, so that gc, which no longer counts the objects as used, cannot take the data with them.
   */
  void unprotect(TrackedOutput o) throws IOException {
    Oid oid = o.output().md5();
    if (oid == null) {
      return;
    }
    if (!oid.isDir()) {
      cache.unlinkOut(oid, o.path());
      return;
    }
    if (!Files.isDirectory(o.path(), LinkOption.NOFOLLOW_LINKS) || !cache.contains(oid)) {
      return;
    }
    BoundedExecutor.forEach(workspace.manifest(oid).entries(), hashThreads,
        e -> cache.unlinkOut(e.md5(), o.path().resolve(e.relpath())));
  }

  @SafeVarargs
  private static void sortAll(List<String>... lists) {
    for (List<String> l : lists) {
      Collections.sort(l);
    }
  }
}
