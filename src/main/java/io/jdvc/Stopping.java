package io.jdvc;

/**
 * Whether the JVM has begun to stop (Ctrl-C, SIGTERM). Worker threads keep running while shutdown hooks delete
 * their temp files, so their errors then are consequences of the interruption, not failures to report as such.
 */
public final class Stopping {
  private static volatile boolean begun;

  private Stopping() {}

  /** Called by the first shutdown hook that cleans up. */
  public static void begin() {
    begun = true;
  }

  public static boolean begun() {
    return begun;
  }
}
