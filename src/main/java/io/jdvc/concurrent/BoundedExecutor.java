package io.jdvc.concurrent;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The only place in jdvc that creates threads. {@link #forEach} runs one task per item on {@code threads}
 * workers (the caller is one of them), each taking the next item from the shared iterator when it finishes the
 * last: no future and no thread hand-off per item (for 20k small files those hand-offs cost more than the
 * work), and a million-file walk never holds more than {@code threads} items at once. The first failure stops
 * the taking of items and is rethrown once the items already running have finished.
 */
public final class BoundedExecutor {
  /** A task that may throw; checked exceptions come back wrapped in {@link TaskException}. */
  @FunctionalInterface
  public interface Task<T> {
    void run(T item) throws Exception;
  }

  /** Wraps a checked exception from a task; {@link #getCause()} is the original. */
  public static final class TaskException extends RuntimeException {
    TaskException(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }

  private BoundedExecutor() {}

  /** Default hashing parallelism: every core, as hashing is CPU-bound. */
  public static int cpuThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  public static <T> void forEach(Iterable<T> items, int threads, Task<? super T> task) {
    Iterator<T> it = items.iterator();
    if (threads <= 1) {
      while (it.hasNext()) {
        runInline(task, it.next());
      }
      return;
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable worker = () -> {
      while (failure.get() == null) {
        T item;
        synchronized (it) {
          if (!it.hasNext()) {
            return;
          }
          item = it.next();
        }
        try {
          task.run(item);
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      }
    };
    ExecutorService pool = Executors.newFixedThreadPool(threads - 1, daemonThreads());
    try {
      List<Future<?>> helpers = new ArrayList<>(threads - 1);
      for (int i = 0; i < threads - 1; i++) {
        helpers.add(pool.submit(worker));
      }
      worker.run();
      for (Future<?> f : helpers) {
        Throwable t = await(f);
        if (t != null) {
          failure.compareAndSet(null, t);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    if (failure.get() != null) {
      rethrow(failure.get());
    }
  }

  /**
   * Runs {@code background} on its own thread while the caller runs {@code foreground}, and returns when both
   * are done: for two independent passes over the same data (hash it and copy it) on two cores. The first
   * failure is rethrown.
   */
  public static <T> T both(java.util.concurrent.Callable<T> foreground, Task<Void> background) {
    ExecutorService pool = Executors.newSingleThreadExecutor(daemonThreads());
    try {
      Future<?> side = pool.submit(() -> {
        background.run(null);
        return null;
      });
      T result;
      try {
        result = foreground.call();
      } catch (Exception e) {
        side.cancel(true);
        rethrow(e);
        return null;
      }
      Throwable t = await(side);
      if (t != null) {
        rethrow(t);
      }
      return result;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Starts {@code task} on a daemon thread and returns its future: for start-up work (loading a state file)
   * that can overlap with other start-up work (walking the workspace) on the second core.
   */
  public static <T> Future<T> background(java.util.concurrent.Callable<T> task) {
    java.util.concurrent.FutureTask<T> f = new java.util.concurrent.FutureTask<>(task);
    Thread t = new Thread(f, "jdvc-background");
    t.setDaemon(true);
    t.start();
    return f;
  }

  private static <T> void runInline(Task<? super T> task, T item) {
    try {
      task.run(item);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new TaskException(e);
    }
  }

  private static Throwable await(Future<?> f) {
    try {
      f.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.CancellationException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    }
  }

  private static void rethrow(Throwable t) {
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    throw new TaskException(t);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "jdvc-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
