package io.jdvc.audit;

/** What one store (the cache or a remote) says about one object. */
public enum StoreState {
  /** Present, and its bytes were shown to hash to the oid (an MD5 ETag, or a deep re-hash). */
  VERIFIED("verified"),
  /** Present; integrity not checked (no usable ETag, a multipart upload, a local store, or a legacy oid). */
  PRESENT("present"),
  /** Absent. */
  MISSING("missing"),
  /** Present, but its bytes are not what the oid (or the SHA-256 record) names. */
  CORRUPT("corrupt"),
  /**
   * Absent from a remote, as it should be: only repository imports use it, and their data comes from the source
   * repository (DVC never pushes it).
   */
  IMPORTED("imported");

  private final String label;

  StoreState(String label) {
    this.label = label;
  }

  /** The stable lower-case name used in text and JSON output. */
  public String label() {
    return label;
  }

  public boolean present() {
    return this == VERIFIED || this == PRESENT;
  }
}
