package io.jdvc.cache;

import io.jdvc.ProgressListener;
import io.jdvc.concurrent.BoundedExecutor;
import io.jdvc.hash.FileHasher;
import io.jdvc.hash.Md5;
import io.jdvc.object.Oid;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Copies a big file into a new cache temp file in one read pass (ADR 0005): the caller's thread reads blocks and
 * hashes the MD5 (which sets the pace), a second thread hashes the SHA-256 for the record, a third writes each
 * block, so the copy holds exactly the bytes that were hashed. The SHA-256 and the write have threads of their
 * own because a direct write waits for the disk: one after the other they took about as long as the MD5.
 *
 * <p>The copy is written with {@code O_DIRECT}, past the page cache. A cached object is rarely read right after
 * it is written (the workspace file is what the user reads), and filling new page-cache pages is what a
 * buffered copy costs: 2.4–3.9 s of kernel time per GiB in a VM whose host backs each new guest page on first
 * touch, against 0.2 s for the same write with {@code O_DIRECT} (docs/performance.md). Where the file system
 * refuses direct I/O, the copy goes through the page cache as before.
 */
final class BigFileCopy {
  /** A multiple of the 1 MiB chunk the legacy hash is defined on; bigger blocks measured no faster. */
  private static final int BLOCK = 4 * FileHasher.CHUNK;
  /** Blocks in flight: the reader stays up to three blocks ahead of the writer. */
  private static final int BLOCKS = 4;
  /** Direct I/O wants block-aligned memory, offsets and lengths; 4 KiB covers the usual file systems. */
  private static final int ALIGN = 4096;
  /** Block sets of finished copies, reused: direct memory is released only when a collection happens to run. */
  private static final ConcurrentLinkedQueue<ByteBuffer[]> POOL = new ConcurrentLinkedQueue<>();
  private static final ByteBuffer END = ByteBuffer.allocate(0);

  private BigFileCopy() {}

  /**
   * Writes {@code source} into {@code target}, a new file, and returns its MD5 id; {@code sha} (may be null) is
   * fed the same bytes. The caller checks the copy's size against the size it expected.
   */
  static Oid copy(Path source, Path target, boolean legacy, MessageDigest sha, ProgressListener progress)
      throws IOException {
    return copy(source, target, legacy, sha, progress, true);
  }

