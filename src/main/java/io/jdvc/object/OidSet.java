package io.jdvc.object;

/**
 * A set of file oids at 16 bytes each (the MD5 as two longs in an open-addressing table), for the million-entry
 * questions a {@code HashSet<Oid>} would need about 100 bytes per entry for: which files of a directory its
 * previous version already holds. Legacy and 3.x oids with the same digits are different objects and are kept
 * apart. Not thread-safe.
 */
public final class OidSet {
  private long[] slots = new long[2 * 64]; // hi, lo pairs; an all-zero pair marks an empty slot
  private int size;
  private boolean hasZero;
  private OidSet legacy;

  public int size() {
    return size + (hasZero ? 1 : 0) + (legacy == null ? 0 : legacy.size());
  }

  /** Adds a file oid ({@code .dir} oids are refused: the suffix is not part of the key). */
  public void add(Oid oid) {
    if (oid.isDir()) {
      throw new IllegalArgumentException("OidSet holds file oids, not " + oid);
    }
    if (oid.legacy()) {
      if (legacy == null) {
        legacy = new OidSet();
      }
      legacy.add(oid.withLegacy(false));
      return;
    }
    long hi = hex(oid.value(), 0);
    long lo = hex(oid.value(), 16);
    if (hi == 0 && lo == 0) {
      hasZero = true;
      return;
    }
    if ((size + 1) * 4L > slots.length / 2 * 3L) { // at most 3/4 of the slots in use
      grow();
    }
    if (insert(slots, hi, lo)) {
      size++;
    }
  }

  public boolean contains(Oid oid) {
    if (oid.isDir()) {
      return false;
    }
    if (oid.legacy()) {
      return legacy != null && legacy.contains(oid.withLegacy(false));
    }
    long hi = hex(oid.value(), 0);
    long lo = hex(oid.value(), 16);
    if (hi == 0 && lo == 0) {
      return hasZero;
    }
    int mask = slots.length / 2 - 1;
    for (int i = mix(hi, lo) & mask; ; i = (i + 1) & mask) {
      long h = slots[2 * i];
      long l = slots[2 * i + 1];
      if (h == 0 && l == 0) {
        return false;
      }
      if (h == hi && l == lo) {
        return true;
      }
    }
  }

  private static boolean insert(long[] table, long hi, long lo) {
    int mask = table.length / 2 - 1;
    for (int i = mix(hi, lo) & mask; ; i = (i + 1) & mask) {
      long h = table[2 * i];
      long l = table[2 * i + 1];
      if (h == 0 && l == 0) {
        table[2 * i] = hi;
        table[2 * i + 1] = lo;
        return true;
      }
      if (h == hi && l == lo) {
        return false;
      }
    }
  }

  private void grow() {
    long[] bigger = new long[slots.length * 2];
    for (int i = 0; i < slots.length; i += 2) {
      if (slots[i] != 0 || slots[i + 1] != 0) {
        insert(bigger, slots[i], slots[i + 1]);
      }
    }
    slots = bigger;
  }

  /** MD5 digits are uniform already; folding both halves keeps a crafted set from sharing one low half. */
  private static int mix(long hi, long lo) {
    long x = hi ^ Long.rotateLeft(lo, 29);
    return (int) (x ^ (x >>> 32));
  }

  /** 16 hex digits from {@code from}; an oid's digits are validated lower-case hex. */
  private static long hex(String s, int from) {
    long v = 0;
    for (int i = from; i < from + 16; i++) {
      char c = s.charAt(i);
      v = v << 4 | (c <= '9' ? c - '0' : c - 'a' + 10);
    }
    return v;
  }
}
