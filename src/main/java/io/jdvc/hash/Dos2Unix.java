package io.jdvc.hash;

import java.security.MessageDigest;

/**
 * DVC 2.x's {@code md5-dos2unix}: per 1 MiB chunk, if the chunk's first 512 bytes look like text, CRLF becomes LF
 * before hashing (dvc-data {@code Dos2UnixHashStreamFile}, 3.x per-chunk behaviour). Only legacy outputs use it.
 */
final class Dos2Unix {
  private static final boolean[] TEXT = new boolean[256];

  static {
    for (int b = 32; b < 127; b++) {
      TEXT[b] = true;
    }
    for (char c : new char[] {'\n', '\r', '\t', '\f', '\b'}) {
      TEXT[c] = true;
    }
  }

  private Dos2Unix() {}

  /** dvc-data {@code istextblock}: no NUL and at most 30% bytes outside printable ASCII and common controls. */
  static boolean isText(byte[] buf, int len) {
    int n = Math.min(len, 512);
    if (n == 0) {
      return true;
    }
    int nonText = 0;
    for (int i = 0; i < n; i++) {
      int b = buf[i] & 0xff;
      if (b == 0) {
        return false;
      }
      if (!TEXT[b]) {
        nonText++;
      }
    }
    return (double) nonText / n <= 0.30;
  }

  /** Feeds one chunk (exactly as read, at most 1 MiB) to the digest with DVC's conversion. */
  static void update(MessageDigest md, byte[] chunk, int len) {
    if (!isText(chunk, len)) {
      md.update(chunk, 0, len);
      return;
    }
    int start = 0;
    for (int i = 0; i < len - 1; i++) {
      if (chunk[i] == '\r' && chunk[i + 1] == '\n') {
        md.update(chunk, start, i - start);
        start = i + 1;
      }
    }
    md.update(chunk, start, len - start);
  }
}
