package io.jdvc.hash;

import io.jdvc.object.Oid;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What jdvc remembers about the workspace so that unchanged data is never read twice. Two files, because a warm
 * {@code status} needs only the small one:
 *
 * <ul>
 *   <li>{@code state}: the hash of each workspace file by its {@link FileStamp} (inode, mtime, size), loaded on
 *       first use;
 *   <li>{@code state-dirs}: per tracked directory a {@link DirSummary} of its files' paths and stamps, and the
 *       directory objects found complete in the cache, loaded at once.
 * </ul>
 *
 * jdvc keeps its own state (DVC's lives in a private site cache that jdvc must not touch). Thread-safe; {@link
 * #save} writes atomically; a missing, damaged or older file only costs re-hashing.
 */
public final class StateCache {
  private static final String FILES_HEADER = "jdvc-state 4";
  private static final String DIRS_HEADER = "jdvc-state-dirs 1";

  /**
   * What a tracked directory looked like when its id was last computed: the number of files and two
   * order-independent 64-bit sums over every file's path and stamp. An equal summary means no file was added,
   * removed, renamed or touched, so the directory id still holds without hashing, sorting or encoding anything.
   */
  public record DirSummary(long count, long sum1, long sum2, Oid oid) {
    // written out for start-up, as Oid's: a record's own equals is bootstrapped through invokedynamic
    @Override
    public boolean equals(Object o) {
      return o instanceof DirSummary d && count == d.count && sum1 == d.sum1 && sum2 == d.sum2
          && java.util.Objects.equals(oid, d.oid);
    }

    @Override
    public int hashCode() {
      return ((31 * Long.hashCode(count) + Long.hashCode(sum1)) * 31 + Long.hashCode(sum2)) * 31
          + java.util.Objects.hashCode(oid);
    }
  }

  private record Entry(int fileKey, long mtimeNanos, long size, Oid oid) {}

  private final Path file;
  private final Path dirsFile;
  /**
   * Keyed by directory prefix ("data/sub/", "" at the root), then by the rest of the path: the second key is the
   * very string the walk and the manifest already hold, so a million-file add keeps one copy of each path.
   */
  private final Map<String, Map<String, Entry>> entries = new ConcurrentHashMap<>();
  private final Set<Oid> completeDirs = ConcurrentHashMap.newKeySet();
  private final Map<String, DirSummary> dirSummaries = new ConcurrentHashMap<>();
  private volatile boolean entriesLoaded;
  private volatile boolean entriesDirty;
  private volatile boolean dirsDirty;

  private StateCache(Path file) {
    this.file = file;
    this.dirsFile = file == null ? null : file.resolveSibling(file.getFileName() + "-dirs");
  }

  /** Opens the state kept in {@code file} (and its {@code -dirs} sibling). */
  public static StateCache load(Path file) {
    StateCache cache = new StateCache(file);
    try {
      for (Path target : List.of(file, cache.dirsFile)) {
        if (Files.isDirectory(target.getParent())) {
          removeTempsOfDeadProcesses(target);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // a read-only repository: its temps stay until a writer comes; reading is unaffected
    }
    if (!cache.readLines(cache.dirsFile, DIRS_HEADER, cache::parseDirLine)) {
      cache.dirSummaries.clear();
      cache.completeDirs.clear();
      cache.dirsDirty = true;
    }
    return cache;
  }

  /** An in-memory cache that is never saved, for callers without a repository. */
  public static StateCache inMemory() {
    StateCache cache = new StateCache(null);
    cache.entriesLoaded = true;
    return cache;
  }

  private synchronized void ensureEntriesLoaded() {
    if (entriesLoaded) {
      return;
    }
    String[] prefix = {""};
    if (!readLines(file, FILES_HEADER, line -> parseFileLine(line, prefix))) {
      entries.clear();
      entriesDirty = true;
    }
    entriesLoaded = true;
  }

  /** Reads a state file line by line; false if it is damaged or of another format (a missing one is fine). */
  private static boolean readLines(Path p, String header, Consumer<String> parser) {
    if (p == null) {
      return true;
    }
    try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
      if (!header.equals(r.readLine())) {
        return false;
      }
      String line;
      while ((line = r.readLine()) != null) {
        parser.accept(line);
      }
      return true;
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** {@code S<tab>prefix<tab>count<tab>sum1<tab>sum2<tab>oid<tab>legacy} or {@code D<tab>oid}. */
  private void parseDirLine(String line) {
    if (line.startsWith("S\t")) {
      String[] f = line.split("\t", -1);
      if (f.length == 7 && Oid.isValid(f[5])) {
        dirSummaries.put(unescape(f[1]), new DirSummary(Long.parseLong(f[2]), Long.parseLong(f[3]),
            Long.parseLong(f[4]), Oid.parse(f[5], "1".equals(f[6]))));
      }
    } else if (line.startsWith("D\t") && Oid.isValid(line.substring(2))) {
      completeDirs.add(Oid.parse(line.substring(2), false));
    }
  }

  /**
   * {@code P<tab>prefix} starts a group; {@code F<tab>name<tab>legacy<tab>size<tab>mtime<tab>filekey<tab>oid} is
   * one file of it. Parsed by hand: it runs for every file of the workspace.
   */
  private void parseFileLine(String line, String[] prefix) {
    if (line.startsWith("P\t")) {
      prefix[0] = unescape(line.substring(2));
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
    String name = unescape(line.substring(tabs[0] + 1, tabs[1]));
    boolean legacy = line.charAt(tabs[1] + 1) == '1';
    long size = Long.parseLong(line, tabs[2] + 1, tabs[3], 10);
    long mtime = Long.parseLong(line, tabs[3] + 1, tabs[4], 10);
    int key = Integer.parseInt(line, tabs[4] + 1, tabs[5], 10);
    entries.computeIfAbsent(prefix[0], p -> new ConcurrentHashMap<>())
        .put(name, new Entry(key, mtime, size, Oid.parse(oid, legacy)));
  }

  /**
   * The remembered hash of the file {@code prefix + name} (repository-relative, {@code prefix} empty or ending in
   * '/') if it still has the identity, mtime and size given.
   */
  public Optional<Oid> get(String prefix, String name, FileStamp stamp, boolean legacy) {
    ensureEntriesLoaded();
    Map<String, Entry> dir = entries.get(prefix);
    Entry e = dir == null ? null : dir.get(name);
    if (e == null || e.oid.legacy() != legacy || e.size != stamp.size()
        || e.mtimeNanos != stamp.mtimeNanos() || e.fileKey != stamp.fileKey()) {
      return Optional.empty();
    }
    return Optional.of(e.oid);
  }

  public void put(String prefix, String name, FileStamp stamp, Oid oid) {
    ensureEntriesLoaded();
    Entry fresh = new Entry(stamp.fileKey(), stamp.mtimeNanos(), stamp.size(), oid);
    if (!fresh.equals(entries.computeIfAbsent(prefix, p -> new ConcurrentHashMap<>()).put(name, fresh))) {
      entriesDirty = true;
    }
  }

  /** The summary recorded for the directory at {@code prefix} (repository-relative, ending in '/'), if any. */
  public Optional<DirSummary> dirSummary(String prefix) {
    return Optional.ofNullable(dirSummaries.get(prefix));
  }

  public void putDirSummary(String prefix, DirSummary summary) {
    if (!summary.equals(dirSummaries.put(prefix, summary))) {
      dirsDirty = true;
    }
  }

  /**
   * Whether the directory object was found complete in the cache before. Cache objects are immutable and only
   * garbage collection removes them (it calls {@link #forgetCompleteDirs}), so the answer stays true.
   */
  public boolean isKnownComplete(Oid dirOid) {
    return completeDirs.contains(dirOid);
  }

  public void markComplete(Oid dirOid) {
    if (completeDirs.add(dirOid)) {
      dirsDirty = true;
    }
  }

  /** After objects were deleted from the cache: completeness must be checked again. */
  public void forgetCompleteDirs() {
    if (!completeDirs.isEmpty()) {
      completeDirs.clear();
      dirsDirty = true;
    }
  }

  public synchronized void save() throws IOException {
    if (file == null) {
      return;
    }
    if (entriesLoaded && entriesDirty) {
      write(file, w -> {
        w.write(FILES_HEADER + "\n");
        for (Map.Entry<String, Map<String, Entry>> dir : entries.entrySet()) {
          w.write("P\t" + escape(dir.getKey()) + '\n');
          for (Map.Entry<String, Entry> me : dir.getValue().entrySet()) {
            // field by field, no line string: an add of a million files writes a million of these
            Entry e = me.getValue();
            w.write("F\t");
            w.write(escape(me.getKey()));
            w.write(e.oid.legacy() ? "\t1\t" : "\t0\t");
            w.write(Long.toString(e.size));
            w.write('\t');
            w.write(Long.toString(e.mtimeNanos));
            w.write('\t');
            w.write(Long.toString(e.fileKey));
            w.write('\t');
            w.write(e.oid.value());
            w.write('\n');
          }
        }
      });
      entriesDirty = false;
    }
    if (dirsDirty) {
      write(dirsFile, w -> {
        w.write(DIRS_HEADER + "\n");
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
      });
      dirsDirty = false;
    }
  }

  private interface Lines {
    void writeTo(BufferedWriter w) throws IOException;
  }

  private static void write(Path target, Lines lines) throws IOException {
    Files.createDirectories(target.getParent());
    removeTempsOfDeadProcesses(target);
    Path tmp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    boolean moved = false;
    try {
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        lines.writeTo(w);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp); // a full disk must not leave a half-written state file behind
      }
    }
  }

  /**
   * Deletes the {@code <name>.<pid>.tmp} files that processes killed while saving left beside {@code target}: a
   * temp of a live process is its save in progress and stays.
   */
  private static void removeTempsOfDeadProcesses(Path target) throws IOException {
    String prefix = target.getFileName() + ".";
    try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(target.getParent(), prefix + "*.tmp")) {
      for (Path p : ds) {
        String pid = p.getFileName().toString().substring(prefix.length(), p.getFileName().toString().length() - 4);
        if (pid.matches("[0-9]{1,18}") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static String escape(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '\t' || c == '\n') {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
      }
    }
    return s; // the usual name: nothing to escape, one scan
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
