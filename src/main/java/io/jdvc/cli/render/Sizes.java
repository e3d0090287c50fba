package io.jdvc.cli.render;

import java.util.Locale;

/** Human-readable sizes and durations for messages (numbers in Locale.US: see {@link TextTable#number}). */
public final class Sizes {
  private Sizes() {}

  public static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.US, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
  }

  public static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + String.format(Locale.US, "%02d", seconds % 60) + "s";
    }
    return seconds / 3600 + "h" + String.format(Locale.US, "%02d", seconds % 3600 / 60) + "m";
  }
}
