package io.jdvc.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * jdvc in a JVM of its own, for tests that stop it the hard way (kill -9, as a power cut or the OOM killer) or
 * with SIGTERM (as Ctrl-C): the test's classpath, {@code io.jdvc.cli.Main}, output to a log file.
 */
public final class JdvcChild {
  private JdvcChild() {}

  /** Starts {@code jdvc -C root args...}; its stdout and stderr go to {@code log}. */
  public static Process start(Path root, Path log, String... args) throws java.io.IOException {
    return command(root, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** {@code jdvc -C root args...} as a process to start, for a test that sets its environment. */
  public static ProcessBuilder command(Path root, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // a short-lived CLI: start fast, as bin/jdvc does
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Dhttp.maxConnections=64",
        "-cp", System.getProperty("java.class.path"), "io.jdvc.cli.Main", "-C", root.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  /** Starts jdvc with {@code args} and returns once {@code ready} holds, or the child ended (at most a minute). */
  public static Process startAndWaitFor(Path root, Path log, BooleanSupplier ready, String... args)
      throws Exception {
    Process p = start(root, log, args);
    try {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (System.nanoTime() < deadline && p.isAlive() && !ready.getAsBoolean()) {
        Thread.sleep(5);
      }
    } catch (InterruptedException | RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
    return p;
  }
}
