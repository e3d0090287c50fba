package io.jdvc.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statistics behind the drift verdicts, against values from statistical tables. */
class DriftStatisticsTest {
  @Test
  void chiSquaredSurvivalMatchesTables() {
    assertEquals(0.05, Statistics.chiSquaredSurvival(3.841, 1), 1e-3);
    assertEquals(0.05, Statistics.chiSquaredSurvival(11.070, 5), 1e-3);
    assertEquals(0.01, Statistics.chiSquaredSurvival(23.209, 10), 1e-3);
    assertEquals(1.0, Statistics.chiSquaredSurvival(0, 3), 1e-12);
  }

  @Test
  void kolmogorovPValueMatchesTheAsymptoticCriticalValue() {
    // two samples of 1000: D = 1.358 * sqrt(2 / 1000) is the 5 % critical value
    double d = 1.358 * Math.sqrt(2.0 / 1000);
    assertEquals(0.05, Statistics.ksPValue(d, 1000, 1000), 0.01);
    assertTrue(Statistics.ksPValue(0.01, 1000, 1000) > 0.99);
  }

  private static List<Double> normalQuantiles(double mean, double sd) {
    List<Double> q = new ArrayList<>();
    for (int p = 0; p <= 100; p++) {
      double x = Math.min(Math.max(p / 100.0, 0.001), 0.999);
      q.add(mean + sd * inverseNormal(x));
    }
    return q;
  }

  /** Acklam-free approximation, good to 1e-3: enough for a test of distances. */
  private static double inverseNormal(double p) {
    double t = Math.sqrt(-2 * Math.log(Math.min(p, 1 - p)));
    double z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t
        + 0.001308 * t * t * t);
    return p < 0.5 ? -z : z;
  }

  @Test
  void wassersteinOfAShiftIsTheShift() {
    List<Double> a = normalQuantiles(10, 2);
    List<Double> b = normalQuantiles(12, 2);
    assertEquals(2.0, DriftAnalysis.wasserstein(a, b), 1e-9);
    assertEquals(0.0, DriftAnalysis.wasserstein(a, a), 0);
    assertEquals(0.38, DriftAnalysis.ksDistance(a, b), 0.02); // 2 Phi(0.5) - 1
    assertTrue(DriftAnalysis.psiNumeric(a, a) < 1e-9);
    assertTrue(DriftAnalysis.psiNumeric(a, b) > 0.2);
  }

  @Test
  void jensenShannonIsZeroForEqualSharesAndBoundedByLnTwo() {
    assertEquals(0, DriftAnalysis.jensenShannon(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}), 1e-12);
    double disjoint = DriftAnalysis.jensenShannon(new double[] {1, 0}, new double[] {0, 1});
    assertEquals(Math.sqrt(Math.log(2)), disjoint, 0.01);
  }

  @Test
  void quantileMixtureOfEqualHalvesKeepsTheMedianBetween() {
    List<Double> a = normalQuantiles(0, 1);
    List<Double> b = normalQuantiles(10, 1);
    List<Double> mix = Quantiles.mixture(List.of(a, b), List.of(100L, 100L));
    assertEquals(5, mix.get(50), 3.5); // the median of two far apart halves lies between them
    assertEquals(a.get(0), mix.get(0), 0);
    assertEquals(b.get(100), mix.get(100), 0);
    assertEquals(0.5, Quantiles.cdf(mix, mix.get(50)), 0.02);
  }

  @Test
  void conditionsReadSodaThresholds() {
    assertTrue(Condition.parse("between 1 and 5").holds(5));
    assertTrue(Condition.parse("not between -10% and +10%").holds(-25));
    assertTrue(Condition.parse("< 1d").holds(86399));
    assertTrue(Condition.parse("<= 5%").holds(5));
    assertTrue(Condition.parse("!= 0").holds(1));
    assertEquals(7200, Condition.parse("> 2h").a(), 0);
  }

  @Test
  void schemaChangesAreClassed() {
    List<Column> before = List.of(new Column("id", "INTEGER"), new Column("x", "DOUBLE"), new Column("s", "VARCHAR"));
    List<Column> after = List.of(new Column("id", "BIGINT"), new Column("s", "INTEGER"), new Column("y", "DOUBLE"));
    List<SchemaChange> c = SchemaDiff.compare(before, after, null, null);
    assertEquals(SchemaChange.Severity.WARNING, c.get(0).severity()); // INTEGER -> BIGINT widens
    assertEquals(SchemaChange.Kind.REMOVED, c.get(1).kind());
    assertEquals("renamed to y?", c.get(1).note());
    assertEquals(SchemaChange.Severity.BREAKING, c.get(2).severity()); // VARCHAR -> INTEGER
    assertEquals(SchemaChange.Kind.ADDED, c.get(3).kind());
  }
}
