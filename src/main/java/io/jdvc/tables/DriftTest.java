package io.jdvc.tables;

/**
 * The tests that compare a column between two versions. The effect sizes (Wasserstein, Jensen-Shannon, PSI) drift
 * at or above their threshold and warn at or above half of it; the significance tests (KS, chi-squared), used for
 * small references, drift when their p-value is below the threshold.
 */
public enum DriftTest {
  /** Wasserstein-1 distance between the quantile functions, divided by the reference's standard deviation. */
  WASSERSTEIN("wasserstein", 0.1, false),
  /** Jensen-Shannon distance (natural log) between the value shares. */
  JSD("jsd", 0.1, false),
  /** Two-sample Kolmogorov-Smirnov p-value. */
  KS("ks", 0.05, true),
  /** Chi-squared homogeneity p-value over the values. */
  CHISQ("chisq", 0.05, true),
  /** Population stability index over the reference's deciles (numeric) or values. */
  PSI("psi", 0.2, false);

  private final String id;
  private final double threshold;
  private final boolean pValue;

  DriftTest(String id, double threshold, boolean pValue) {
    this.id = id;
    this.threshold = threshold;
    this.pValue = pValue;
  }

  public String id() {
    return id;
  }

  public double defaultThreshold() {
    return threshold;
  }

  /** Whether the score is a p-value (small means drift) rather than a distance (large means drift). */
  public boolean isPValue() {
    return pValue;
  }

  public static DriftTest of(String id) {
    for (DriftTest t : values()) {
      if (t.id.equals(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown drift test '" + id + "' (auto, wasserstein, jsd, ks, chisq, psi)");
  }
}
