package io.jdvc.tables;

import java.util.List;

/**
 * What one column holds. Counts are exact; {@code distinct} is DuckDB's HyperLogLog estimate (deterministic) unless
 * {@code valuesComplete}, when it is the exact number of values listed. Numeric columns have {@code mean},
 * {@code stddev} (sample), {@code sum}, 101 exact quantiles (p0 ... p100) and a histogram; other columns have empty
 * quantiles and a null histogram.
 *
 * @param min the smallest value as text (numbers too, as DuckDB prints them); null if the column is all null
 * @param values value counts, most frequent first: every value when {@code valuesComplete}, else the top ones
 * @param minLength shortest string (STRING columns), else null
 */
public record ColumnProfile(String name, String type, long count, long nulls, long distinct, String min, String max,
    Double mean, Double stddev, Double sum, List<Double> quantiles, Histogram histogram, List<ValueCount> values,
    boolean valuesComplete, Long minLength, Long maxLength) {
  public static final int QUANTILES = 101;

  public ColumnProfile {
    quantiles = List.copyOf(quantiles);
    values = List.copyOf(values);
  }

  /** This column with {@code top}, its most frequent values (not every value). */
  ColumnProfile withTopValues(List<ValueCount> top) {
    return new ColumnProfile(name, type, count, nulls, distinct, min, max, mean, stddev, sum, quantiles, histogram,
        top, false, minLength, maxLength);
  }

  public ColumnKind kind() {
    return ColumnKind.of(type);
  }

  public long rows() {
    return count + nulls;
  }

  public double nullFraction() {
    return rows() == 0 ? 0 : (double) nulls / rows();
  }

  /** The p-th percentile (0..100), or null without quantiles. */
  public Double quantile(int p) {
    return quantiles.isEmpty() ? null : quantiles.get(p);
  }

  public Column column() {
    return new Column(name, type);
  }
}
