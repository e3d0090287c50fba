package io.jdvc.tables;

import io.jdvc.JdvcException;

/** A table's bytes are in no store jdvc can reach: not in the workspace, the cache or the remote (exit code 3). */
public class DataUnavailableException extends JdvcException {
  public DataUnavailableException(String message, String hint) {
    super(message, hint);
  }

  public DataUnavailableException(String message, String hint, Throwable cause) {
    super(message, hint, cause);
  }
}
