package io.jdvc.tables;

/**
 * How one column's distribution moved between two versions.
 *
 * @param test the gating test, null when the column could not be compared ({@code note} says why)
 * @param score the test's statistic (a p-value for KS and chi-squared)
 * @param psi population stability index, always reported, never gating (null when not computable)
 * @param ksD the Kolmogorov-Smirnov distance of numeric columns (from the quantiles), else null
 * @param nullDelta change in the share of nulls, in percentage points
 * @param meanDelta change of the mean (numeric columns)
 * @param medianDelta change of the median (numeric columns)
 */
public record ColumnDrift(String column, DriftTest test, Double score, Double threshold, Verdict verdict, Double psi,
    Double ksD, double nullDelta, Double meanDelta, Double medianDelta, long distinctDelta, String note) {

  public enum Verdict {
    OK, WARN, DRIFT, NOT_COMPARED;

    public String label() {
      return this == NOT_COMPARED ? "not compared" : this == DRIFT ? "DRIFT" : name().toLowerCase(
          java.util.Locale.ROOT);
    }
  }
}
