package io.jdvc.hash;

import io.jdvc.object.Oid;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the hash of each workspace file by its identity (inode and device), mtime and size, so that
 * {@code status} and a repeated {@code add} never read unchanged files; and which directory objects were found
 * complete in the cache, so a warm status need not look up every file of a large directory there. jdvc keeps its
 * own state file (DVC's lives in a private site cache that jdvc must not touch). Thread-safe; {@link #save}
 * writes atomically, and a missing or damaged state file only costs re-hashing.
 */
public final class StateCache {
  private static final String HEADER = "jdvc-state 3";

  private record Entry(int fileKey, long mtimeNanos, long size, Oid oid) {}

  private final Path file;
  /**
   * Keyed by directory prefix ("data/sub/", "" at the root), then by the rest of the path: the second key is the
   * very string the walk and the manifest already hold, so a million-file add keeps one copy of each path.
   */
  private final Map<String, Map<String, Entry>> entries = new ConcurrentHashMap<>();
  private final Set<Oid> completeDirs = ConcurrentHashMap.newKeySet();
  private final Map<String, DirSummary> dirSummaries = new ConcurrentHashMap<>();

  /**
   * What a tracked directory looked like when its id was last computed: the number of files and two
   * order-independent 64-bit sums over every file's path and stamp. An equal summary means no file was added,
   * removed, renamed or touched, so the directory id still holds without hashing, sorting or encoding anything.
   */
  public record DirSummary(long count, long sum1, long sum2, Oid oid) {}
  private volatile boolean dirty;

  private StateCache(Path file) {
    this.file = file;
  }

  /**
   * Starts loading the state file on another thread and returns at once; the first lookup waits for it. A warm
   * status spends as long reading 20k entries as walking 20k files, so the two overlap.
   */
  public static StateCache loadInBackground(Path file) {
    StateCache cache = new StateCache(file);
    cache.loading = io.jdvc.concurrent.BoundedExecutor.background(() -> {
      cache.read();
      return null;
    });
    return cache;
  }

  private volatile java.util.concurrent.Future<Void> loading;

  private void awaitLoaded() {
    java.util.concurrent.Future<Void> f = loading;
    if (f == null) {
      return;
    }
    try {
      f.get();
    } catch (java.util.concurrent.ExecutionException e) {
      entries.clear();
      completeDirs.clear();
      dirty = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the state cache", e);
    }
    loading = null;
  }

  /** Loads the state file if present; an unreadable one is ignored (it is only a cache). */
  public static StateCache load(Path file) {
    StateCache cache = new StateCache(file);
    cache.read();
    return cache;
  }

  private void read() {
    StateCache cache = this;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (!HEADER.equals(r.readLine())) {
        cache.dirty = true;
        return;
      }
      String line;
      while ((line = r.readLine()) != null) {
        cache.parseLine(line);
      }
    } catch (NoSuchFileException e) {
      // first run
    } catch (IOException | RuntimeException e) {
      cache.entries.clear();
      cache.completeDirs.clear();
      cache.dirty = true;
    }
  }

  /**
   * {@code F<tab>name<tab>legacy<tab>size<tab>mtime<tab>filekey<tab>oid} under the last {@code P<tab>prefix},
   * or {@code D<tab>oid}; parsed by hand.
   */
  private String currentPrefix = "";

  private void parseLine(String line) {
    if (line.startsWith("P\t")) {
      currentPrefix = unescape(line.substring(2));
      return;
    }
    if (line.startsWith("S\t")) {
      String[] f = line.split("\t", -1);
      if (f.length == 7 && Oid.isValid(f[5])) {
        dirSummaries.put(unescape(f[1]), new DirSummary(Long.parseLong(f[2]), Long.parseLong(f[3]),
            Long.parseLong(f[4]), Oid.parse(f[5], "1".equals(f[6]))));
      }
      return;
    }
    if (line.startsWith("D\t")) {
      String v = line.substring(2);
      if (Oid.isValid(v)) {
        completeDirs.add(Oid.parse(v, false));
      }
      return;
    }
    if (!line.startsWith("F\t")) {
      return;
    }
    int[] tabs = new int[6];
    int from = -1;
    for (int i = 0; i < 6; i++) {
      int t = line.indexOf('\t', from + 1);
      if (t < 0) {
        return;
      }
      tabs[i] = t;
      from = t;
    }
    if (line.indexOf('\t', tabs[5] + 1) >= 0) {
      return;
    }
    String oid = line.substring(tabs[5] + 1);
    if (!Oid.isValid(oid)) {
      return;
    }
    String path = unescape(line.substring(tabs[0] + 1, tabs[1]));
    boolean legacy = line.charAt(tabs[1] + 1) == '1';
    long size = Long.parseLong(line, tabs[2] + 1, tabs[3], 10);
    long mtime = Long.parseLong(line, tabs[3] + 1, tabs[4], 10);
    int key = Integer.parseInt(line, tabs[4] + 1, tabs[5], 10);
    entries.computeIfAbsent(currentPrefix, p -> new ConcurrentHashMap<>())
        .put(path, new Entry(key, mtime, size, Oid.parse(oid, legacy)));
  }

  /** An in-memory cache that is never saved, for callers without a repository. */
  public static StateCache inMemory() {
    return new StateCache(null);
  }

  /**
   * The remembered hash of the file {@code prefix + name} (repository-relative, {@code prefix} empty or ending in
   * '/') if it still has the identity, mtime and size given.
   */
  public Optional<Oid> get(String prefix, String name, FileStamp stamp, boolean legacy) {
    awaitLoaded();
    Map<String, Entry> dir = entries.get(prefix);
    Entry e = dir == null ? null : dir.get(name);
    if (e == null || e.oid.legacy() != legacy || e.size != stamp.size()
        || e.mtimeNanos != stamp.mtimeNanos() || e.fileKey != stamp.fileKey()) {
      return Optional.empty();
    }
    return Optional.of(e.oid);
  }

  public void put(String prefix, String name, FileStamp stamp, Oid oid) {
    awaitLoaded();
    Entry fresh = new Entry(stamp.fileKey(), stamp.mtimeNanos(), stamp.size(), oid);
    if (!fresh.equals(entries.computeIfAbsent(prefix, p -> new ConcurrentHashMap<>()).put(name, fresh))) {
      dirty = true;
    }
  }

  /** The summary recorded for the directory at {@code prefix} (repository-relative, ending in '/'), if any. */
  public Optional<DirSummary> dirSummary(String prefix) {
    awaitLoaded();
    return Optional.ofNullable(dirSummaries.get(prefix));
  }

  public void putDirSummary(String prefix, DirSummary summary) {
    awaitLoaded();
    if (!summary.equals(dirSummaries.put(prefix, summary))) {
      dirty = true;
    }
  }

  /**
   * Whether the directory object was found complete in the cache before. Cache objects are immutable and only
   * garbage collection removes them (it calls {@link #forgetCompleteDirs}), so the answer stays true.
   */
  public boolean isKnownComplete(Oid dirOid) {
    awaitLoaded();
    return completeDirs.contains(dirOid);
  }

  public void markComplete(Oid dirOid) {
    awaitLoaded();
    if (completeDirs.add(dirOid)) {
      dirty = true;
    }
  }

  /** After objects were deleted from the cache: completeness must be checked again. */
  public void forgetCompleteDirs() {
    awaitLoaded();
    if (!completeDirs.isEmpty()) {
      completeDirs.clear();
      dirty = true;
    }
  }

  public void save() throws IOException {
    awaitLoaded();
    if (file == null || !dirty) {
      return;
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(HEADER + "\n");
      for (Map.Entry<String, Map<String, Entry>> dir : entries.entrySet()) {
        w.write("P\t" + escape(dir.getKey()) + '\n');
        for (Map.Entry<String, Entry> me : dir.getValue().entrySet()) {
          Entry e = me.getValue();
          w.write("F\t" + escape(me.getKey()) + '\t' + (e.oid.legacy() ? '1' : '0') + '\t' + e.size + '\t'
              + e.mtimeNanos + '\t' + e.fileKey + '\t' + e.oid.value() + '\n');
        }
      }
      for (Map.Entry<String, DirSummary> e : dirSummaries.entrySet()) {
        DirSummary d = e.getValue();
        w.write("S\t" + escape(e.getKey()) + '\t' + d.count() + '\t' + d.sum1() + '\t' + d.sum2() + '\t'
            + d.oid().value() + '\t' + (d.oid().legacy() ? '1' : '0') + '\n');
      }
      for (Oid d : completeDirs) {
        if (!d.legacy()) {
          w.write("D\t" + d.value() + '\n');
        }
      }
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    dirty = false;
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
