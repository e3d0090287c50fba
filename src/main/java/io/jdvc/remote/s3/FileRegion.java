package io.jdvc.remote.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * A byte range of a file, read on demand. Multipart uploads stream each part from here instead of buffering it,
 * so memory stays at a few buffers per part in flight whatever the part size.
 */
record FileRegion(Path file, long offset, long length) {
  private static final int BUFFER = 1 << 16;

  /** A fresh stream over the region; each call starts at the region's beginning (SDK retries re-open). */
  InputStream open() throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    return new InputStream() {
      private long pos = offset;
      private final long end = offset + length;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (pos >= end) {
          return -1;
        }
        int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
        if (n < 0) {
          throw new IOException(file + " shrank while it was being uploaded");
        }
        pos += n;
        return n;
      }

      @Override
      public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - pos);
      }

      @Override
      public void close() throws IOException {
        ch.close();
      }
    };
  }

  /** MD5 of the region's bytes. */
  byte[] md5() throws IOException {
    MessageDigest md = DigestUtils.getMd5Digest();
    try (InputStream in = open()) {
      byte[] buf = new byte[BUFFER];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return md.digest();
  }
}
