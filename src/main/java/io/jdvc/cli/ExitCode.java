package io.jdvc.cli;

/** Every exit code jdvc uses, in one place (documented in docs/exit-codes.md). */
public final class ExitCode {
  public static final int OK = 0;
  /** A user-facing error, or {@code status -q} with changes (as DVC). */
  public static final int ERROR = 1;
  /** Bad command line. */
  public static final int USAGE = 2;
  /** audit: some object is missing from the cache or a remote. */
  public static final int AUDIT_MISSING = 3;
  /** data commands: a table's bytes are in no reachable store (the same code as audit's "missing"). */
  public static final int DATA_UNAVAILABLE = 3;
  /** audit: some object is present but its content is not what the pointer names. */
  public static final int AUDIT_CORRUPT = 4;
  /** data check: a check failed; data diff: {@code --fail-on} tripped. */
  public static final int DATA_FAILED = 5;
  /** data check {@code --fail-on warn}: no check failed, some warned. */
  public static final int DATA_WARNED = 6;
  /** Interrupted (Ctrl-C). */
  public static final int INTERRUPTED = 130;

  private ExitCode() {}
}
