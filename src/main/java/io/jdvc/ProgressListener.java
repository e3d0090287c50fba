package io.jdvc;

/**
 * How the core reports long work without printing. Implementations must be thread-safe: transfers and hashing
 * call {@link #advance} from worker threads.
 *
 * <p>Bytes are reported while a file is being read, copied or transferred, once per buffer or step (about
 * 1 MiB; 16 MiB for kernel copies), not once per file: a single multi-GiB file moves a bar too. Items are
 * reported when a file is done. So {@link #advance} must be cheap, and {@link #NONE} (what the CLI uses when
 * stderr is not a terminal) does nothing at all.
 */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /** A new phase starts; totals may be -1 when unknown. */
  default void begin(String task, long totalItems, long totalBytes) {}

  /**
   * Some items and bytes of the current phase are done. {@code bytes} is negative when a transfer that is
   * retried takes back what its failed attempt reported.
   */
  default void advance(long items, long bytes) {}

  /** The current phase has ended. */
  default void end() {}
}
