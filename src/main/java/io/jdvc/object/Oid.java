package io.jdvc.object;

/**
 * The id of one content-addressed object: a lower-case 32-hex MD5, with the suffix {@code .dir} for a directory
 * manifest. {@code legacy} marks a DVC 2.x (md5-dos2unix) hash, which lives in the legacy cache and remote layout.
 * Parsed strictly at the edge so that no malformed id can reach a path.
 */
public record Oid(String value, boolean legacy) implements Comparable<Oid> {
  public static final String DIR_SUFFIX = ".dir";

  public Oid {
    if (!isValid(value)) {
      throw new InvalidOidException(value);
    }
  }

  /** A DVC 3.x (plain md5) id. */
  public static Oid parse(String value) {
    return new Oid(value, false);
  }

  /** An id under the given hash name, as written in a pointer file ({@code md5} or {@code md5-dos2unix}). */
  public static Oid parse(String value, boolean legacy) {
    return new Oid(value, legacy);
  }

  public static Oid ofDir(String md5Hex, boolean legacy) {
    return new Oid(md5Hex + DIR_SUFFIX, legacy);
  }

  /** 32 lower-case hex digits, optionally followed by {@code .dir}. Hand-written: it runs for every file. */
  public static boolean isValid(String value) {
    if (value == null || value.length() != 32 && !(value.length() == 36 && value.endsWith(DIR_SUFFIX))) {
      return false;
    }
    for (int i = 0; i < 32; i++) {
      char c = value.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  public boolean isDir() {
    return value.endsWith(DIR_SUFFIX);
  }

  /** The 32 hex digits without the {@code .dir} suffix. */
  public String md5() {
    return value.substring(0, 32);
  }

  /** The same hash value under the other hash name. */
  public Oid withLegacy(boolean newLegacy) {
    return newLegacy == legacy ? this : new Oid(value, newLegacy);
  }

  @Override
  public int compareTo(Oid o) {
    int c = value.compareTo(o.value);
    return c != 0 ? c : Boolean.compare(legacy, o.legacy);
  }

  // equals and hashCode written out, with the values a record's own would give (hash orders stay as they were): the
  // record's are bootstrapped through invokedynamic (java.lang.runtime.ObjectMethods), which spins a dozen method
  // handle classes in the first call of each process, ~10 ms of every status.
  @Override
  public boolean equals(Object o) {
    return o instanceof Oid other && legacy == other.legacy && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return 31 * value.hashCode() + Boolean.hashCode(legacy);
  }

  @Override
  public String toString() {
    return value;
  }
}
