package io.jdvc.audit;

import io.jdvc.object.Oid;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The SHA-256 digests an add or commit collects for the {@link Sha256Record}, packed in arrays of longs until
 * they are written, sorted, once. A map from oid to digest held about 90 bytes and two objects per object
 * inserted; for an add of a million files that was 40 MB more of a 512 MiB heap, and two million more objects
 * for every full collection to trace, while the files were being hashed. Here it is 56 bytes and no object.
 * Legacy oids are not recorded (a legacy oid is not a hash of the raw bytes). Thread-safe while collecting.
 */
public final class Sha256Batch {
  private static final int PER_CHUNK = 1 << 12;
  // md5 (two longs), 1 for a ".dir" oid else 0, sha256 (four longs); compared in this order, unsigned
  private static final int LONGS = 7;
  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final int LINE_MAX = 32 + Oid.DIR_SUFFIX.length() + 1 + 64 + 1;

  private final List<long[]> chunks = new ArrayList<>();
  private int size;

  /** Adds the digest of an object's bytes; a legacy oid is ignored. */
  public synchronized void add(Oid oid, byte[] sha256) {
    if (oid.legacy()) {
      return;
    }
    int at = size % PER_CHUNK;
    if (at == 0) {
      chunks.add(new long[PER_CHUNK * LONGS]);
    }
    long[] c = chunks.get(chunks.size() - 1);
    int o = at * LONGS;
    String v = oid.value();
    c[o] = hexLong(v, 0);
    c[o + 1] = hexLong(v, 16);
    c[o + 2] = oid.isDir() ? 1 : 0;
    for (int i = 0; i < 4; i++) {
      c[o + 3 + i] = bytesLong(sha256, i * 8);
    }
    size++;
  }

  public synchronized boolean isEmpty() {
    return size == 0;
  }

  /** Adds every digest to {@code record}; returns whether it changed. */
  public synchronized boolean putInto(Sha256Record record) {
    boolean changed = false;
    for (int i = 0; i < size; i++) {
      changed |= record.put(oidOf(i), shaOf(i));
    }
    return changed;
  }

  /**
   * Writes the lines of the digests, sorted as {@link Sha256Record#writeTo} sorts them and without repeats,
   * without a string per line.
   */
  public synchronized void writeLines(OutputStream out) throws IOException {
    byte[] line = new byte[LINE_MAX];
    int[] order = sorted();
    for (int k = 0; k < order.length; k++) {
      if (k > 0 && compare(order[k - 1], order[k]) == 0) {
        continue;
      }
      out.write(line, 0, format(order[k], line));
    }
  }

  /** The lines {@link #writeLines} writes, as strings, for a merge with a record file's lines. */
  public synchronized Iterable<String> sortedLines() {
    int[] order = sorted();
    return () -> new Iterator<>() {
      private final byte[] line = new byte[LINE_MAX];
      private int k;

      @Override
      public boolean hasNext() {
        while (k > 0 && k < order.length && compare(order[k - 1], order[k]) == 0) {
          k++;
        }
        return k < order.length;
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int n = format(order[k++], line);
        return new String(line, 0, n - 1, StandardCharsets.US_ASCII);
      }
    };
  }

  /**
   * The record indexes in line order: spread over 65,536 buckets by the md5's first 16 bits, then each bucket
   * sorted, as {@link Sha256Record} sorts (a comparison sort of a million keys is mostly cache misses).
   */
  private int[] sorted() {
    int buckets = 1 << 16;
    int[] start = new int[buckets + 1];
    for (int i = 0; i < size; i++) {
      start[bucket(i) + 1]++;
    }
    for (int b = 0; b < buckets; b++) {
      start[b + 1] += start[b];
    }
    int[] order = new int[size];
    int[] next = Arrays.copyOf(start, buckets);
    for (int i = 0; i < size; i++) {
      order[next[bucket(i)]++] = i;
    }
    for (int b = 0; b < buckets; b++) {
      sortRange(order, start[b], start[b + 1]);
    }
    return order;
  }

  private void sortRange(int[] order, int from, int to) {
    if (to - from <= 32) {
      for (int i = from + 1; i < to; i++) {
        int v = order[i];
        int j = i - 1;
        while (j >= from && compare(order[j], v) > 0) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = v;
      }
      return;
    }
    // a big bucket: many copies of one file (empty files, say); a merge sort keeps it n log n
    Integer[] boxed = new Integer[to - from];
    for (int i = from; i < to; i++) {
      boxed[i - from] = order[i];
    }
    Arrays.sort(boxed, this::compare);
    for (int i = from; i < to; i++) {
      order[i] = boxed[i - from];
    }
  }

  private int bucket(int i) {
    return (int) (at(i, 0) >>> 48);
  }

  private int compare(int a, int b) {
    for (int f = 0; f < LONGS; f++) {
      int c = Long.compareUnsigned(at(a, f), at(b, f));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private long at(int i, int field) {
    return chunks.get(i / PER_CHUNK)[(i % PER_CHUNK) * LONGS + field];
  }

  /** Writes record {@code i} as a line ({@code <oid> <sha256>\n}) into {@code line}; returns its length. */
  private int format(int i, byte[] line) {
    int n = putHex(at(i, 0), line, 0);
    n = putHex(at(i, 1), line, n);
    if (at(i, 2) == 1) {
      for (int k = 0; k < Oid.DIR_SUFFIX.length(); k++) {
        line[n++] = (byte) Oid.DIR_SUFFIX.charAt(k);
      }
    }
    line[n++] = ' ';
    for (int f = 3; f < LONGS; f++) {
      n = putHex(at(i, f), line, n);
    }
    line[n++] = '\n';
    return n;
  }

  private Oid oidOf(int i) {
    byte[] line = new byte[LINE_MAX];
    int n = putHex(at(i, 0), line, 0);
    n = putHex(at(i, 1), line, n);
    String md5 = new String(line, 0, n, StandardCharsets.US_ASCII);
    return at(i, 2) == 1 ? Oid.ofDir(md5, false) : Oid.parse(md5);
  }

  private byte[] shaOf(int i) {
    byte[] sha = new byte[32];
    for (int f = 0; f < 4; f++) {
      long v = at(i, 3 + f);
      for (int k = 0; k < 8; k++) {
        sha[f * 8 + k] = (byte) (v >>> (56 - 8 * k));
      }
    }
    return sha;
  }

  private static int putHex(long v, byte[] out, int at) {
    for (int shift = 60; shift >= 0; shift -= 4) {
      out[at++] = HEX_DIGITS[(int) (v >>> shift) & 0xf];
    }
    return at;
  }

  private static long hexLong(String s, int from) {
    long v = 0;
    for (int i = from; i < from + 16; i++) {
      v = v << 4 | Character.digit(s.charAt(i), 16);
    }
    return v;
  }

  private static long bytesLong(byte[] b, int from) {
    long v = 0;
    for (int i = from; i < from + 8; i++) {
      v = v << 8 | (b[i] & 0xff);
    }
    return v;
  }
}
