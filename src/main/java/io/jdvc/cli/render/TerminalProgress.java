package io.jdvc.cli.render;

import io.jdvc.ProgressListener;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar on stderr: items, bytes, rate and ETA, redrawn at most ten times a second. Only used
 * when stderr is a terminal, so logs and pipes never fill with carriage returns.
 */
public final class TerminalProgress implements ProgressListener {
  private static final long REDRAW_NANOS = 100_000_000L;
  private final PrintWriter err;
  private final AtomicLong items = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private volatile String task = "";
  private volatile long totalItems;
  private volatile long totalBytes;
  private volatile long started;
  private volatile long lastDraw;
  private volatile boolean drawn;

  public TerminalProgress(PrintWriter err) {
    this.err = err;
  }

  /** The progress listener for a command: a bar on a TTY, nothing otherwise. */
  public static ProgressListener forTerminal(PrintWriter err, boolean quiet) {
    return !quiet && System.console() != null ? new TerminalProgress(err) : ProgressListener.NONE;
  }

  @Override
  public void begin(String newTask, long newTotalItems, long newTotalBytes) {
    task = newTask;
    totalItems = newTotalItems;
    totalBytes = newTotalBytes;
    items.set(0);
    bytes.set(0);
    started = System.nanoTime();
    lastDraw = 0;
  }

  @Override
  public void advance(long n, long b) {
    items.addAndGet(n);
    bytes.addAndGet(b);
    long now = System.nanoTime();
    if (now - lastDraw >= REDRAW_NANOS) {
      lastDraw = now;
      draw(now);
    }
  }

  @Override
  public void end() {
    if (drawn) {
      draw(System.nanoTime());
      synchronized (err) {
        err.print("\r\033[K");
        err.flush();
      }
      drawn = false;
    }
  }

  private void draw(long now) {
    double secs = Math.max(1e-3, (now - started) / 1e9);
    long b = bytes.get();
    double rate = b / secs;
    StringBuilder line = new StringBuilder("\r").append(task).append(": ");
    long ti = totalItems;
    long tb = totalBytes;
    if (tb > 0) {
      int pct = (int) Math.min(100, b * 100 / tb);
      int width = 20;
      int filled = pct * width / 100;
      line.append('[').append("#".repeat(filled)).append(" ".repeat(width - filled)).append("] ")
          .append(pct).append("% ");
    }
    line.append(items.get()).append(ti > 0 ? "/" + ti : "").append(" files, ").append(Sizes.human(b));
    if (tb > 0) {
      line.append('/').append(Sizes.human(tb));
    }
    line.append(", ").append(Sizes.human((long) rate)).append("/s");
    if (tb > 0 && rate > 0 && b < tb) {
      line.append(", ETA ").append(Sizes.duration((long) ((tb - b) / rate)));
    }
    synchronized (err) {
      err.print(line.append("\033[K"));
      err.flush();
    }
    drawn = true;
  }
}
