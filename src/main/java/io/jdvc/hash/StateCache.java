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
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the hash of each workspace file by its identity (inode and device), mtime and size, so that
 * {@code status} and a repeated {@code add} never read unchanged files. jdvc keeps its own state file (DVC's
 * lives in a private site cache that jdvc must not touch). Thread-safe; {@link #save} writes atomically, and a
 * missing or damaged state file only costs re-hashing.
 */
public final class StateCache {
  private record Entry(String fileKey, long mtimeNanos, long size, Oid oid) {}

  private final Path file;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private volatile boolean dirty;

  private StateCache(Path file) {
    this.file = file;
  }

  /** Loads the state file if present; an unreadable one is ignored (it is only a cache). */
  public static StateCache load(Path file) {
    StateCache cache = new StateCache(file);
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split("\t", -1);
        if (f.length != 6 || !Oid.isValid(f[5])) {
          continue;
        }
        cache.entries.put(unescape(f[0]),
            new Entry(f[4], Long.parseLong(f[3]), Long.parseLong(f[2]), Oid.parse(f[5], "1".equals(f[1]))));
      }
    } catch (NoSuchFileException e) {
      // first run
    } catch (IOException | RuntimeException e) {
      cache.entries.clear();
      cache.dirty = true;
    }
    return cache;
  }

  /** An in-memory cache that is never saved, for callers without a repository. */
  public static StateCache inMemory() {
    return new StateCache(null);
  }

  /** The remembered hash of {@code key} if the file still has the identity, mtime and size given. */
  public Optional<Oid> get(String key, BasicFileAttributes attrs, boolean legacy) {
    Entry e = entries.get(key);
    if (e == null || e.oid.legacy() != legacy || e.size != attrs.size()
        || e.mtimeNanos != mtimeNanos(attrs) || !e.fileKey.equals(fileKey(attrs))) {
      return Optional.empty();
    }
    return Optional.of(e.oid);
  }

  public void put(String key, BasicFileAttributes attrs, Oid oid) {
    Entry fresh = new Entry(fileKey(attrs), mtimeNanos(attrs), attrs.size(), oid);
    if (!fresh.equals(entries.put(key, fresh))) {
      dirty = true;
    }
  }

  public void save() throws IOException {
    if (file == null || !dirty) {
      return;
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, Entry> me : entries.entrySet()) {
        Entry e = me.getValue();
        w.write(escape(me.getKey()) + '\t' + (e.oid.legacy() ? '1' : '0') + '\t' + e.size + '\t' + e.mtimeNanos
            + '\t' + e.fileKey + '\t' + e.oid.value() + '\n');
      }
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    dirty = false;
  }

  private static long mtimeNanos(BasicFileAttributes attrs) {
    return attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** On Unix this is "(dev=..,ino=..)": a changed inode means a replaced file even with equal mtime and size. */
  private static String fileKey(BasicFileAttributes attrs) {
    Object key = attrs.fileKey();
    return key == null ? "-" : key.toString().replace('\t', ' ');
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
