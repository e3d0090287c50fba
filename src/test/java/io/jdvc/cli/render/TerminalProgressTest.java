package io.jdvc.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bar as a terminal sees it, driven by a fake clock: what is drawn, and how often. */
class TerminalProgressTest {
  private static final long MS = 1_000_000L;
  private static final long MIB = 1L << 20;
  private final StringWriter screen = new StringWriter();
  private final AtomicLong now = new AtomicLong(1_000 * MS);
  private final TerminalProgress bar = new TerminalProgress(new PrintWriter(screen), now::get);

  /** Each redraw starts with a carriage return; the lines drawn so far, escape codes removed. */
  private List<String> drawn() {
    return Arrays.stream(screen.toString().split("\r")).map(l -> l.replace("\033[K", ""))
        .filter(l -> !l.isEmpty()).toList();
  }

  private void at(long ms, long items, long bytes) {
    now.set(1_000 * MS + ms * MS);
    bar.advance(items, bytes);
  }

  @Test
  void oneBigFileShowsItsBytesRateAndEtaWhileItIsRead() {
    bar.begin("Adding big", 1, 1024 * MIB);
    at(50, 0, MIB); // sooner than one interval after the start: a quick command draws nothing
    assertEquals(List.of(), drawn());
    at(250, 0, 255 * MIB);
    assertEquals(List.of("Adding big: [#####               ] 25% 0/1 file, 256 MiB/1.0 GiB, 1.0 GiB/s, ETA 1s"),
        drawn());
    at(300, 0, 16 * MIB); // within the interval since the last draw: counted, not drawn
    assertEquals(1, drawn().size());
    at(500, 0, 240 * MIB);
    assertEquals("Adding big: [##########          ] 50% 0/1 file, 512 MiB/1.0 GiB, 1.0 GiB/s, ETA 1s",
        drawn().get(1));
    at(1000, 0, 512 * MIB);
    at(1000, 1, 0);
    bar.end();
    List<String> lines = drawn();
    assertTrue(lines.get(lines.size() - 1).contains("100% 1/1 file, 1.0 GiB/1.0 GiB"), lines.toString());
    assertTrue(screen.toString().endsWith("\r\033[K"), "the bar is wiped when the phase ends");
  }

  @Test
  void manySmallFilesShowFilesAndBytes() {
    bar.begin("Pushing", 2000, 2000 * 1024);
    for (int i = 1; i <= 1000; i++) {
      at(i, 1, 1024);
    }
    List<String> lines = drawn();
    assertEquals(10, lines.size(), "at most ten draws a second: " + lines);
    assertEquals("Pushing: [##########          ] 50% 1000/2000 files, 1000 KiB/2.0 MiB, 1000 KiB/s, ETA 1s",
        lines.get(lines.size() - 1));
  }

  @Test
  void anUnknownTotalShowsDoneAndRateOnly() {
    bar.begin("Fetching", 3, -1);
    at(200, 1, 5 * MIB);
    assertEquals(List.of("Fetching: 1/3 files, 5.0 MiB, 25.0 MiB/s"), drawn());
  }

  @Test
  void bytesTakenBackByARetryNeverShowBelowZero() {
    bar.begin("Pushing big", 1, 100 * MIB);
    at(200, 0, 10 * MIB);
    at(400, 0, -12 * MIB);
    assertTrue(drawn().get(1).contains(" 0% 0/1 file, 0 B/100 MiB"), drawn().toString());
  }

  @Test
  void aPhaseThatNeverDrewLeavesNothing() {
    bar.begin("Adding small", 1, 10);
    at(1, 1, 10);
    bar.end();
    assertEquals("", screen.toString());
  }

  @Test
  void onlyTerminalDevicesCountAsTerminals() {
    assertTrue(StderrTerminal.isTerminalDevice("/dev/pts/3"));
    assertTrue(StderrTerminal.isTerminalDevice("/dev/tty1"));
    assertFalse(StderrTerminal.isTerminalDevice("/tmp/build.log"));
    assertFalse(StderrTerminal.isTerminalDevice("pipe:[12345]"));
    assertFalse(StderrTerminal.isTerminalDevice("/dev/null"));
  }
}
