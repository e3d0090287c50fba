package io.jdvc.workspace;

import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.cache.LocalCache;
import io.jdvc.concurrent.BoundedExecutor;
import io.jdvc.hash.FileHasher;
import io.jdvc.hash.FileStamp;
import io.jdvc.hash.Md5;
import io.jdvc.hash.StateCache;
import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifest;
import io.jdvc.manifest.DirManifestCodec;
import io.jdvc.object.Oid;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The hashing half of the {@link Workspace}: the oid DVC would record for a file or directory, found through the
 * {@link StateCache} so that an unchanged file is never read, and with {@code store} the objects put into the
 * cache as they are hashed (each byte read once). Directories are walked by the {@link DirectoryScanner} and
 * hashed on {@code hashThreads} threads.
 */
final class ContentHasher {
  private static final DirManifestCodec MANIFESTS = new DirManifestCodec();

  private final Workspace workspace;
  private final LocalCache cache;
  private final StateCache state;
  private final DirectoryScanner scanner;
  private final int hashThreads;

  ContentHasher(Workspace workspace, LocalCache cache, StateCache state, DirectoryScanner scanner, int hashThreads) {
    this.workspace = workspace;
    this.cache = cache;
    this.state = state;
    this.scanner = scanner;
    this.hashThreads = hashThreads;
  }

