package io.jdvc.remote.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Runs a batch of I/O tasks on a pool and fails fast: the first failure cancels the rest and is rethrown. */
final class Tasks {
  private Tasks() {}

  /** Runs all tasks; returns their results in completion order. */
  static <T> List<T> all(ExecutorService pool, List<? extends Callable<T>> tasks) throws IOException {
    CompletionService<T> cs = new ExecutorCompletionService<>(pool);
    List<Future<T>> futures = new ArrayList<>(tasks.size());
    List<T> results = new ArrayList<>(tasks.size());
    try {
      for (Callable<T> t : tasks) {
        futures.add(cs.submit(t));
      }
      for (int i = 0; i < tasks.size(); i++) {
        results.add(cs.take().get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } finally {
      // No-op when all finished; otherwise stops queued work and interrupts running requests.
      futures.forEach(f -> f.cancel(true));
    }
  }

  private static IOException rethrow(Throwable t) {
    if (t instanceof IOException io) {
      return io;
    }
    if (t instanceof UncheckedIOException u) {
      return u.getCause();
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    return new IOException(t);
  }
}
