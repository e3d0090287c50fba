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
  /** audit: some object is present but its content is not what the pointer names. */
  public static final int AUDIT_CORRUPT = 4;
  /** Interrupted (Ctrl-C). */
  public static final int INTERRUPTED = 130;

  private ExitCode() {}
}
