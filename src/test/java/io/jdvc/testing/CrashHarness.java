package io.jdvc.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Kills jdvc at random moments: each call runs one command in a JVM of its own ({@link JdvcChild}) and sends it
 * and the processes it started (a pipeline stage's) SIGKILL after a random delay drawn from that command's typical
 * duration, which the first call of each command measures by letting it finish. Deterministic in its choices given
 * the seed; where the kill lands in the command's work still depends on the machine's speed, as it would for a user.
 *
 * <pre>{@code
 * CrashHarness crashes = new CrashHarness(seed, logDir);
 * crashes.killSomewhere(root, "push");   // true: it was killed while running
 * crashes.kills();
 * }</pre>
 */
public final class CrashHarness {
  private final Random random;
  private final Path logDir;
  private final Map<String, Long> typicalMillis = new HashMap<>();
  private int kills;
  private int finishedFirst;
  private int started;

  public CrashHarness(long seed, Path logDir) {
    this.random = new Random(seed);
    this.logDir = logDir;
  }

  /**
   * Runs {@code jdvc -C root args...} and kills it with SIGKILL at a random moment. Returns true if the kill
   * landed (the command was still running), false if the command finished first or this was the calibration
   * run of the command.
   */
  public boolean killSomewhere(Path root, String... args) throws IOException, InterruptedException {
    String key = String.join(" ", args);
    Path log = logDir.resolve("child-" + (started++) + ".log");
    Long typical = typicalMillis.get(key);
    long t0 = System.nanoTime();
    Process p = JdvcChild.start(root, log, args);
    if (typical == null) {
      p.waitFor();
      typicalMillis.put(key, (System.nanoTime() - t0) / 1_000_000);
      return false;
    }
    // from a third into the JVM's start-up to just past the typical end: start-up, work and exit all get hit
    long delay = typical / 3 + (long) (random.nextDouble() * typical * 0.75);
    Thread.sleep(delay);
    boolean running = p.isAlive();
    // the whole tree, as a CI timeout or a closed terminal kills it: a stage's command must not outlive jdvc
    java.util.List<ProcessHandle> children = p.descendants().toList();
    p.destroyForcibly().waitFor();
    children.forEach(ProcessHandle::destroyForcibly);
    children.forEach(c -> c.onExit().join());
    if (running) {
      kills++;
    } else {
      finishedFirst++;
      // the machine got faster (or the first run was slow): aim earlier next time
      typicalMillis.put(key, typical * 3 / 4);
    }
    return running;
  }

  /** Commands killed while running. */
  public int kills() {
    return kills;
  }

  /** Commands that finished before their kill came. */
  public int finishedFirst() {
    return finishedFirst;
  }
}
