import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The DuckDB side of bench/data-quality: writes the 3-million-row tables (v1, and v2 with 1 % of rows removed, 1 %
 * added, amount x1.05, qty retyped, a column added) and times DuckDB's own queries on them in one JVM, median of N:
 * the one-pass profile query of docs/data-quality.md section 3, SUMMARIZE, and the key row diff (full outer join).
 *
 *   java -cp duckdb_jdbc.jar bench/DataBench.java gen DIR ROWS
 *   java -cp duckdb_jdbc.jar bench/DataBench.java baseline DIR RUNS
 *   java -cp duckdb_jdbc.jar bench/DataBench.java csv FILE ROWS     (v1's rows as one CSV, for bench/csv-memory)
 *
 * and, compiled and run as a process of its own with bin/jdvc's JVM flags and a class archive, on jdvc.jar's class
 * path so that DuckDB's driver and native library load as jdvc loads them (io.jdvc.tables.DuckDbDriverLoader), the
 * process floors of the cold answers: start + connect + one of the reference queries above, nothing else.
 *
 *   java FLAGS -cp CLASSES:target/jdvc.jar DataBench floor start|parquet|csv|join DIR
 */
public class DataBench {
  static final String V1 = "SELECT i AS id, round(10 + 2 * sqrt(-2 * ln(1 - ((hash(i, 1) % 1000003) / 1000003.0 + 1e-9)))"
      + " * cos(2 * pi() * (hash(i, 2) % 1000003) / 1000003.0), 4) AS amount, (hash(i, 3) % 50)::INTEGER AS qty, "
      + "round((hash(i, 4) % 100000) / 100.0, 2) AS price, ['DE','FR','US','IT','ES','NL','PL','SE'][1 + (hash(i, 5) "
      + "% 8)::BIGINT] AS country, ['a','b','c','d','e','f','g','h','i','j','k','l'][1 + (hash(i, 6) % 12)::BIGINT] AS category, "
      + "TIMESTAMP '2024-01-01' + to_seconds(i) AS ts, hash(i, 7) % 2 = 0 AS flag, CASE WHEN hash(i, 8) % 10 = 0 THEN "
      + "NULL ELSE md5(i::VARCHAR) END AS digest FROM range(%d) t(i)";

  public static void main(String[] a) throws Exception {
    if (a[0].equals("floor")) {
      floor(a[1], Path.of(a[2]));
      return;
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      if (a[0].equals("gen")) {
        gen(st, Path.of(a[1]), Integer.parseInt(a[2]));
      } else if (a[0].equals("csv")) {
        st.execute("SET threads = 2");
        st.execute("COPY (" + V1.replace("%d", a[2]) + ") TO '" + a[1] + "' (FORMAT csv, HEADER true)");
      } else {
        baseline(st, Path.of(a[1]), Integer.parseInt(a[2]));
      }
    }
  }

  static void gen(Statement st, Path dir, int rows) throws Exception {
    Files.createDirectories(dir);
    st.execute("SET threads = 2");
    String v1 = V1.replace("%d", Integer.toString(rows));
    st.execute("CREATE TABLE v1 AS " + v1);
    st.execute("COPY (SELECT * FROM v1 ORDER BY id) TO '" + dir.resolve("v1.parquet") + "' (FORMAT parquet)");
    st.execute("COPY (SELECT * FROM v1 ORDER BY id) TO '" + dir.resolve("v1.csv") + "' (FORMAT csv, HEADER true)");
    int drop = rows / 100;
    st.execute("COPY (SELECT id, CASE WHEN hash(id, 9) % 100 < 30 THEN amount * 1.05 ELSE amount END AS amount, "
        + "qty::BIGINT AS qty, price, country, category, ts, flag, digest, hash(id, 10) % 3 AS extra FROM v1 "
        + "WHERE id >= " + drop + " UNION ALL SELECT id + " + rows + ", amount, qty::BIGINT, price, country, "
        + "category, ts, flag, digest, 0 FROM v1 WHERE id < " + drop + " ORDER BY id) TO '"
        + dir.resolve("v2.parquet") + "' (FORMAT parquet)");
  }

  static String onePass(String src) {
    return onePass(src, false);
  }

  /**
   * The design's one-pass profile query. {@code exact}: with what a jdvc profile holds instead of the design's
   * seven approximate quantiles (which change from run to run at two threads): DuckDB's own exact quantiles,
   * {@code quantile_cont}, at the profile's 101 points. What exactness costs inside DuckDB, measured beside the
   * approximate reference.
   */
  static String onePass(String src, boolean exact) {
    StringBuilder points = new StringBuilder();
    for (int i = 0; i <= 100; i++) {
      points.append(i == 0 ? "" : ", ").append(i / 100.0);
    }
    List<String> cols = List.of("id", "amount", "qty", "price", "country", "category", "ts", "flag", "digest");
    List<String> numeric = List.of("id", "amount", "qty", "price");
    List<String> sel = new ArrayList<>(List.of("count(*)"));
    for (String c : cols) {
      sel.addAll(List.of("count(*) - count(" + c + ")", "min(" + c + ")", "max(" + c + ")",
          "approx_count_distinct(" + c + ")"));
      if (numeric.contains(c)) {
        sel.addAll(List.of("avg(" + c + ")", "stddev(" + c + ")",
            exact ? "quantile_cont(" + c + ", [" + points + "])"
                : "approx_quantile(" + c + ", [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99])"));
      }
    }
    return "SELECT " + String.join(", ", sel) + " FROM " + src;
  }

  static long time(Statement st, String sql) throws Exception {
    long t0 = System.nanoTime();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        // drain
      }
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  static long median(Statement st, List<String> sqls, int runs) throws Exception {
    long[] t = new long[runs];
    for (int r = 0; r < runs; r++) {
      for (String s : sqls) {
        t[r] += time(st, s);
      }
    }
    Arrays.sort(t);
    return t[runs / 2];
  }

  static String parquet(Path dir, String name) {
    return "read_parquet('" + dir.resolve(name) + "')";
  }

  static String csv(Path dir) {
    return "read_csv('" + dir.resolve("v1.csv") + "', header = true)";
  }

  /** The one-pass profile query and the top-20 values of the three low-cardinality columns. */
  static List<String> profileParquet(Path dir) {
    return profileParquet(dir, false);
  }

  static List<String> profileParquet(Path dir, boolean exact) {
    String p1 = parquet(dir, "v1.parquet");
    List<String> profile = new ArrayList<>(List.of(onePass(p1, exact)));
    for (String c : List.of("country", "category", "flag")) {
      profile.add("SELECT " + c + ", count(*) n FROM " + p1 + " GROUP BY 1 ORDER BY n DESC LIMIT 20");
    }
    return profile;
  }

  static String join(Path dir) {
    return "SELECT count(*) FILTER (WHERE a.id IS NULL), count(*) FILTER (WHERE b.id IS NULL), count(*) "
        + "FILTER (WHERE a.id IS NOT NULL AND b.id IS NOT NULL AND (a.amount IS DISTINCT FROM b.amount OR a.qty IS "
        + "DISTINCT FROM b.qty OR a.price IS DISTINCT FROM b.price OR a.country IS DISTINCT FROM b.country OR "
        + "a.category IS DISTINCT FROM b.category OR a.ts IS DISTINCT FROM b.ts OR a.flag IS DISTINCT FROM b.flag OR "
        + "a.digest IS DISTINCT FROM b.digest)) FROM " + parquet(dir, "v1.parquet") + " a FULL OUTER JOIN "
        + parquet(dir, "v2.parquet") + " b ON a.id = b.id";
  }

  static void baseline(Statement st, Path dir, int runs) throws Exception {
    st.execute("SET threads = 2");
    String p1 = parquet(dir, "v1.parquet");
    System.out.println("duckdb_onepass_parquet_ms " + median(st, List.of(onePass(p1)), runs));
    System.out.println("duckdb_onepass_topk_parquet_ms " + median(st, profileParquet(dir), runs));
    System.out.println("duckdb_summarize_parquet_ms " + median(st, List.of("SUMMARIZE SELECT * FROM " + p1), runs));
    System.out.println("duckdb_onepass_csv_ms " + median(st, List.of(onePass(csv(dir))), runs));
    System.out.println("duckdb_onepass_exact_topk_parquet_ms " + median(st, profileParquet(dir, true), runs));
    System.out.println("duckdb_onepass_exact_csv_ms " + median(st, List.of(onePass(csv(dir), true)), runs));
    System.out.println("duckdb_key_join_ms " + median(st, List.of(join(dir)), runs));
  }

  /**
   * One process floor: DuckDB's driver from jdvc's loader (its native library unpacked once per user, as jdvc has
   * it), a connection as the baseline's, and the queries of one baseline row, run once. {@code start} runs
   * {@code SELECT 1}: the fixed cost of a JVM plus DuckDB.
   */
  static void floor(String what, Path dir) throws Exception {
    java.lang.reflect.Method newDriver = Class.forName("io.jdvc.tables.DuckDbDriverLoader")
        .getDeclaredMethod("newDriver");
    newDriver.setAccessible(true);
    java.sql.Driver driver = (java.sql.Driver) newDriver.invoke(null);
    List<String> queries = switch (what) {
      case "start" -> List.of("SELECT 1");
      case "parquet" -> profileParquet(dir);
      case "csv" -> List.of(onePass(csv(dir)));
      case "join" -> List.of(join(dir));
      default -> throw new IllegalArgumentException(what);
    };
    try (Connection c = driver.connect("jdbc:duckdb:", new java.util.Properties()); Statement st = c.createStatement()) {
      st.execute("SET threads = 2");
      for (String q : queries) {
        time(st, q);
      }
    }
  }
}
