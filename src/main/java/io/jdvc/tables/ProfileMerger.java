package io.jdvc.tables;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A directory's or glob's profile from its files' profiles, so that changing one file costs one file's profile.
 * Exact: counts, nulls, min/max, sum, mean, standard deviation (Chan et al.'s pairwise merge of M2) and complete
 * value counts. Approximate: quantiles (the count-weighted mixture of the files' quantile functions), histograms
 * (each file's bins spread evenly over the merged bins) and, without complete value counts, distinct (the largest
 * file's count, or the sum when every file's values look unique).
 */
final class ProfileMerger {
  private ProfileMerger() {}

  static TableProfile merge(List<TableProfile> parts) {
    TableProfile first = parts.get(0);
    long rows = 0;
    int files = 0;
    for (TableProfile p : parts) {
      rows += p.rows();
      files += p.files();
    }
    List<ColumnProfile> cols = new ArrayList<>();
    for (int i = 0; i < first.columns().size(); i++) {
      List<ColumnProfile> same = new ArrayList<>();
      for (TableProfile p : parts) {
        same.add(p.columns().get(i));
      }
      cols.add(column(same));
    }
    return new TableProfile(TableProfile.SPEC, null, first.format(), rows, files, cols);
  }

  private static ColumnProfile column(List<ColumnProfile> parts) {
    ColumnProfile f = parts.get(0);
    boolean numeric = f.kind() == ColumnKind.NUMERIC;
    long count = 0;
    long nulls = 0;
    String min = null;
    String max = null;
    Long lmin = null;
    Long lmax = null;
    for (ColumnProfile c : parts) {
      count += c.count();
      nulls += c.nulls();
      if (c.min() != null && (min == null || compare(c.min(), min, numeric) < 0)) {
        min = c.min();
      }
      if (c.max() != null && (max == null || compare(c.max(), max, numeric) > 0)) {
        max = c.max();
      }
      if (c.minLength() != null) {
        lmin = lmin == null ? c.minLength() : Math.min(lmin, c.minLength());
        lmax = lmax == null ? c.maxLength() : Math.max(lmax, c.maxLength());
      }
    }
    List<ColumnProfile> withData = parts.stream().filter(c -> c.count() > 0).toList();
    Double mean = null;
    Double sd = null;
    Double sum = null;
    List<Double> q = List.of();
    Histogram hist = null;
    if (numeric && !withData.isEmpty()) {
      double s = 0;
      double weighted = 0;
      for (ColumnProfile c : withData) {
        s += c.sum();
        weighted += c.mean() * c.count();
      }
      sum = s;
      mean = weighted / count;
      double m2 = 0;
      for (ColumnProfile c : withData) {
        double sdi = c.stddev() == null ? 0 : c.stddev();
        double d = c.mean() - mean;
        m2 += sdi * sdi * (c.count() - 1) + d * d * c.count();
      }
      sd = count > 1 ? Math.sqrt(m2 / (count - 1)) : null;
      q = Quantiles.mixture(withData.stream().map(ColumnProfile::quantiles).toList(),
          withData.stream().map(ColumnProfile::count).toList());
      hist = histogram(withData);
    }
    Map<String, Long> merged = new LinkedHashMap<>();
    boolean complete = true;
    long maxDistinct = 0;
    long sumDistinct = 0;
    boolean allUnique = true;
    for (ColumnProfile c : withData) {
      complete &= c.valuesComplete();
      c.values().forEach(v -> merged.merge(v.value(), v.count(), Long::sum));
      maxDistinct = Math.max(maxDistinct, c.distinct());
      sumDistinct += c.distinct();
      allUnique &= c.distinct() >= 0.95 * c.count();
    }
    List<ValueCount> values = new ArrayList<>();
    merged.forEach((k, v) -> values.add(new ValueCount(k, v)));
    values.sort(Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ValueCount::value));
    long distinct;
    List<ValueCount> kept = values;
    if (complete && values.size() <= DuckDbEngine.MAX_VALUES) {
      distinct = values.size();
    } else {
      complete = false;
      // a file that kept no counts says nothing of how often values occur: the others' lists alone would be wrong
      boolean everyFileCounted = withData.stream().noneMatch(c -> c.values().isEmpty());
      kept = everyFileCounted ? values.subList(0, Math.min(values.size(), DuckDbEngine.TOP_VALUES)) : List.of();
      distinct = allUnique ? Math.min(sumDistinct, count) : maxDistinct;
    }
    return new ColumnProfile(f.name(), f.type(), count, nulls, distinct, min, max, mean, sd, sum, q, hist, kept,
        complete, lmin, lmax);
  }

  private static int compare(String a, String b, boolean numeric) {
    if (numeric) {
      try {
        return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
      } catch (NumberFormatException e) {
        // fall through to text order
      }
    }
    return a.compareTo(b);
  }

  private static Histogram histogram(List<ColumnProfile> parts) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (ColumnProfile c : parts) {
      lo = Math.min(lo, c.histogram().low());
      hi = Math.max(hi, c.histogram().high());
    }
    double[] bins = new double[Histogram.BINS];
    double w = (hi - lo) / Histogram.BINS;
    for (ColumnProfile c : parts) {
      Histogram h = c.histogram();
      for (int b = 0; b < h.counts().size(); b++) {
        long n = h.counts().get(b);
        if (n == 0) {
          continue;
        }
        double a = h.low() + b * h.width();
        double z = a + h.width();
        if (!(w > 0) || !(h.width() > 0)) {
          bins[w > 0 ? bin(a, lo, w) : 0] += n;
          continue;
        }
        for (int t = bin(a, lo, w); t <= bin(z, lo, w); t++) {
          double overlap = Math.min(z, lo + (t + 1) * w) - Math.max(a, lo + t * w);
          if (overlap > 0) {
            bins[t] += n * overlap / h.width();
          }
        }
      }
    }
    List<Long> counts = new ArrayList<>(Collections.nCopies(Histogram.BINS, 0L));
    for (int b = 0; b < bins.length; b++) {
      counts.set(b, Math.round(bins[b]));
    }
    return new Histogram(lo, hi, counts);
  }

  private static int bin(double x, double lo, double w) {
    return Math.max(0, Math.min(Histogram.BINS - 1, (int) Math.floor((x - lo) / w)));
  }
}
