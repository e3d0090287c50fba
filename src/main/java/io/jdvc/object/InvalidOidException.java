package io.jdvc.object;

import io.jdvc.JdvcException;

/** A hash value that is not 32 lower-case hex digits (plus an optional {@code .dir}). */
public final class InvalidOidException extends JdvcException {
  public InvalidOidException(String value) {
    super("invalid object id '" + value + "': expected 32 lower-case hex digits, optionally followed by .dir");
  }
}
