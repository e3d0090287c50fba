package io.jdvc.cli.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stderr is a terminal, as DVC's {@code sys.stderr.isatty()} asks: progress is drawn there only then.
 * {@link System#console()} is not the question (it asks about stdin and stdout): {@code jdvc push | tee log}
 * should still draw on the terminal, and {@code jdvc add big 2> log} should leave no carriage returns in the log.
 * Java cannot call isatty(2), so Linux's {@code /proc/self/fd/2} is read; elsewhere the console stands in.
 */
final class StderrTerminal {
  private static final Path FD2 = Path.of("/proc/self/fd/2");

  private StderrTerminal() {}

  static boolean isTerminal() {
    try {
      return isTerminalDevice(Files.readSymbolicLink(FD2).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** Pseudo-terminals ({@code /dev/pts/N}, macOS {@code /dev/ttysNNN}) and consoles ({@code /dev/ttyN}). */
  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
  }
}
