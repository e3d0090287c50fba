package io.jdvc.cli.render;

import io.jdvc.ProgressListener;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr, as DVC's and rclone's: files, bytes done of the total, rate and ETA,
 * redrawn at most ten times a second. The core reports bytes per read buffer, so one multi-GiB file moves the
 * bar while it is hashed, copied or transferred. Only used when stderr is a terminal ({@link StderrTerminal}),
 * so logs and pipes never fill with carriage returns; elsewhere the core reports to {@link ProgressListener#NONE}.
 */
public final class TerminalProgress implements ProgressListener {
  static final long REDRAW_NANOS = 100_000_000L;
  private static final int BAR_WIDTH = 20;
  private final PrintWriter err;
  private final LongSupplier clock;
  private final AtomicLong items = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong lastDraw = new AtomicLong();
  private volatile String task = "";
  private volatile long totalItems;
  private volatile long totalBytes;
  private volatile long started;
  private volatile boolean drawn;

  public TerminalProgress(PrintWriter err) {
    this(err, System::nanoTime);
  }

  /** With {@code clock} in nanoseconds: tests drive the redraw interval without sleeping. */
  TerminalProgress(PrintWriter err, LongSupplier clock) {
    this.err = err;
    this.clock = clock;
  }

  /** The progress listener for a command: a bar when stderr is a terminal, nothing otherwise. */
  public static ProgressListener forTerminal(PrintWriter err, boolean quiet) {
    return !quiet && StderrTerminal.isTerminal() ? new TerminalProgress(err) : ProgressListener.NONE;
  }

  @Override
  public void begin(String newTask, long newTotalItems, long newTotalBytes) {
    task = newTask;
    totalItems = newTotalItems;
    totalBytes = newTotalBytes;
    items.set(0);
    bytes.set(0);
    started = clock.getAsLong();
    // the first draw waits one interval: a command done in a blink leaves no bar flashing behind
    lastDraw.set(started);
  }

  @Override
  public void advance(long n, long b) {
    items.addAndGet(n);
    bytes.addAndGet(b);
    long now = clock.getAsLong();
    long last = lastDraw.get();
    // one thread of many draws each interval; the others only count
    if (now - last >= REDRAW_NANOS && lastDraw.compareAndSet(last, now)) {
      draw(now);
    }
  }

  @Override
  public void end() {
    if (drawn) {
      draw(clock.getAsLong());
      synchronized (err) {
        err.print("\r\033[K");
        err.flush();
      }
      drawn = false;
    }
  }

  private void draw(long now) {
    String line = line(now);
    synchronized (err) {
      err.print("\r" + line + "\033[K");
      err.flush();
    }
    drawn = true;
  }

  /** What the bar says at {@code now}, e.g. {@code Adding big: [#####    ] 25% 0/1 file, 256 MiB/1.0 GiB, ...}. */
  String line(long now) {
    double secs = Math.max(1e-3, (now - started) / 1e9);
    // a retried transfer takes back the bytes of its failed attempt; the count never shows below zero
    long b = Math.max(0, bytes.get());
    long tb = totalBytes;
    long ti = totalItems;
    double rate = b / secs;
    StringBuilder line = new StringBuilder(task).append(": ");
    if (tb > 0) {
      int pct = (int) Math.min(100, b * 100 / tb);
      int filled = pct * BAR_WIDTH / 100;
      line.append('[').append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ")
          .append(pct).append("% ");
    }
    line.append(items.get()).append(ti > 0 ? "/" + ti : "").append(ti == 1 ? " file, " : " files, ")
        .append(Sizes.human(b));
    if (tb > 0) {
      line.append('/').append(Sizes.human(tb));
    }
    line.append(", ").append(Sizes.human((long) rate)).append("/s");
    if (tb > 0 && rate > 0 && b < tb) {
      line.append(", ETA ").append(Sizes.duration((long) Math.ceil((tb - b) / rate)));
    }
    return line.toString();
  }
}
