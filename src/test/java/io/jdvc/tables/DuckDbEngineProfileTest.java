package io.jdvc.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile's histograms and value counts, against counts computed here from the same generated rows. */
class DuckDbEngineProfileTest {
  @TempDir Path tmp;

  @Test
  void histogramsAndValueCountsMatchTheData() throws Exception {
    StringBuilder csv = new StringBuilder("x,y,label,constant\n");
    List<Double> xs = new ArrayList<>();
    String[] labels = {"b", "a", "c", "a", "b", "a", "é", "z"};
    for (int i = 0; i < 997; i++) {
      double x = (i * 7919 % 1000) / 3.0; // spread unevenly over [0, 333]
      xs.add(x);
      String y = i % 10 == 0 ? "" : Integer.toString(i % 13); // every tenth y missing
      csv.append(x).append(',').append(y).append(',').append(labels[i % labels.length]).append(",5\n");
    }
    Path file = tmp.resolve("t.csv");
    Files.writeString(file, csv);
    TableProfile p;
    try (TableEngine engine = DuckDbEngine.open(tmp.resolve("spill"), "256MB")) {
      p = engine.profile(new LocalTable("t.csv", TableFormat.CSV, List.of(file)), "0".repeat(32));
    }
    ColumnProfile x = p.columns().get(0);
    double lo = Collections.min(xs);
    double hi = Collections.max(xs);
    long[] expected = new long[Histogram.BINS];
    for (double v : xs) {
      expected[(int) Math.min(Math.max(Math.floor((v - lo) / ((hi - lo) / Histogram.BINS)), 0), Histogram.BINS - 1)]++;
    }
    assertEquals(toList(expected), x.histogram().counts());

    ColumnProfile y = p.columns().get(1);
    assertEquals(100, y.nulls()); // i = 0, 10, ..., 990
    assertEquals(13, y.values().size());
    assertTrue(y.valuesComplete());
    assertEquals(13, y.distinct());

    ColumnProfile label = p.columns().get(2);
    List<String> order = label.values().stream().map(v -> v.value() + "=" + v.count()).toList();
    // 997 rows over 8 slots: 'a' fills 3 of them, 'b' 2, the rest 1; ties by value, 'é' after 'z' in UTF-8 bytes
    assertEquals(List.of("a=374", "b=250", "c=125", "z=124", "é=124"), order);

    ColumnProfile constant = p.columns().get(3);
    assertEquals(List.of(997L), constant.histogram().counts().subList(0, 1));
    assertEquals(997L, constant.histogram().counts().stream().mapToLong(Long::longValue).sum());
  }

  /**
   * Past 1000 distinct values a string column that repeats keeps its 100 most frequent values, exactly counted; a
   * unique one keeps none. Merging keeps a top list only if every file kept one.
   */
  @Test
  void aRepeatingHighCardinalityStringKeepsItsTopValues() throws Exception {
    StringBuilder csv = new StringBuilder("city,code\n");
    int rows = 0;
    for (int i = 0; i < 9000; i++, rows++) { // 3000 cities, three rows each
      csv.append("city").append(i % 3000).append(",u").append(rows).append('\n');
    }
    for (int hub = 0; hub < 120; hub++) { // hub0 500 rows, hub1 499, ...: the top 100 are hub0 … hub99
      for (int k = 0; k < 500 - hub; k++, rows++) {
        csv.append("hub").append(hub).append(",u").append(rows).append('\n');
      }
    }
    Path file = tmp.resolve("cities.csv");
    Files.writeString(file, csv);
    Path small = tmp.resolve("small.csv");
    Files.writeString(small, "city,code\nhub0,x\nhub1,y\n");
    TableProfile p;
    TableProfile q;
    try (TableEngine engine = DuckDbEngine.open(tmp.resolve("spill"), "256MB")) {
      p = engine.profile(new LocalTable("cities.csv", TableFormat.CSV, List.of(file)), "0".repeat(32));
      q = engine.profile(new LocalTable("small.csv", TableFormat.CSV, List.of(small)), "1".repeat(32));
    }
    ColumnProfile city = p.columns().get(0);
    assertEquals(false, city.valuesComplete());
    assertEquals(DuckDbEngine.TOP_VALUES, city.values().size());
    assertEquals("hub0=500", city.values().get(0).value() + "=" + city.values().get(0).count());
    assertEquals("hub99=401", city.values().get(99).value() + "=" + city.values().get(99).count());
    assertEquals(List.of(), p.columns().get(1).values(), "unique codes list no top values");

    ColumnProfile merged = ProfileMerger.merge(List.of(p, q)).columns().get(0);
    assertEquals("hub0=501", merged.values().get(0).value() + "=" + merged.values().get(0).count());
    assertEquals(List.of(), ProfileMerger.merge(List.of(q, p)).columns().get(1).values(),
        "the big file kept no counts of its codes: the small file's are no top values of the whole");
  }

  /**
   * Exact quantiles, read from fine bins and the values in the bins that hold them, against DuckDB's own
   * {@code quantile_cont}: spread values, small integers with nulls and many ties, values crowded into a few bins by
   * outliers, a constant column (no range to bin: sorted instead) and one with an infinite value (sorted too).
   */
  @Test
  void quantilesAreDuckDbsQuantileContToTheLastBit() throws Exception {
    StringBuilder csv = new StringBuilder("a,b,skewed,constant,infinite\n");
    java.util.Random rnd = new java.util.Random(12);
    for (int i = 0; i < 4099; i++) {
      csv.append(rnd.nextGaussian() * 1e3).append(',').append(i % 7 == 0 ? "" : Integer.toString(rnd.nextInt(50) - 20))
          .append(',').append(i % 100 == 0 ? rnd.nextDouble() * 1e12 : rnd.nextDouble()).append(",2.5,")
          .append(i == 7 ? "inf" : Double.toString(rnd.nextGaussian())).append('\n');
    }
    Path file = tmp.resolve("q.csv");
    Files.writeString(file, csv);
    TableProfile p;
    try (TableEngine engine = DuckDbEngine.open(tmp.resolve("spill"), "256MB")) {
      p = engine.profile(new LocalTable("q.csv", TableFormat.CSV, List.of(file)), "0".repeat(32));
    }
    java.util.StringJoiner points = new java.util.StringJoiner(", ", "[", "]");
    for (int i = 0; i < ColumnProfile.QUANTILES; i++) {
      points.add(java.math.BigDecimal.valueOf(i, 2).toPlainString());
    }
    try (java.sql.Connection c = DuckDbDriverLoader.newDriver().connect("jdbc:duckdb:", new java.util.Properties());
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT quantile_cont(a::DOUBLE, " + points + "), quantile_cont(b::DOUBLE, "
            + points + "), quantile_cont(skewed::DOUBLE, " + points + "), quantile_cont(constant::DOUBLE, " + points
            + "), quantile_cont(infinite::DOUBLE, " + points + ") FROM read_csv(['" + file + "'], header = true)")) {
      rs.next();
      for (int col = 0; col < 5; col++) {
        List<Double> expected = new ArrayList<>();
        for (Object o : (Object[]) rs.getArray(col + 1).getArray()) {
          expected.add(((Number) o).doubleValue());
        }
        assertEquals(expected, p.columns().get(col).quantiles(), p.columns().get(col).name());
      }
    }
  }

  private static List<Long> toList(long[] a) {
    List<Long> out = new ArrayList<>();
    for (long v : a) {
      out.add(v);
    }
    return out;
  }
}