  /** As {@link Workspace#snapshot}, after its check that a stored symlink stays inside the repository. */
  Snapshot snapshot(Path path, boolean legacy, boolean store, ProgressListener progress) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
    if (!attrs.isDirectory()) {
      progress.begin((store ? "Adding " : "Hashing ") + workspace.relative(path), 1, attrs.size());
      Oid oid = hashFile(path, FileStamp.of(attrs), legacy, store, progress);
      progress.advance(1, 0);
      progress.end();
      return new Snapshot(oid, attrs.size(), null, isExecutable(path), null);
    }
    List<Path> staleTemps = new ArrayList<>();
    List<WorkspaceFile> files = scanner.scan(path, staleTemps::add, link -> {});
    if (store) {
      // storing means add or commit, which hold the repository lock: a temp of jdvc's own here (a link, under
      // cache.type symlink) was left by a killed run, and would otherwise stay until the next checkout
      for (Path temp : staleTemps) {
        Files.deleteIfExists(temp);
      }
    }
    return snapshotDirectory(path, files, legacy, store, progress);
  }

  /**
   * The oid DVC would record for a file or directory, without reading a file or building a manifest when the
   * state cache already knows this exact listing (as a warm {@link Workspace#status} does): what a pipeline's status needs
   * for a dependency many stages share.
   */
  public Oid contentOid(Path path, boolean legacy) throws IOException {
    if (!Files.isDirectory(path)) {
      return snapshot(path, legacy, false, ProgressListener.NONE).oid();
    }
    List<WorkspaceFile> files = scanner.scan(path);
    StateCache.DirSummary scanned = summarize(files, null);
    Optional<StateCache.DirSummary> known = state.dirSummary(workspace.relative(path) + "/");
    if (known.isPresent() && known.get().oid() != null && known.get().oid().legacy() == legacy
        && known.get().count() == scanned.count() && known.get().sum1() == scanned.sum1()
        && known.get().sum2() == scanned.sum2()) {
      return known.get().oid();
    }
    return snapshotDirectory(path, files, legacy, false, ProgressListener.NONE).oid();
  }

  Snapshot snapshotDirectory(Path path, List<WorkspaceFile> files, boolean legacy, boolean store,
      ProgressListener progress) throws IOException {
    StateCache.DirSummary scanned = summarize(files, null);
    long[] totals = new long[2];
    DirManifest manifest = new DirManifest(Arrays.asList(hashDirectory(path, files, legacy, store, progress,
        totals)));
    Oid dirOid;
    if (store) {
      dirOid = cache.insertWritten(out -> MANIFESTS.encode(manifest, out), true, legacy);
    } else {
      MessageDigest md5 = Md5.newDigest();
      try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md5)) {
        MANIFESTS.encode(manifest, out);
      }
      dirOid = Oid.ofDir(Md5.hex(md5), legacy);
    }
    state.putDirSummary(workspace.relative(path) + "/", new StateCache.DirSummary(scanned.count(), scanned.sum1(),
        scanned.sum2(), dirOid));
    return new Snapshot(dirOid, totals[0], totals[1], false, manifest);
  }

  /** Order-independent sums over every file's path and stamp; see {@link StateCache.DirSummary}. */
  static StateCache.DirSummary summarize(List<WorkspaceFile> files, Oid oid) {
    long sum1 = 0;
    long sum2 = 0;
    for (WorkspaceFile f : files) {
      long h = 0xcbf29ce484222325L;
      String p = f.relpath();
      for (int i = 0; i < p.length(); i++) {
        h = (h ^ p.charAt(i)) * 0x100000001b3L;
      }
      FileStamp st = f.stamp();
      long k = h ^ (st.size() * 0x9E3779B97F4A7C15L) ^ Long.rotateLeft(st.mtimeNanos(), 21) ^ st.fileKey();
      sum1 += mix(k);
      sum2 += mix(k ^ 0x5851F42D4C957F2DL);
    }
    return new StateCache.DirSummary(files.size(), sum1, sum2, oid);
  }

  /** A 64-bit finalizer (SplitMix64): spreads every input bit over the whole sum. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The entries of a directory, hashed (or known from the state cache). Consumes {@code files}: each is set to
   * null once its entry exists, so the walk's list (about 60 bytes a file) shrinks while the hashes, the state
   * cache and the record grow; at a million files under a 512 MiB heap the two together forced a full collection
   * every few seconds. {@code totals} receives the byte total and the file count.
   */
  private DirEntry[] hashDirectory(Path path, List<WorkspaceFile> files, boolean legacy, boolean store,
      ProgressListener progress, long[] totals) throws IOException {
    String keyPrefix = workspace.relative(path) + "/";
    long total = 0;
    for (WorkspaceFile f : files) {
      total += f.stamp().size();
      String problem = DirEntry.relpathProblem(f.relpath());
      if (problem != null) {
        throw new JdvcException("cannot track '" + keyPrefix + f.relpath() + "': its name " + problem,
            "rename it: names in a tracked directory must be safe on every system (docs/formats.md)");
      }
    }
    totals[0] = total;
    totals[1] = files.size();
    progress.begin(store ? "Adding " + workspace.relative(path) : "Hashing " + workspace.relative(path), files.size(), total);
    DirEntry[] entries = new DirEntry[files.size()];
    // known files first, in this thread: a warm status reads no contents and needs no thread hand-offs
    int[] unknown = new int[files.size()];
    int unknownCount = 0;
    for (int i = 0; i < files.size(); i++) {
      WorkspaceFile f = files.get(i);
      Oid known = state.get(keyPrefix, f.relpath(), f.stamp(), legacy).orElse(null);
      if (known != null && (!store || cache.contains(known))) {
        entries[i] = new DirEntry(f.relpath(), known);
        files.set(i, null);
        progress.advance(1, f.stamp().size());
      } else {
        unknown[unknownCount++] = i;
      }
    }
    int[] todo = Arrays.copyOf(unknown, unknownCount);
    BoundedExecutor.forEach(() -> Arrays.stream(todo).iterator(), hashThreads, i -> {
      WorkspaceFile f = files.get(i);
      entries[i] = new DirEntry(f.relpath(), hashFile(keyPrefix, f.relpath(), f.path(), f.stamp(), legacy,
          store, progress));
      files.set(i, null);
      progress.advance(1, 0);
    });
    progress.end();
    return entries;
  }

  Oid hashFile(Path file, FileStamp stamp, boolean legacy, boolean store, ProgressListener progress)
      throws IOException {
    String rel = workspace.relative(file);
    int slash = rel.lastIndexOf('/');
    return hashFile(rel.substring(0, slash + 1), rel.substring(slash + 1), file, stamp, legacy, store, progress);
  }

  /**
   * The file's repository-relative path is {@code prefix + name}, split where the caller has it cheaply. The
   * file's bytes go to {@code progress} as they are read, or all at once when the state cache knows the file.
   */
  Oid hashFile(String prefix, String name, Path file, FileStamp stamp, boolean legacy, boolean store,
      ProgressListener progress) throws IOException {
    Oid known = state.get(prefix, name, stamp, legacy).orElse(null);
    if (known != null && (!store || cache.contains(known))) {
      progress.advance(0, stamp.size());
      return known;
    }
    Oid oid = store ? cache.insertFile(file, stamp.size(), legacy, progress)
        : FileHasher.hash(file, legacy, null, progress);
    state.put(prefix, name, stamp, oid);
    return oid;
  }

  private static boolean isExecutable(Path file) {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      return p.contains(PosixFilePermission.OWNER_EXECUTE) || p.contains(PosixFilePermission.GROUP_EXECUTE)
          || p.contains(PosixFilePermission.OTHERS_EXECUTE);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

}
