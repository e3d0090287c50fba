package io.jdvc.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium for the tests that look at jdvc's HTML in a real browser. Debian's {@code chromium} package is
 * installed on first use where it is missing and the tests run as root with {@code apt-get} (a CI machine starts
 * without it); elsewhere {@link #find()} says why there is none, for the test to skip with that message. The
 * install's output goes to {@code target/chromium-install.log}.
 */
public final class Chromium {
  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
  private static String found;
  private static String whyNot;

  private Chromium() {}

  /** The browser's path, or null when there is none and it cannot be installed (see {@link #whyNot()}). */
  public static synchronized String find() {
    if (found == null && whyNot == null) {
      found = onPath();
      if (found == null) {
        whyNot = install();
        found = onPath();
        if (found == null && whyNot == null) {
          whyNot = "chromium was installed but is not on the PATH";
        }
      }
    }
    return found;
  }

  /** Why {@link #find()} found no browser: the message for the skipped test. */
  public static synchronized String whyNot() {
    return whyNot == null ? "" : whyNot;
  }

  private static String onPath() {
    for (String name : NAMES) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    return null;
  }

  /** Installs Debian's chromium; null when that worked, else why not. */
  private static String install() {
    if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      return "chromium is not installed and cannot be installed here (needs root and apt-get): apt-get install"
          + " chromium";
    }
    Path log = Path.of("target", "chromium-install.log").toAbsolutePath();
    try {
      Files.createDirectories(log.getParent());
      // the package lists may be missing or stale on a fresh machine: update them once if the first try fails
      if (apt(log, "install") || apt(log, "update") && apt(log, "install")) {
        return null;
      }
      return "apt-get install chromium failed (see " + log + ")";
    } catch (IOException e) {
      return "apt-get could not be run: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while installing chromium";
    }
  }

  private static boolean apt(Path log, String action) throws IOException, InterruptedException {
    List<String> command = action.equals("update")
        ? List.of("apt-get", "-o", "DPkg::Lock::Timeout=300", "update")
        : List.of("apt-get", "-o", "DPkg::Lock::Timeout=300", "install", "-y", "chromium");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
    Process p = pb.start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return false;
    }
    return p.exitValue() == 0;
  }
}