  /** As the other {@code copy}; {@code direct} false writes through the page cache, as a refusing file system does. */
  static Oid copy(Path source, Path target, boolean legacy, MessageDigest sha, ProgressListener progress,
      boolean direct) throws IOException {
    ByteBuffer[] blocks = POOL.poll();
    if (blocks == null) {
      blocks = new ByteBuffer[BLOCKS];
      for (int i = 0; i < BLOCKS; i++) {
        blocks[i] = ByteBuffer.allocateDirect(BLOCK + ALIGN).alignedSlice(ALIGN);
      }
    }
    BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BLOCKS, false, java.util.List.of(blocks));
    BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BLOCKS + 1);
    BlockingQueue<ByteBuffer> hashed = sha == null ? full : new ArrayBlockingQueue<>(BLOCKS + 1);
    MessageDigest md5 = Md5.newDigest();
    try (Writer writer = new Writer(target, direct)) {
      Future<Void> digested = sha == null ? null : BoundedExecutor.background(() -> writer.digest(full, hashed, sha));
      Future<Void> written = BoundedExecutor.background(() -> writer.drain(hashed, free));
      try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
        while (writer.failure == null) {
          ByteBuffer block = take(free);
          block.clear();
          while (block.hasRemaining() && in.read(block) > 0) {
            // fill the block: the legacy hash needs whole 1 MiB chunks, direct I/O whole 4 KiB blocks
          }
          block.flip();
          if (!block.hasRemaining()) {
            free.add(block);
            break;
          }
          // chunk by chunk, so that a bar moves per MiB hashed
          for (int at = 0; at < block.limit(); at += FileHasher.CHUNK) {
            int n = Math.min(FileHasher.CHUNK, block.limit() - at);
            FileHasher.update(md5, block.duplicate().position(at).limit(at + n), legacy);
            progress.advance(0, n);
          }
          full.add(block);
        }
      } finally {
        full.add(END);
        if (digested != null) {
          await(digested);
        }
        await(written);
      }
      if (writer.failure != null) {
        throw writer.failure;
      }
      return Oid.parse(Md5.hex(md5), legacy);
    } finally {
      if (free.size() == BLOCKS) {
        POOL.add(free.toArray(new ByteBuffer[0]));
      }
    }
  }

  private static ByteBuffer take(BlockingQueue<ByteBuffer> queue) throws IOException {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while adding a file");
    }
  }

  private static void await(Future<Void> f) throws IOException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          f.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true; // the writer still owns the blocks: wait for it to hand them back
        } catch (ExecutionException e) {
          throw new IOException("writing the cache copy failed", e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The threads after the reader: the SHA-256 of each block, then its write; after a failure, blocks only move on. */
  private static final class Writer implements AutoCloseable {
    private final Path target;
    private FileChannel direct;
    private FileChannel buffered;
    volatile IOException failure;

    Writer(Path target, boolean tryDirect) throws IOException {
      this.target = target;
      if (tryDirect) {
        try {
          direct = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
              com.sun.nio.file.ExtendedOpenOption.DIRECT);
          return;
        } catch (java.nio.file.FileAlreadyExistsException taken) {
          throw taken;
        } catch (UnsupportedOperationException | IOException noDirectIo) {
          // older tmpfs and some network or FUSE file systems refuse O_DIRECT: through the page cache then
          java.nio.file.Files.deleteIfExists(target); // in case the refusal came after the file was created
        }
      }
      buffered = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** Feeds each block to {@code sha} and passes it on, {@code END} included. */
    Void digest(BlockingQueue<ByteBuffer> from, BlockingQueue<ByteBuffer> to, MessageDigest sha)
        throws InterruptedException {
      while (true) {
        ByteBuffer block = from.take();
        try {
          if (block != END && failure == null) {
            sha.update(block.duplicate());
          }
        } catch (RuntimeException e) {
          failure = new IOException(e);
        } finally {
          to.add(block);
        }
        if (block == END) {
          return null;
        }
      }
    }

    Void drain(BlockingQueue<ByteBuffer> full, BlockingQueue<ByteBuffer> free) throws InterruptedException {
      long pos = 0;
      while (true) {
        ByteBuffer block = full.take();
        if (block == END) {
          return null;
        }
        try {
          if (failure == null) {
            pos = write(block.duplicate(), pos);
          }
        } catch (IOException | RuntimeException e) {
          failure = e instanceof IOException io ? io : new IOException(e);
        } finally {
          free.add(block);
        }
      }
    }

    /** Whole 4 KiB blocks directly, a short tail (the file's end) through the page cache. */
    private long write(ByteBuffer block, long pos) throws IOException {
      int whole = block.remaining() / ALIGN * ALIGN;
      if (direct != null && whole > 0) {
        ByteBuffer head = block.duplicate().limit(block.position() + whole);
        try {
          while (head.hasRemaining()) {
            pos += direct.write(head, pos);
          }
        } catch (IOException refused) {
          // a file system that opens O_DIRECT but will not write it (or wants a bigger alignment): from here on,
          // through the page cache; positioned writes make the retry of this block exact
          direct.close();
          direct = null;
        }
        block.position(head.position());
      }
      while (block.hasRemaining()) {
        pos += bufferedChannel().write(block, pos);
      }
      return pos;
    }

    private FileChannel bufferedChannel() throws IOException {
      if (buffered == null) {
        buffered = FileChannel.open(target, StandardOpenOption.WRITE);
      }
      return buffered;
    }

    @Override
    public void close() throws IOException {
      try (FileChannel a = direct; FileChannel b = buffered) {
        // both closed, the first failure thrown
      }
    }
  }
}
