package io.jdvc.remote;

import io.jdvc.JdvcException;

/**
 * A configured remote of a kind jdvc does not speak ({@code gs://}, {@code azure://}, {@code ssh://}, ...). Commands
 * that transfer fail with it; commands that only read history go on without that remote.
 */
public final class UnsupportedRemoteException extends JdvcException {
  public UnsupportedRemoteException(String message, String hint) {
    super(message, hint, null);
  }
}
