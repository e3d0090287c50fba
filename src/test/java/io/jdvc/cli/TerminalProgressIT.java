package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jdvc.testing.CliRunner;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jdvc as a user runs it: in a JVM of its own, on a pseudo-terminal (util-linux {@code script}). Adding one big
 * file draws the bar with intermediate byte counts while the file is hashed; with stderr redirected to a file
 * (stdout still on the terminal, as in {@code jdvc add big 2> log}), not one character of a bar is written.
 */
class TerminalProgressIT {
  /** Big enough to take a few redraw intervals to hash on a fast machine (MD5 runs at about 0.5-1 GB/s). */
  private static final long SIZE = 128L << 20;
  private static final Pattern PERCENT = Pattern.compile("Adding (big\\d)\\.bin: \\[[# ]+\\] (\\d+)% 0/1 file, "
      + "([0-9.]+ [KMG]iB)/128 MiB, [0-9.]+ [KMG]?i?B/s");

  @TempDir Path tmp;

  @Test
  void oneBigFileDrawsItsBytesOnATerminalAndNothingIntoALog() throws Exception {
    assumeTrue(new File("/usr/bin/script").canExecute(), "needs util-linux script for a pseudo-terminal");
    Path root = Files.createDirectories(tmp.resolve("repo"));
    new CliRunner(root).ok("init", "--no-scm");
    bigFile(root.resolve("big1.bin"), 1);
    bigFile(root.resolve("big2.bin"), 2);

    Path log = tmp.resolve("stderr.log");
    Path screen = tmp.resolve("screen.txt");
    assertEquals(0, onTerminal(root, screen, log, "add", "big1.bin"));
    String logged = Files.readString(log, StandardCharsets.UTF_8);
    assertFalse(logged.contains("\r") || logged.contains("\033"), "no bar when stderr is a file: " + logged);
    String shown = Files.readString(screen, StandardCharsets.UTF_8); // the terminal ends its lines with \r\n
    assertTrue(shown.contains("Added big1.bin"), "stdout is still on the terminal: " + printable(shown));
    assertFalse(logged.contains("Adding big1.bin:") || shown.contains("Adding big1.bin:"), printable(shown));

    assertEquals(0, onTerminal(root, screen, null, "add", "big2.bin"));
    String drawn = Files.readString(screen, StandardCharsets.UTF_8);
    List<Integer> percents = new ArrayList<>();
    Matcher m = PERCENT.matcher(drawn);
    while (m.find()) {
      assertEquals("big2", m.group(1));
      percents.add(Integer.parseInt(m.group(2)));
    }
    assertTrue(percents.stream().anyMatch(p -> p > 0 && p < 100),
        "a draw while the file is read, not only at its end: " + percents + " in " + printable(drawn));
    assertTrue(drawn.contains("\r\033[K"), "the bar is wiped when the add is done");
    assertTrue(Files.exists(root.resolve("big2.bin.dvc")));
  }

  /** A sparse file: as slow to hash as any other, instant to create. */
  private static void bigFile(Path p, int mark) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(SIZE);
      f.seek(SIZE - 1);
      f.write(mark);
    }
  }

  /**
   * jdvc in a child JVM on a pseudo-terminal; what the terminal shows goes to {@code screen}. With {@code stderr}
   * not null, the shell in the terminal redirects jdvc's stderr there.
   */
  private static int onTerminal(Path root, Path screen, Path stderr, String... args) throws Exception {
    List<String> jdvc = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        "io.jdvc.cli.Main", "-C", root.toString()));
    jdvc.addAll(List.of(args));
    // script runs one shell command line: every word quoted for sh
    String line = String.join(" ", jdvc.stream().map(TerminalProgressIT::quoted).toList())
        + (stderr == null ? "" : " 2>" + quoted(stderr.toString()));
    Process p = new ProcessBuilder("/usr/bin/script", "-qfec", line, "/dev/null")
        .redirectInput(new File("/dev/null")).redirectErrorStream(true).redirectOutput(screen.toFile()).start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("jdvc " + String.join(" ", args) + " did not finish");
    }
    return p.exitValue();
  }

  private static String quoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static String printable(String s) {
    return s.replace("\r", "\\r").replace("\033", "\\e");
  }
}
