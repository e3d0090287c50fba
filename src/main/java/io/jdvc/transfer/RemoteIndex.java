package io.jdvc.transfer;

import io.jdvc.AtomicFiles;
import io.jdvc.object.Oid;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
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
 */
public final class RemoteIndex {
  private final Path file;
  private static final String GENERATION = "gc-generation ";
  private final Set<String> entries = ConcurrentHashMap.newKeySet();
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
        } else if (!line.isBlank()) {
          index.entries.add(line.trim());
        }
      }
    } catch (NoSuchFileException e) {
      // nothing known yet
    } catch (IOException e) {
      index.entries.clear();
    }
    return index;
  }

  private static String key(Oid oid) {
    return (oid.legacy() ? "legacy:" : "") + oid.value();
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
    AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.US_ASCII));
    dirty = false;
  }
}
