package io.jdvc.tables;

import java.util.List;

/** Equal-width bins from {@code low} to {@code high}; a value equal to {@code high} falls in the last bin. */
public record Histogram(double low, double high, List<Long> counts) {
  public static final int BINS = 30;

  public Histogram {
    counts = List.copyOf(counts);
  }

  public double width() {
    return (high - low) / counts.size();
  }
}
