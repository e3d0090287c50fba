package io.jdvc.transfer;

import io.jdvc.AttemptBytes;
import io.jdvc.ProgressListener;
import io.jdvc.concurrent.BoundedExecutor;
import io.jdvc.hash.Md5;
import io.jdvc.object.Oid;
import io.jdvc.remote.Remote;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Downloads one large object as parallel ranged reads into a file, while the calling thread hashes the parts
 * in order as they land: one stream is limited by a single connection's speed, and hashing afterwards would add
 * a second pass. Memory stays at one buffer per part in flight.
 */
final class RangedDownload {
  /** Objects at least this large are split; below it one stream is as fast and simpler. */
  static final long THRESHOLD = 64L << 20;
  static final long PART = 16L << 20;
  private static final int PARTS_IN_FLIGHT = 8;
  private static final int BUFFER = 1 << 20;

  private RangedDownload() {}

  /**
   * Fetches the object into {@code target} (an existing empty file), and into {@code copy} as well unless it is
   * null, and returns the MD5 of what arrived.
   */
  static Oid fetch(Remote remote, Oid oid, long size, Path target, FileChannel copy, ProgressListener progress)
      throws IOException {
    int parts = (int) ((size + PART - 1) / PART);
    CountDownLatch[] landed = new CountDownLatch[parts];
    List<Integer> indexes = new ArrayList<>(parts);
    for (int i = 0; i < parts; i++) {
      landed[i] = new CountDownLatch(1);
      indexes.add(i);
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE);
        FileChannel in = FileChannel.open(target, StandardOpenOption.READ)) {
      return BoundedExecutor.both(() -> hashInOrder(in, size, landed, failure, oid), ignored -> {
        try {
          BoundedExecutor.forEach(indexes, Math.min(PARTS_IN_FLIGHT, parts), i -> {
            fetchPart(remote, oid, i, size, out, copy, progress);
            landed[i].countDown();
          });
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, e);
          for (CountDownLatch l : landed) {
            l.countDown();
          }
          throw e;
        }
      });
    }
  }

  private static void fetchPart(Remote remote, Oid oid, int i, long size, FileChannel out, FileChannel copy,
      ProgressListener progress) throws IOException {
    long offset = i * PART;
    long length = Math.min(PART, size - offset);
    // the remote may call the reader again after a broken attempt: each call writes the part from its start
    AttemptBytes attempt = new AttemptBytes(b -> progress.advance(0, b));
    long end = remote.readRange(oid, offset, length, in -> {
      attempt.restart();
      byte[] buf = new byte[BUFFER];
      long pos = offset;
      for (int n; (n = in.read(buf)) > 0; ) {
        writeAt(out, buf, n, pos);
        if (copy != null) {
          writeAt(copy, buf, n, pos);
        }
        pos += n;
        attempt.add(n);
      }
      attempt.flush();
      return pos;
    });
    if (end != offset + length) {
      throw new IOException("object " + oid + " on remote '" + remote.name() + "' is shorter than its recorded "
          + "size " + size + " (part " + i + " ended at byte " + end + ")");
    }
  }

  private static void writeAt(FileChannel ch, byte[] buf, int n, long pos) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
    while (bb.hasRemaining()) {
      ch.write(bb, pos + bb.position());
    }
  }

  private static Oid hashInOrder(FileChannel in, long size, CountDownLatch[] landed,
      AtomicReference<Throwable> failure, Oid oid) throws Exception {
    MessageDigest md = Md5.newDigest();
    ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    long pos = 0;
    for (int i = 0; i < landed.length; i++) {
      landed[i].await();
      Throwable t = failure.get();
      if (t != null) {
        throw t instanceof Exception e ? e : new IOException(t);
      }
      long end = Math.min(size, (i + 1) * PART);
      while (pos < end) {
        buf.clear().limit((int) Math.min(BUFFER, end - pos));
        int n = in.read(buf, pos);
        if (n <= 0) {
          throw new IOException("object " + oid + ": downloaded part " + i + " is incomplete");
        }
        md.update(buf.array(), 0, n);
        pos += n;
      }
    }
    return Oid.parse(Md5.hex(md));
  }
}
