package io.jdvc.hash;

import io.jdvc.ProgressListener;
import io.jdvc.object.Oid;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Hashes file content exactly as DVC does: plain MD5 of the raw bytes for 3.x outputs, md5-dos2unix for legacy
 * ones. Reads in 1 MiB chunks because the dos2unix rule is defined per 1 MiB chunk. Stateless and thread-safe.
 */
public final class FileHasher {
  public static final int CHUNK = 1 << 20;

  /** One chunk buffer per thread: adding 20k small files must not allocate 20 GiB of buffers. */
  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[CHUNK]);

  private FileHasher() {}

  public static Oid hash(Path file, boolean legacy) throws IOException {
    return hash(file, legacy, null);
  }

  /** Hashes a file; {@code alsoDigest}, when not null, is fed the same raw bytes (a SHA-256 for the record). */
  public static Oid hash(Path file, boolean legacy, MessageDigest alsoDigest) throws IOException {
    return hash(file, legacy, alsoDigest, ProgressListener.NONE);
  }

  /** As {@link #hash(Path, boolean, MessageDigest)}, reporting the bytes read to {@code progress} per chunk. */
  public static Oid hash(Path file, boolean legacy, MessageDigest alsoDigest, ProgressListener progress)
      throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return hash(in, legacy, null, alsoDigest, progress);
    }
  }

  /**
   * Hashes {@code in} and, when {@code copy} is not null, writes every byte to it as well, so that adding a file
   * to the cache reads it only once.
   */
  public static Oid hash(InputStream in, boolean legacy, OutputStream copy) throws IOException {
    return hash(in, legacy, copy, null);
  }

  /**
   * As {@link #hash(InputStream, boolean, OutputStream)}, also feeding {@code alsoDigest} (if not null) the raw
   * bytes from the same buffer, so a second digest costs no second read.
   */
  public static Oid hash(InputStream in, boolean legacy, OutputStream copy, MessageDigest alsoDigest)
      throws IOException {
    return hash(in, legacy, copy, alsoDigest, ProgressListener.NONE);
  }

  /**
   * As {@link #hash(InputStream, boolean, OutputStream, MessageDigest)}, reporting bytes to {@code progress}
   * once per 1 MiB chunk: a bar moves through one big file, and the count costs one call per MiB.
   */
  public static Oid hash(InputStream in, boolean legacy, OutputStream copy, MessageDigest alsoDigest,
      ProgressListener progress) throws IOException {
    MessageDigest md = Md5.newDigest();
    byte[] buf = BUFFER.get();
    int len;
    while ((len = readChunk(in, buf)) > 0) {
      if (legacy) {
        Dos2Unix.update(md, buf, len);
      } else {
        md.update(buf, 0, len);
      }
      if (alsoDigest != null) {
        alsoDigest.update(buf, 0, len);
      }
      if (copy != null) {
        copy.write(buf, 0, len);
      }
      progress.advance(0, len);
    }
    return Oid.parse(Md5.hex(md), legacy);
  }

  /**
   * Feeds a block of a file to an MD5 digest as {@link #hash(InputStream, boolean, OutputStream)} would: the
   * block's remaining bytes must start at a multiple of {@link #CHUNK} in the file and fill whole chunks unless
   * the file ends with them, because the legacy rule is decided per chunk. The block's position is not moved.
   */
  public static void update(MessageDigest md, java.nio.ByteBuffer block, boolean legacy) {
    if (!legacy) {
      md.update(block.duplicate());
      return;
    }
    byte[] buf = BUFFER.get();
    java.nio.ByteBuffer rest = block.duplicate();
    while (rest.hasRemaining()) {
      int n = Math.min(CHUNK, rest.remaining());
      rest.get(buf, 0, n);
      Dos2Unix.update(md, buf, n);
    }
  }

  /** Fills the buffer completely unless the stream ends: dos2unix chunk boundaries must be exact. */
  private static int readChunk(InputStream in, byte[] buf) throws IOException {
    int off = 0;
    while (off < buf.length) {
      int n = in.read(buf, off, buf.length - off);
      if (n < 0) {
        break;
      }
      off += n;
    }
    return off;
  }
}
