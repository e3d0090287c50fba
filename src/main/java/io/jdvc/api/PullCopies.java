package io.jdvc.api;

import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifest;
import io.jdvc.object.Oid;
import io.jdvc.transfer.CopyTargets;
import io.jdvc.transfer.ObjectRef;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The workspace files a pull writes while it downloads, instead of copying them out of the cache afterwards:
 * those of outputs that were entirely absent from the workspace when the pull began (a fresh clone), holding the
 * object the workspace's pointer names, when checkout would make a copy anyway. Nothing can be overwritten: the
 * output did not exist, and a copy is never published over a file. The checkout that follows finds these files
 * recorded in the state cache and leaves them; {@link #added} gives them back for its report.
 */
final class PullCopies implements CopyTargets {
  private final Workspace ws;
  private final Map<String, TrackedOutput> absentByPath = new HashMap<>();
  /** By repository path, as are the two maps below: cheaper keys than the outputs themselves. */
  private final Map<String, Predicate<String>> filters = new HashMap<>();
  private final Map<Oid, DirManifest> manifests = new ConcurrentHashMap<>();
  private final Map<String, List<String>> written = new ConcurrentHashMap<>();
  private final Set<Path> createdDirs = ConcurrentHashMap.newKeySet();

  private PullCopies(Workspace ws) {
    this.ws = ws;
  }

  /** Plans copies for {@code outputs} (the workspace's), before anything is fetched. */
  static PullCopies plan(Jdvc jdvc, List<TrackedOutput> outputs, TransferOptions options) throws IOException {
    PullCopies copies = new PullCopies(jdvc.workspace());
    if (!copies.ws.checkoutCopies()) {
      return copies;
    }
    for (TrackedOutput o : outputs) {
      // below a symlinked directory the checkout refuses, and a copy must never be written through the link
      if (o.output().md5() != null && o.output().usesCache() && !Files.exists(o.path(), LinkOption.NOFOLLOW_LINKS)
          && copies.ws.linkedAncestor(o.path()).isEmpty()) {
        copies.absentByPath.put(o.repoPath(), o);
        copies.filters.put(o.repoPath(), options.filterFor(jdvc, o));
      }
    }
    return copies;
  }

  @Override
  public Path targetFor(ObjectRef ref) throws IOException {
    String path = ref.path();
    TrackedOutput o = ownerOf(path);
    if (o == null) {
      return null;
    }
    if (path.equals(o.repoPath())) {
      if (o.output().isDir() || !ref.oid().equals(o.output().md5())) {
        return null;
      }
      Files.createDirectories(o.path().getParent());
      return o.path();
    }
    return o.output().isDir() && filters.get(o.repoPath()).test(path)
        ? entryTarget(o, path.substring(o.repoPath().length() + 1), ref.oid()) : null;
  }

  /** The absent output that {@code path} is, or lies inside of; null if none. */
  private TrackedOutput ownerOf(String path) {
    TrackedOutput o = absentByPath.get(path);
    for (int slash = path.indexOf('/'); o == null && slash > 0; slash = path.indexOf('/', slash + 1)) {
      o = absentByPath.get(path.substring(0, slash));
    }
    return o;
  }

  /** The file for entry {@code relpath} of directory output {@code o}, if the workspace's manifest names oid. */
  private Path entryTarget(TrackedOutput o, String relpath, Oid oid) throws IOException {
    DirManifest manifest;
    try {
      manifest = manifests.computeIfAbsent(o.output().md5(), dir -> {
        try {
          return ws.manifest(dir);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      return null; // the manifest is not in the cache: the checkout reports it
    }
    Optional<DirEntry> entry = manifest.get(relpath);
    if (entry.isEmpty() || !entry.get().md5().equals(oid)) {
      return null; // another revision's file at the same path (-a, -T)
    }
    Path target = o.path().resolve(relpath).normalize();
    if (!target.startsWith(o.path())) {
      return null;
    }
    Path dir = target.getParent();
    if (!createdDirs.contains(dir)) {
      Files.createDirectories(dir);
      createdDirs.add(dir);
    }
    return target;
  }

  @Override
  public void written(ObjectRef ref, Path target) throws IOException {
    TrackedOutput o = ownerOf(ref.path());
    ws.recordWritten(o, ref.path(), target, ref.oid());
    written.computeIfAbsent(o.repoPath(), k -> Collections.synchronizedList(new ArrayList<>())).add(ref.path());
  }

  /** The repository paths written for output {@code o}. */
  List<String> added(TrackedOutput o) {
    return written.getOrDefault(o.repoPath(), List.of());
  }

  /**
   * Whether every file of directory output {@code o} that the pull selects was written here, so that a
   * checkout would only find them in place: the directory was absent, so there is nothing to delete either.
   */
  boolean wroteAll(TrackedOutput o, Predicate<String> filter) {
    DirManifest manifest = o.output().isDir() ? manifests.get(o.output().md5()) : null;
    if (manifest == null || !absentByPath.containsKey(o.repoPath())) {
      return false;
    }
    String prefix = o.repoPath() + "/";
    long selected = manifest.entries().stream().filter(e -> filter.test(prefix + e.relpath())).count();
    return selected == added(o).size();
  }
}
