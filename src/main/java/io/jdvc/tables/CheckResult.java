package io.jdvc.tables;

/**
 * The outcome of one check.
 *
 * @param table the table as checked ({@code PATH@REV})
 * @param observed the measured value (a number, or a description for schema checks); null when not measured
 * @param message why it warned, failed or errored, or what it was compared with; may be null
 */
public record CheckResult(String table, CheckSpec check, Outcome outcome, Object observed, String message) {
  public enum Outcome {
    PASS, WARN, FAIL, ERROR, NOT_EVALUATED;

    public String label() {
      return switch (this) {
        case PASS -> "PASSED";
        case WARN -> "WARNED";
        case FAIL -> "FAILED";
        case ERROR -> "ERROR";
        case NOT_EVALUATED -> "NOT EVALUATED";
      };
    }

    /** Soda's words, used in JSON: pass, warn, fail, error, not_evaluated. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
