package io.jdvc.object;

import java.util.Optional;

/**
 * The one place that knows where an object lives inside a cache or a remote, relative to its root:
 * DVC 3.x objects at {@code files/md5/ab/cdef...}, legacy 2.x objects at {@code ab/cdef...}.
 * Keys always use '/' so the same string serves as an S3 key suffix and a relative file path.
 */
public final class ObjectLayout {
  public static final String MD5_ROOT = "files/md5/";

  private ObjectLayout() {}

  public static String keyOf(Oid oid) {
    String v = oid.value();
    String rel = v.substring(0, 2) + "/" + v.substring(2);
    return oid.legacy() ? rel : MD5_ROOT + rel;
  }

  /** Inverse of {@link #keyOf}; empty for anything that is not an object key (temp files, run cache, ...). */
  public static Optional<Oid> oidOf(String relativeKey) {
    boolean legacy = !relativeKey.startsWith(MD5_ROOT);
    String rest = legacy ? relativeKey : relativeKey.substring(MD5_ROOT.length());
    if (rest.length() < 4 || rest.charAt(2) != '/') {
      return Optional.empty();
    }
    String value = rest.substring(0, 2) + rest.substring(3);
    return Oid.isValid(value) ? Optional.of(new Oid(value, legacy)) : Optional.empty();
  }
}
