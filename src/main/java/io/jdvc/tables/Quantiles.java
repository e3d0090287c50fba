package io.jdvc.tables;

import java.util.List;

/**
 * A numeric column's distribution as its 101 quantiles (p0 ... p100): the cumulative distribution they imply
 * (linear between quantiles) and its inverse. Used to merge profiles and to compare two versions without the data.
 */
final class Quantiles {
  private Quantiles() {}

  /** The share of values at or below {@code x}. */
  static double cdf(List<Double> q, double x) {
    int last = q.size() - 1;
    if (x < q.get(0)) {
      return 0;
    }
    if (x >= q.get(last)) {
      return 1;
    }
    int lo = 0;
    int hi = last;
    while (hi - lo > 1) { // largest k with q[k] <= x
      int mid = (lo + hi) >>> 1;
      if (q.get(mid) <= x) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double span = q.get(lo + 1) - q.get(lo);
    double within = span > 0 ? (x - q.get(lo)) / span : 0;
    return (lo + within) / last;
  }

  /** The 101 quantiles of a mixture of distributions, each weighted by its count. */
  static List<Double> mixture(List<List<Double>> parts, List<Long> weights) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double total = 0;
    for (int i = 0; i < parts.size(); i++) {
      lo = Math.min(lo, parts.get(i).get(0));
      hi = Math.max(hi, parts.get(i).get(parts.get(i).size() - 1));
      total += weights.get(i);
    }
    Double[] out = new Double[ColumnProfile.QUANTILES];
    out[0] = lo;
    out[ColumnProfile.QUANTILES - 1] = hi;
    for (int p = 1; p < ColumnProfile.QUANTILES - 1; p++) {
      double target = p / 100.0;
      double a = lo;
      double b = hi;
      for (int it = 0; it < 80 && b - a > 0; it++) {
        double mid = (a + b) / 2;
        double f = 0;
        for (int i = 0; i < parts.size(); i++) {
          f += weights.get(i) * cdf(parts.get(i), mid);
        }
        if (f / total < target) {
          a = mid;
        } else {
          b = mid;
        }
      }
      out[p] = b;
    }
    return List.of(out);
  }
}
