package io.jdvc;

/**
 * How the core reports long work without printing. Implementations must be thread-safe: transfers and hashing
 * call {@link #advance} from worker threads.
 */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /** A new phase starts; totals may be -1 when unknown. */
  default void begin(String task, long totalItems, long totalBytes) {}

  /** Some items and bytes of the current phase are done. */
  default void advance(long items, long bytes) {}

  /** The current phase has ended. */
  default void end() {}
}
