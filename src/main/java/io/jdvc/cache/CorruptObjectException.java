package io.jdvc.cache;

import io.jdvc.ContentMismatch;
import io.jdvc.JdvcException;
import io.jdvc.object.Oid;

/** Bytes that should be object {@code expected} hash to something else; nothing was stored. */
public final class CorruptObjectException extends JdvcException implements ContentMismatch {
  private final transient Oid expected;
  private final transient Oid actual;

  public CorruptObjectException(Oid expected, Oid actual, String source) {
    super("object " + expected + " from " + source + " is corrupt: its content hashes to " + actual.value(),
        "the copy at " + source + " was damaged or replaced; re-push it from a good cache");
    this.expected = expected;
    this.actual = actual;
  }

  public Oid expected() {
    return expected;
  }

  public Oid actual() {
    return actual;
  }
}
