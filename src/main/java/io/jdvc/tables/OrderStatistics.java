package io.jdvc.tables;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Exact quantiles and histograms of a table's numeric columns, from two scans of the table whatever the number of
 * columns, where sorting each column took one scan and one sort per column (0.2–0.45 s of CPU each on 3 million rows,
 * most of a cold profile).
 *
 * <p>The first scan counts each column's values in fine bins, each of the histogram's bins cut in {@code M} (so the
 * histogram is these counts summed, see {@link Column#fineBin}). The bin of a value never decreases as the value
 * grows (each step is a monotone floating-point operation), so the cumulative counts of the bins say in which bin
 * each wanted order statistic lies; a bin's smallest and largest values answer a rank at either end of it, or in a
 * bin of one value (columns of few distinct values need nothing more). The second scan keeps only the values in the
 * other bins (a small fraction of the rows), counts them by value and ranks them within their bin, which gives each
 * order statistic exactly. Quantiles are then DuckDB's {@code quantile_cont} interpolation, to the last bit as before.
 *
 * <p>A column the bins cannot cover (infinite or NaN values, a single value) is sorted instead, as before. A column
 * whose values crowd into few bins (a few huge outliers) keeps many candidates; that costs about what the sort did.
 */
final class OrderStatistics {
  /**
   * Steps within each histogram bin, a power of two: 30 · 256 = 7,680 fine bins per column. Any power of two gives
   * the same results; fewer bins make the first scan's group-by and the cumulative counts cheaper and the second
   * scan's candidates more. On 3 million rows 256 and 512 cost the two scans about a quarter less CPU than 2048 did
   * (docs/performance.md).
   */
  static final int STEPS = 256;
  /** The histogram's bin of a fine bin {@code b}. */
  static final String HISTOGRAM_BIN = "least(b // " + STEPS + ", " + (Histogram.BINS - 1) + ")";

  /**
   * A numeric column to describe.
   *
   * @param index its position in the table (used as its key in the SQL)
   * @param id its quoted name
   * @param count its non-null values
   * @param lo its smallest value as DOUBLE
   * @param width the histogram's bin width, 0 when the values leave no range to divide
   */
  record Column(int index, String id, long count, double lo, double width) {
    String x() {
      return id + "::DOUBLE";
    }

    /**
     * The fine bin of a value: {@code floor(y · M)} for the histogram's {@code y = (x − lo) / width}, which is at least
     * +0 as x is at least lo. M is a power of two, so {@code y · M} is exact and {@code least(fine // M, 29)} is
     * exactly the histogram's bin {@code least(greatest(floor(y), 0), 29)}, the expression the profile's histograms
     * have always used ({@link #HISTOGRAM_BIN}); the maximum alone may fall in bin {@code 30 · M}.
     */
    String fineBin() {
      return "floor(((" + x() + " - (" + lo + ")) / " + width + ") * " + STEPS + ")::INTEGER";
    }

    String finite() {
      return id + " IS NOT NULL AND isfinite(" + x() + ")";
    }
  }

  /** A column's 101 quantiles and, when its values span a range, its histogram's counts (else null). */
  record Result(List<Double> quantiles, long[] histogram) {}

  private final Connection conn;
  private final String src;

  OrderStatistics(Connection conn, String src) {
    this.conn = conn;
    this.src = src;
  }

  /** Each column's quantiles and histogram, by index. */
  Map<Integer, Result> describe(List<Column> columns) throws SQLException {
    Map<Integer, Result> out = new HashMap<>();
    List<Column> binned = new ArrayList<>();
    for (Column c : columns) {
      if (c.width() > 0) {
        binned.add(c);
      } else {
        out.put(c.index(), new Result(quantiles(c.count(), sorted(c)), null));
      }
    }
    if (binned.isEmpty()) {
      return out;
    }
    Map<Integer, long[]> histograms = new HashMap<>();
    Map<Integer, Map<Long, Bin>> targets = new HashMap<>(); // by column: each wanted rank's bin
    fineBins(binned, histograms, targets);
    Map<Integer, Map<Long, Double>> values = new HashMap<>();
    Map<Integer, Map<Long, Bin>> unresolved = new HashMap<>();
    List<Column> ranked = new ArrayList<>();
    for (Column c : binned) {
      long[] h = histograms.get(c.index());
      if (java.util.Arrays.stream(h).sum() != c.count()) { // values the bins skip (NaN) would shift every rank: sort
        out.put(c.index(), new Result(quantiles(c.count(), sorted(c)), h));
        continue;
      }
      Map<Long, Double> known = new HashMap<>();
      Map<Long, Bin> rest = new TreeMap<>();
      targets.get(c.index()).forEach((r, bin) -> {
        Double v = bin.value(r);
        if (v != null) {
          known.put(r, v);
        } else {
          rest.put(r, bin);
        }
      });
      values.put(c.index(), known);
      if (!rest.isEmpty()) {
        unresolved.put(c.index(), rest);
        ranked.add(c);
      }
    }
    if (!ranked.isEmpty()) {
      candidates(ranked, unresolved).forEach((c, v) -> values.get(c).putAll(v));
    }
    for (Column c : binned) {
      if (values.containsKey(c.index())) {
        out.put(c.index(), new Result(quantiles(c.count(), values.get(c.index())), histograms.get(c.index())));
      }
    }
    return out;
  }

  /**
   * The fine bin holding a wanted rank: its number, the values in the bins before it, its values and their extremes
   * (as DOUBLE, the type ranked).
   */
  record Bin(long bin, long before, long n, double lo, double hi) {
    /**
     * The value at rank {@code r} when the bin alone says it: at either end of the bin, or anywhere in a bin of one
     * value (a column of few distinct values, each alone in its bin); else null, and the second scan reads it.
     */
    Double value(long r) {
      if (r == before || Double.doubleToRawLongBits(lo) == Double.doubleToRawLongBits(hi)) {
        return lo;
      }
      return r == before + n - 1 ? hi : null;
    }
  }

  /** The order statistics (0-based ranks) that the quantiles of {@code n} values interpolate between. */
  static TreeSet<Long> ranks(long n) {
    TreeSet<Long> positions = new TreeSet<>();
    for (int p = 0; p < ColumnProfile.QUANTILES; p++) {
      double rank = rank(n, p);
      positions.add((long) Math.floor(rank));
      positions.add((long) Math.ceil(rank));
    }
    return positions;
  }

  private static double rank(long n, int p) {
    return (n - 1) * BigDecimal.valueOf(p, 2).doubleValue();
  }

  /**
   * DuckDB's {@code quantile_cont}: the order statistic itself at a whole rank, else the interpolation
   * {@code lo·(1−d) + hi·d} between the two around it (interpolating at a whole rank would turn an infinite value
   * into NaN).
   */
  static List<Double> quantiles(long n, Map<Long, Double> order) {
    List<Double> out = new ArrayList<>();
    for (int p = 0; p < ColumnProfile.QUANTILES; p++) {
      double r = rank(n, p);
      double lo = order.get((long) Math.floor(r));
      double hi = order.get((long) Math.ceil(r));
      double d = r - Math.floor(r);
      out.add(d == 0 ? lo : lo * (1 - d) + hi * d);
    }
    return out;
  }

  /**
   * One scan: each column's fine-bin counts, summed into its histogram, and for each wanted rank the fine bin
   * holding it with the number of values in the bins before (the bin whose cumulative start is the last at or below
   * the rank: an ASOF join). Only ~30 + 202 rows per column come back.
   */
  private void fineBins(List<Column> cols, Map<Integer, long[]> histograms, Map<Integer, Map<Long, Bin>> targets)
      throws SQLException {
    StringJoiner counts = new StringJoiner(" UNION ALL ");
    StringJoiner wanted = new StringJoiner(", ");
    for (Column c : cols) {
      // grouped by position: the table may have a column called b
      counts.add("SELECT " + c.index() + " AS c, " + c.fineBin() + " AS b, count(*) AS n, min(" + c.x() + ") AS lo, "
          + "max(" + c.x() + ") AS hi FROM " + src + " WHERE " + c.finite() + " GROUP BY 2");
      ranks(c.count()).forEach(r -> wanted.add("(" + c.index() + ", " + r + ")"));
      histograms.put(c.index(), new long[Histogram.BINS]);
      targets.put(c.index(), new TreeMap<>());
    }
    String sql = "WITH f AS MATERIALIZED (" + counts + "), cum AS (SELECT c, b, n, lo, hi, (sum(n) OVER (PARTITION BY "
        + "c ORDER BY b ROWS UNBOUNDED PRECEDING) - n)::BIGINT AS before FROM f), t(c, r) AS (VALUES " + wanted + ") "
        + "SELECT 0 AS kind, c, " + HISTOGRAM_BIN + "::BIGINT AS k, sum(n)::BIGINT AS v, 0::BIGINT AS w, 0::BIGINT AS "
        + "m, 0::DOUBLE AS lo, 0::DOUBLE AS hi FROM f GROUP BY c, k UNION ALL SELECT 1, t.c, t.r, cum.b, cum.before, "
        + "cum.n, cum.lo, cum.hi FROM t ASOF JOIN cum ON t.c = cum.c AND t.r >= cum.before";
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        int c = rs.getInt(2);
        if (rs.getInt(1) == 0) {
          histograms.get(c)[(int) rs.getLong(3)] = rs.getLong(4);
        } else {
          targets.get(c).put(rs.getLong(3), new Bin(rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getDouble(7),
              rs.getDouble(8)));
        }
      }
    }
  }

  /**
   * The second scan: the values in the bins that hold a wanted rank, counted by value, ranked within their bin from
   * the bin's start, and each wanted rank's value picked by an ASOF join on those ranks.
   */
  private Map<Integer, Map<Long, Double>> candidates(List<Column> cols, Map<Integer, Map<Long, Bin>> targets)
      throws SQLException {
    StringJoiner values = new StringJoiner(" UNION ALL ");
    StringJoiner bins = new StringJoiner(", ");
    StringJoiner wanted = new StringJoiner(", ");
    Map<Integer, Map<Long, Double>> out = new HashMap<>();
    for (Column c : cols) {
      Map<Long, Long> starts = new TreeMap<>();
      targets.get(c.index()).forEach((r, bin) -> {
        starts.put(bin.bin(), bin.before());
        wanted.add("(" + c.index() + ", " + r + ")");
      });
      starts.forEach((b, before) -> bins.add("(" + c.index() + ", " + b + ", " + before + ")"));
      values.add("SELECT " + c.index() + " AS c, " + c.fineBin() + " AS b, " + c.x() + " AS x FROM " + src + " WHERE "
          + c.finite());
      out.put(c.index(), new HashMap<>());
    }
    String sql = "WITH s(c, b, before) AS (VALUES " + bins + "), g AS (SELECT v.c, v.b, v.x, s.before, count(*) AS n "
        + "FROM (" + values + ") v JOIN s ON v.c = s.c AND v.b = s.b GROUP BY ALL), o AS (SELECT c, x, (before + "
        + "sum(n) OVER (PARTITION BY c, b ORDER BY x ROWS UNBOUNDED PRECEDING) - n)::BIGINT AS first FROM g), "
        + "t(c, r) AS (VALUES " + wanted + ") SELECT t.c, t.r, o.x FROM t ASOF JOIN o ON t.c = o.c AND t.r >= o.first";
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.get(rs.getInt(1)).put(rs.getLong(2), rs.getDouble(3));
      }
    }
    return out;
  }

  /** The wanted order statistics of a column by sorting it whole: for columns the bins cannot cover. */
  private Map<Long, Double> sorted(Column c) throws SQLException {
    StringJoiner in = new StringJoiner(", ", "(", ")");
    ranks(c.count()).forEach(pos -> in.add(Long.toString(pos)));
    String sql = "SELECT r, x FROM (SELECT x, row_number() OVER (ORDER BY x) - 1 AS r FROM (SELECT " + c.x()
        + " AS x FROM " + src + " WHERE " + c.id() + " IS NOT NULL)) WHERE r IN " + in;
    Map<Long, Double> order = new HashMap<>();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        order.put(rs.getLong(1), rs.getDouble(2));
      }
    }
    return order;
  }
}
