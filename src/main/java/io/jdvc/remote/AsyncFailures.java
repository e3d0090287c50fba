package io.jdvc.remote;

import java.io.IOException;
import java.util.concurrent.ExecutionException;

/** The failure inside a transfer run on another thread, as the caller would have seen it had it run the transfer. */
public final class AsyncFailures {
  private AsyncFailures() {}

  /** Throws the cause of {@code e} if unchecked; returns it as an {@link IOException} (itself, or wrapped) to throw. */
  public static IOException cause(ExecutionException e) {
    Throwable c = e.getCause();
    if (c instanceof RuntimeException r) {
      throw r;
    }
    if (c instanceof Error err) {
      throw err;
    }
    return c instanceof IOException io ? io : new IOException(c);
  }
}
