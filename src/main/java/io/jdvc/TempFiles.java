package io.jdvc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temp files being written right now (in the cache, the workspace or a directory remote), deleted by a shutdown
 * hook if the JVM is stopped (Ctrl-C, SIGTERM) while they exist. A kill -9 skips the hook; those leftovers are
 * removed under the repository lock on the next run (a remote's by {@code gc -c} once a day old).
 */
public final class TempFiles {
  /**
   * How long the hook waits before its second sweep. Worker threads keep running while shutdown hooks run, and one
   * may have tracked a name but not yet created the file when the first sweep passes.
   */
  private static final long SECOND_SWEEP_MS = 50;
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
  private static volatile boolean stopping;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteAll, "jdvc-temp-cleanup"));
  }

  private TempFiles() {}

  /** Records a temp file before it is created; once the JVM is stopping, no new one may start. */
  public static Path track(Path p) throws IOException {
    if (stopping) {
      throw new IOException("jdvc is stopping");
    }
    LIVE.add(p);
    return p;
  }

  public static void delete(Path p) throws IOException {
    try {
      Files.deleteIfExists(p);
    } finally {
      LIVE.remove(p);
    }
  }

  /** Done with a temp file: forgotten if it was renamed into place, deleted otherwise. */
  public static void release(Path p, boolean renamed) throws IOException {
    if (renamed) {
      LIVE.remove(p);
    } else {
      delete(p);
    }
  }

  /**
   * Whether the JVM has begun to stop (Ctrl-C, SIGTERM). Worker threads keep running while the hook deletes their
   * temp files, so their errors then are consequences of the interruption, not failures to report as such.
   */
  public static boolean stopping() {
    return stopping;
  }

  private static void deleteAll() {
    stopping = true;
    sweep();
    try {
      Thread.sleep(SECOND_SWEEP_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sweep();
  }

  private static void sweep() {
    for (Path p : LIVE) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // the next locked run removes it
      }
    }
  }
}
