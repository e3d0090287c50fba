package io.jdvc;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Progress in bytes of one object's transfer, which a network client may attempt more than once: each new
 * attempt first takes back (reports as negative) what the abandoned one reported, so a retried upload or
 * download never counts a byte twice. Bytes are reported in steps of at least {@link #STEP}, not per read: a
 * client reading 8 KiB at a time still makes only a few hundred calls per GiB. Attempts of one object run one
 * after another, never at once, so an instance needs no locking; distinct objects use distinct instances.
 */
public final class AttemptBytes {
  /** The reporting step: fine enough for a smooth bar, coarse enough to cost nothing measurable. */
  public static final int STEP = 1 << 20;
  private final LongConsumer report;
  private long reported;
  private long pending;

  public AttemptBytes(LongConsumer report) {
    this.report = report;
  }

  /** A new attempt from the first byte: what earlier attempts reported is taken back. */
  public void restart() {
    if (reported != 0) {
      report.accept(-reported);
    }
    reported = 0;
    pending = 0;
  }

  /** {@code n} more bytes (negative to step back, as a stream's reset does) of the current attempt. */
  public void add(long n) {
    pending += n;
    if (pending >= STEP || pending < 0) {
      flush();
    }
  }

  /** Reports what is pending: at the end of an attempt, so the count reaches the object's size. */
  public void flush() {
    if (pending != 0) {
      reported += pending;
      report.accept(pending);
      pending = 0;
    }
  }

  /**
   * Starts a new attempt ({@link #restart}) reading {@code in}: the stream counts what is read from it, steps
   * back on {@code reset()} to its mark, and reports the rest when it ends or is closed.
   */
  public InputStream counting(InputStream in) {
    restart();
    return new Counting(in);
  }

  private final class Counting extends FilterInputStream {
    private long position;
    private long mark;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        moved(1);
      } else {
        flush();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        moved(n);
      } else if (n < 0) {
        flush();
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      moved(skipped);
      return skipped;
    }

    @Override
    public synchronized void mark(int readlimit) {
      super.mark(readlimit);
      mark = position;
    }

    @Override
    public synchronized void reset() throws IOException {
      super.reset();
      moved(mark - position);
    }

    @Override
    public void close() throws IOException {
      flush();
      super.close();
    }

    private void moved(long n) {
      position += n;
      add(n);
    }
  }
}
