package io.jdvc.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drift between two profiles, column by column, without reading any row. Defaults (design: Evidently's rules for
 * large data): a reference of more than 1000 rows is compared by effect size, Wasserstein/σ for numeric columns with
 * more than 5 distinct values and Jensen-Shannon distance for the others; a smaller reference by KS or chi-squared
 * p-values. Quantile-based statistics use the 101 exact quantiles of each profile.
 */
public final class DriftAnalysis {
  /** References up to this many rows are compared with significance tests. */
  static final long SMALL_REFERENCE = 1000;
  /** Numeric columns with at most this many distinct values are compared as categories. */
  static final int CATEGORICAL_MAX = 5;
  /** Empty categories or bins get this share, so logarithms stay finite. */
  static final double EPS = 1e-4;

  private DriftAnalysis() {}

  /**
   * @param test the test to use for every column, or null for the defaults
   * @param threshold overrides the test's default threshold, or null
   */
  public static List<ColumnDrift> compare(TableProfile ref, TableProfile cur, DriftTest test, Double threshold) {
    List<ColumnDrift> out = new ArrayList<>();
    for (ColumnProfile r : ref.columns()) {
      ColumnProfile c = cur.column(r.name()).orElse(null);
      if (c != null) {
        out.add(column(r, c, test, threshold, ref.rows()));
      }
    }
    return out;
  }

  /** Whether at least half of the compared columns drifted (Evidently's dataset drift share). */
  public static boolean datasetDrift(List<ColumnDrift> columns) {
    long compared = columns.stream().filter(d -> d.verdict() != ColumnDrift.Verdict.NOT_COMPARED).count();
    long drifted = columns.stream().filter(d -> d.verdict() == ColumnDrift.Verdict.DRIFT).count();
    return compared > 0 && drifted * 2 >= compared;
  }

  static ColumnDrift column(ColumnProfile r, ColumnProfile c, DriftTest forced, Double threshold, long refRows) {
    boolean numeric = r.kind() == ColumnKind.NUMERIC && c.kind() == ColumnKind.NUMERIC && !r.quantiles().isEmpty()
        && !c.quantiles().isEmpty();
    boolean categorical = r.valuesComplete() && c.valuesComplete() && !r.values().isEmpty()
        && !c.values().isEmpty();
    boolean asCategories = categorical && (!numeric || r.distinct() <= CATEGORICAL_MAX);
    boolean small = refRows <= SMALL_REFERENCE;
    DriftTest test = forced != null ? forced
        : asCategories ? (small ? DriftTest.CHISQ : DriftTest.JSD)
        : numeric ? (small ? DriftTest.KS : DriftTest.WASSERSTEIN) : null;
    Double ksD = numeric ? ksDistance(r.quantiles(), c.quantiles()) : null;
    Double psi = numeric && !asCategories ? psiNumeric(r.quantiles(), c.quantiles())
        : categorical ? psiValues(shares(r, c, true), shares(r, c, false)) : null;
    double nullDelta = 100 * (c.nullFraction() - r.nullFraction());
    Double meanDelta = r.mean() != null && c.mean() != null ? c.mean() - r.mean() : null;
    Double medianDelta = numeric ? c.quantile(50) - r.quantile(50) : null;
    long distinctDelta = c.distinct() - r.distinct();
    String note = null;
    Double score = null;
    if (test == null) {
      note = r.count() == 0 || c.count() == 0 ? "no values"
          : "not numeric, over " + DuckDbEngine.MAX_VALUES + " distinct values";
    } else if ((test == DriftTest.WASSERSTEIN || test == DriftTest.KS) && !numeric) {
      note = test.id() + " needs a numeric column";
    } else if ((test == DriftTest.JSD || test == DriftTest.CHISQ) && !categorical) {
      note = test.id() + " needs every value counted (at most " + DuckDbEngine.MAX_VALUES + " distinct)";
    } else {
      score = switch (test) {
        case WASSERSTEIN -> wasserstein(r.quantiles(), c.quantiles()) / Math.max(r.stddev() == null ? 0
            : r.stddev(), 0.001);
        case JSD -> jensenShannon(shares(r, c, true), shares(r, c, false));
        case KS -> Statistics.ksPValue(ksD, r.count(), c.count());
        case CHISQ -> chiSquaredPValue(r, c);
        case PSI -> psi;
      };
    }
    if (score == null) {
      return new ColumnDrift(r.name(), null, null, null, ColumnDrift.Verdict.NOT_COMPARED, psi, ksD, nullDelta,
          meanDelta, medianDelta, distinctDelta, note);
    }
    double limit = threshold != null ? threshold : test.defaultThreshold();
    ColumnDrift.Verdict v;
    if (test.isPValue()) {
      v = score < limit ? ColumnDrift.Verdict.DRIFT : ColumnDrift.Verdict.OK;
    } else {
      v = score >= limit ? ColumnDrift.Verdict.DRIFT : score >= limit / 2 ? ColumnDrift.Verdict.WARN
          : ColumnDrift.Verdict.OK;
    }
    return new ColumnDrift(r.name(), test, score, limit, v, psi, ksD, nullDelta, meanDelta, medianDelta,
        distinctDelta, null);
  }

