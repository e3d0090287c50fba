package io.jdvc.pipeline;

import io.jdvc.TempFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
    waitForTree(tree, grace, true);
    adoptDescendants(tree);
    for (ProcessHandle h : tree) {
      if (running(h)) {
        h.destroyForcibly();
      }
    }
    waitForTree(tree, Duration.ofSeconds(1), false);
  }

  /** Waits until no member of the tree runs, or the time is up; SIGTERM to descendants that appear meanwhile. */
  private static void waitForTree(Set<ProcessHandle> tree, Duration limit, boolean adopt) {
    long deadline = System.nanoTime() + limit.toNanos();
    boolean interrupted = false;
    while (tree.stream().anyMatch(ChildProcesses::running) && System.nanoTime() < deadline) {
      if (adopt) {
        adoptDescendants(tree).forEach(ProcessHandle::destroy);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        interrupted = true; // finish ending the tree first: an interrupt is what brought us here
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Alive and not a zombie: a killed process whose parent died stays a zombie until init reaps it, and in a
   * container init may never do so; it runs nothing, so it counts as ended.
   */
  static boolean running(ProcessHandle h) {
    if (!h.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(h.pid()), "stat"));
      int close = stat.lastIndexOf(')');
      char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : 'R';
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException e) {
      return h.isAlive(); // no /proc (macOS): trust the JDK
    }
  }

  /** Adds the live members' current descendants to the tree, returning the new ones. */
  private static List<ProcessHandle> adoptDescendants(Set<ProcessHandle> tree) {
    List<ProcessHandle> added = new ArrayList<>();
    for (ProcessHandle h : List.copyOf(tree)) {
      if (running(h)) {
        h.descendants().filter(tree::add).forEach(added::add);
      }
    }
    return added;
  }

}
