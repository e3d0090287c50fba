package io.jdvc.remote;

import io.jdvc.JdvcException;

/** The remote as a whole cannot be used: unreachable endpoint, bad credentials, missing bucket or directory. */
public final class RemoteUnavailableException extends JdvcException {
  public RemoteUnavailableException(String message, String hint, Throwable cause) {
    super(message, hint, cause);
  }
}
