package io.jdvc.tables;

/** The p-values the small-sample drift tests need: Kolmogorov's distribution and the chi-squared distribution. */
final class Statistics {
  private Statistics() {}

  /**
   * P(D > d) for the two-sample Kolmogorov-Smirnov statistic {@code d} of samples of sizes n and m (the asymptotic
   * distribution with Stephens' small-sample correction).
   */
  static double ksPValue(double d, long n, long m) {
    double en = Math.sqrt((double) n * m / (n + m));
    double lambda = (en + 0.12 + 0.11 / en) * d;
    if (lambda < 1e-3) {
      return 1;
    }
    double sum = 0;
    for (int j = 1; j <= 100; j++) {
      double term = Math.exp(-2 * j * j * lambda * lambda);
      sum += (j % 2 == 1 ? 1 : -1) * term;
      if (term < 1e-12) {
        break;
      }
    }
    return Math.max(0, Math.min(1, 2 * sum));
  }

  /** P(X > x) for X chi-squared with {@code df} degrees of freedom. */
  static double chiSquaredSurvival(double x, int df) {
    if (x <= 0) {
      return 1;
    }
    return 1 - regularizedGammaP(df / 2.0, x / 2.0);
  }

  /** The regularized lower incomplete gamma function P(a, x): a series below a + 1, a continued fraction above. */
  static double regularizedGammaP(double a, double x) {
    double lnPrefix = -x + a * Math.log(x) - logGamma(a);
    if (x < a + 1) {
      double term = 1 / a;
      double sum = term;
      for (int k = 1; k < 1000; k++) {
        term *= x / (a + k);
        sum += term;
        if (Math.abs(term) < Math.abs(sum) * 1e-15) {
          break;
        }
      }
      return sum * Math.exp(lnPrefix);
    }
    // Lentz's method for the continued fraction of Q(a, x)
    double b = x + 1 - a;
    double c = 1 / 1e-300;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 1000; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      d = Math.abs(d) < 1e-300 ? 1e-300 : d;
      c = b + an / c;
      c = Math.abs(c) < 1e-300 ? 1e-300 : c;
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < 1e-15) {
        break;
      }
    }
    return 1 - Math.exp(lnPrefix) * h;
  }

  /** ln Γ(x) for x > 0 (Lanczos, g = 7). */
  static double logGamma(double x) {
    double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    x -= 1;
    double a = g[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += g[i] / (x + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
  }
}
