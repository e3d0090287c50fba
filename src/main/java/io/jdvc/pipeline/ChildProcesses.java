package io.jdvc.pipeline;

import io.jdvc.TempFiles;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The stage commands running right now. When the JVM is stopped (Ctrl-C, SIGTERM) a shutdown hook ends each one's
 * whole process tree and waits until its runner has seen it end, so the runner throws before the JVM halts and
 * its caller records nothing. A kill -9 of jdvc skips the hook, as it skips {@link TempFiles}' hook.
 */
final class ChildProcesses {
  /** How long the hook waits for a runner to notice, after the tree is gone, before letting the JVM halt. */
  private static final long SETTLE_MS = 2000;
  private static final Object LOCK = new Object();
  private static final Set<Running> LIVE = ConcurrentHashMap.newKeySet();
  private static boolean stopping;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "jdvc-stage-stop"));
  }

  private ChildProcesses() {}

  /** One started command. */
  static final class Running {
    final Process process;
    final Duration grace;
    private final CountDownLatch settled = new CountDownLatch(1);

    private Running(Process process, Duration grace) {
      this.process = process;
      this.grace = grace;
    }
  }

  /**
   * Starts the command, unless the JVM is stopping (then null): under the hook's lock, so no command starts after
   * the hook has taken its list.
   */
  static Running start(ProcessBuilder builder, Duration grace) throws IOException {
    synchronized (LOCK) {
      if (stopping()) {
        return null;
      }
      Running r = new Running(builder.start(), grace);
      LIVE.add(r);
      return r;
    }
  }

  /** The runner has seen the command end and decided what to throw or return. */
  static void finished(Running r) {
    LIVE.remove(r);
    r.settled.countDown();
  }

  /** Whether the JVM has begun to stop. */
  static boolean stopping() {
    synchronized (LOCK) {
      return stopping || TempFiles.stopping();
    }
  }

  private static void stopAll() {
    List<Running> running;
    synchronized (LOCK) {
      stopping = true;
      running = new ArrayList<>(LIVE);
    }
    for (Running r : running) {
      destroyTree(r.process.toHandle(), r.grace);
    }
    for (Running r : running) {
      try {
        r.settled.await(SETTLE_MS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Ends a process and all its descendants: SIGTERM to every one, then, for those still alive after
   * {@code grace}, SIGKILL. Descendants are looked up again while waiting, and handles are kept, so children
   * forked meanwhile, or orphaned when their parent died first, are ended too.
   */
  static void destroyTree(ProcessHandle root, Duration grace) {
    Set<ProcessHandle> tree = new LinkedHashSet<>();
    tree.add(root);
    root.descendants().forEach(tree::add);
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      adoptDescendants(tree).forEach(ProcessHandle::destroy);
      sleep(10);
    }
    adoptDescendants(tree);
    for (ProcessHandle h : tree) {
      if (h.isAlive()) {
        h.destroyForcibly();
      }
    }
    for (ProcessHandle h : tree) {
      try {
        h.onExit().get(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        // a zombie whose parent never reaps it; it has stopped running
      }
    }
  }

  /** Adds the live members' current descendants to the tree, returning the new ones. */
  private static List<ProcessHandle> adoptDescendants(Set<ProcessHandle> tree) {
    List<ProcessHandle> added = new ArrayList<>();
    for (ProcessHandle h : List.copyOf(tree)) {
      if (h.isAlive()) {
        h.descendants().filter(tree::add).forEach(added::add);
      }
    }
    return added;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