  /** Mean absolute difference of the two quantile functions over p0 ... p100. */
  static double wasserstein(List<Double> a, List<Double> b) {
    double sum = 0;
    for (int i = 0; i < a.size(); i++) {
      sum += Math.abs(a.get(i) - b.get(i));
    }
    return sum / a.size();
  }

  /** The largest gap between the two distribution functions, evaluated at every quantile of either. */
  static double ksDistance(List<Double> a, List<Double> b) {
    double d = 0;
    for (List<Double> points : List.of(a, b)) {
      for (double x : points) {
        d = Math.max(d, Math.abs(Quantiles.cdf(a, x) - Quantiles.cdf(b, x)));
      }
    }
    return d;
  }

  /** PSI over the reference's deciles: each decile holds 10 % of the reference by construction. */
  static Double psiNumeric(List<Double> ref, List<Double> cur) {
    double[] r = new double[10];
    double[] c = new double[10];
    double prevR = 0;
    double prevC = 0;
    for (int k = 0; k < 10; k++) {
      double edge = ref.get(10 * (k + 1));
      double fr = k == 9 ? 1 : Quantiles.cdf(ref, edge);
      double fc = k == 9 ? 1 : Quantiles.cdf(cur, edge);
      r[k] = fr - prevR;
      c[k] = fc - prevC;
      prevR = fr;
      prevC = fc;
    }
    return psi(r, c);
  }

  static Double psiValues(double[] r, double[] c) {
    return psi(r, c);
  }

  private static double psi(double[] r, double[] c) {
    double sum = 0;
    for (int i = 0; i < r.length; i++) {
      double a = Math.max(r[i], EPS);
      double b = Math.max(c[i], EPS);
      sum += (b - a) * Math.log(b / a);
    }
    return sum;
  }

  /** The share of each value (union of both sides' values, reference order first) on one side. */
  static double[] shares(ColumnProfile r, ColumnProfile c, boolean reference) {
    Set<String> keys = new LinkedHashSet<>();
    r.values().forEach(v -> keys.add(v.value()));
    c.values().forEach(v -> keys.add(v.value()));
    ColumnProfile side = reference ? r : c;
    Map<String, Long> counts = new LinkedHashMap<>();
    side.values().forEach(v -> counts.put(v.value(), v.count()));
    double[] out = new double[keys.size()];
    int i = 0;
    for (String k : keys) {
      out[i++] = side.count() == 0 ? 0 : (double) counts.getOrDefault(k, 0L) / side.count();
    }
    return out;
  }

  static double jensenShannon(double[] p, double[] q) {
    double js = 0;
    for (int i = 0; i < p.length; i++) {
      double a = Math.max(p[i], EPS);
      double b = Math.max(q[i], EPS);
      double m = (a + b) / 2;
      js += 0.5 * a * Math.log(a / m) + 0.5 * b * Math.log(b / m);
    }
    return Math.sqrt(Math.max(js, 0));
  }

  private static double chiSquaredPValue(ColumnProfile r, ColumnProfile c) {
    double[] p = shares(r, c, true);
    double[] q = shares(r, c, false);
    double n = r.count();
    double m = c.count();
    double stat = 0;
    for (int i = 0; i < p.length; i++) {
      double total = p[i] * n + q[i] * m;
      if (total == 0) {
        continue;
      }
      double er = total * n / (n + m);
      double ec = total * m / (n + m);
      stat += Math.pow(p[i] * n - er, 2) / er + Math.pow(q[i] * m - ec, 2) / ec;
    }
    return p.length < 2 ? 1 : Statistics.chiSquaredSurvival(stat, p.length - 1);
  }
}
