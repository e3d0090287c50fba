package io.jdvc.transfer;

import io.jdvc.AtomicFiles;
import io.jdvc.object.InvalidOidException;
import io.jdvc.object.Oid;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What jdvc knows to be on one remote, so that a push of unchanged data asks the remote almost nothing. Like
 * DVC's remote index it records directory manifests pushed with all their files; a recorded {@code .dir} is
 * re-checked with one HEAD on every use, and if it is gone the whole index is dropped, so a remote that was
 * cleaned behind jdvc's back costs a full check. A file deleted while its manifest stays is not seen by push;
 * commands that ask the remote about files ({@code status -c}, {@code fetch}) forget the directory with
 * {@link #removeAll}, and {@code push --no-remote-index} ignores it. A {@code jdvc gc -c} from any clone makes
 * every index of that remote start over ({@link #requireGcGeneration}). One object per line.
 *
 * <p>It also remembers which directory object was last pushed for each output path ({@code last <oid> <path>}
 * lines, {@link #lastPushed}): when that directory changes, the files both versions list are on the remote
 * whenever the old {@code .dir} is, so a push checks only the files that are new in the changed version.
 */
public final class RemoteIndex {
  private final Path file;
  private static final String GENERATION = "gc-generation ";
  private static final String LAST = "last ";
  private static final String LEGACY = "legacy:";
  private final Set<String> entries = ConcurrentHashMap.newKeySet();
  private final Map<String, String> lastByPath = new ConcurrentHashMap<>();
  private volatile boolean dirty;
  private String gcGeneration = "";

  private RemoteIndex(Path file) {
    this.file = file;
  }

  public static RemoteIndex load(Path file) {
    RemoteIndex index = new RemoteIndex(file);
    if (file == null) {
      return index;
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith(GENERATION)) {
          index.gcGeneration = line.substring(GENERATION.length()).trim();
        } else if (line.startsWith(LAST)) {
          int space = line.indexOf(' ', LAST.length());
          if (space > 0) {
            index.lastByPath.put(line.substring(space + 1), line.substring(LAST.length(), space));
          }
        } else if (!line.isBlank()) {
          index.entries.add(line.trim());
        }
      }
    } catch (NoSuchFileException e) {
      // nothing known yet
    } catch (IOException e) {
      index.entries.clear();
      index.lastByPath.clear();
    }
    return index;
  }

  private static String key(Oid oid) {
    return (oid.legacy() ? LEGACY : "") + oid.value();
  }

  public boolean contains(Oid oid) {
    return entries.contains(key(oid));
  }

  public void addAll(Collection<Oid> oids) {
    for (Oid o : oids) {
      if (entries.add(key(o))) {
        dirty = true;
      }
    }
  }

  /**
   * Records that {@code dir} was pushed complete for the output at repository path {@code path}, replacing the
   * one recorded before for that path. Paths with a line break are not recorded (one record per line).
   */
  public void recordPushed(String path, Oid dir) {
    if (path.indexOf('\n') < 0 && path.indexOf('\r') < 0 && !key(dir).equals(lastByPath.put(path, key(dir)))) {
      dirty = true;
    }
  }

  /**
   * The directory object last pushed for the output at {@code path}, if it is still recorded as complete on
   * the remote (a directory found incomplete, or a cleared index, has none).
   */
  public Optional<Oid> lastPushed(String path) {
    String k = lastByPath.get(path);
    if (k == null || !entries.contains(k)) {
      return Optional.empty();
    }
    boolean legacy = k.startsWith(LEGACY);
    try {
      return Optional.of(Oid.parse(legacy ? k.substring(LEGACY.length()) : k, legacy));
    } catch (InvalidOidException e) {
      return Optional.empty(); // a damaged line: only costs a full check
    }
  }

  /** Forgets directories found incomplete on the remote, so that the next push checks their files again. */
  public void removeAll(Collection<Oid> oids) {
    for (Oid o : oids) {
      if (entries.remove(key(o))) {
        dirty = true;
      }
    }
  }

  /**
   * Keeps the index only if it was built since the remote's last {@code gc -c} ({@link RemoteActivity#gcGeneration}):
   * a gc from another clone may have deleted what this index records as complete.
   */
  public void requireGcGeneration(String remoteGeneration) {
    if (!remoteGeneration.equals(gcGeneration)) {
      clear();
      gcGeneration = remoteGeneration;
      dirty = true;
    }
  }

  public void clear() {
    lastByPath.clear();
    if (!entries.isEmpty()) {
      entries.clear();
      dirty = true;
    }
  }

  public void save() throws IOException {
    if (file == null || !dirty) {
      return;
    }
    StringBuilder b = new StringBuilder();
    if (!gcGeneration.isEmpty()) {
      b.append(GENERATION).append(gcGeneration).append('\n');
    }
    entries.stream().sorted().forEach(e -> b.append(e).append('\n'));
    lastByPath.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> b.append(LAST).append(e.getValue()).append(' ').append(e.getKey()).append('\n'));
    AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.US_ASCII));
    dirty = false;
  }
}
