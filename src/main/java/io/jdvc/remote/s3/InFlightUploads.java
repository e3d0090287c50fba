package io.jdvc.remote.s3;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Aborts of the multipart uploads in flight in this JVM, run by a shutdown hook if the JVM is stopped (Ctrl-C,
 * SIGTERM) before they complete, so that an interrupted push leaves no billable parts behind. Best effort and
 * bounded by {@link #SHUTDOWN_BOUND_MS}: an unreachable server must not hold the exit. A kill -9 skips the hook;
 * the next upload of the same key aborts those leftovers ({@link MultipartUpload}).
 */
final class InFlightUploads {
  static final long SHUTDOWN_BOUND_MS = 5_000;
  private static final Set<Runnable> LIVE = ConcurrentHashMap.newKeySet();
  private static volatile boolean stopping;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(InFlightUploads::abortAll, "jdvc-multipart-abort"));
  }

  private InFlightUploads() {}

  /**
   * Records how to abort an upload just created. Once the JVM is stopping, runs {@code abort} at once instead and
   * fails, so that no upload starts after the hook has passed.
   */
  static Runnable track(Runnable abort) throws InterruptedIOException {
    LIVE.add(abort);
    if (stopping) {
      release(abort);
      abort.run();
      throw new InterruptedIOException("jdvc is stopping");
    }
    return abort;
  }

  /** The upload completed or was aborted by its own thread. */
  static void release(Runnable abort) {
    LIVE.remove(abort);
  }

  /** Runs every pending abort in parallel and waits for them at most {@link #SHUTDOWN_BOUND_MS}. */
  static void abortAll() {
    stopping = true;
    List<Thread> threads = new ArrayList<>();
    for (Runnable abort : LIVE) {
      if (LIVE.remove(abort)) {
        Thread t = new Thread(abort, "jdvc-multipart-abort");
        t.setDaemon(true);
        t.start();
        threads.add(t);
      }
    }
    long deadline = System.nanoTime() + SHUTDOWN_BOUND_MS * 1_000_000;
    try {
      for (Thread t : threads) {
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
