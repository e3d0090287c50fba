package io.jdvc.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Tables with known contents for the data quality tests, written by DuckDB itself (so the Parquet is real Parquet).
 * Randomness comes from {@code hash(i, seed)}, so every file is the same bytes on every run and machine.
 */
public final class TableFixtures {
  private TableFixtures() {}

  /** A uniform value in [0, 1) for row {@code i} and a seed, as SQL. */
  public static String uniform(String seed) {
    return "((hash(i, " + seed + ") % 1000000007) / 1000000007.0)";
  }

  /** A standard normal value for row {@code i} (Box-Muller over two uniforms), as SQL. */
  public static String normal(int seed) {
    return "(sqrt(-2 * ln(1 - " + uniform(seed + "1") + ")) * cos(2 * pi() * " + uniform(seed + "2") + "))";
  }

  /**
   * The train table of the tests: {@code rows} rows of id, amount ~ N(mean, sd), country in DE/FR/US (50/30/20 %),
   * label 0/1 with {@code nullShare} of nulls, and a timestamp.
   */
  public static String trainSql(int rows, double mean, double sd, double nullShare, int seed) {
    return "SELECT i AS id, round(" + mean + " + " + sd + " * " + normal(seed) + ", 6) AS amount, "
        + "CASE WHEN " + uniform(seed + "3") + " < 0.5 THEN 'DE' WHEN " + uniform(seed + "3")
        + " < 0.8 THEN 'FR' ELSE 'US' END AS country, "
        + "CASE WHEN " + uniform(seed + "4") + " < " + nullShare + " THEN NULL ELSE (i % 2)::INTEGER END AS label, "
        + "TIMESTAMP '2024-01-01' + to_seconds(i) AS ts FROM range(" + rows + ") t(i)";
  }

  /** Writes the query's rows to {@code file}: Parquet, CSV or JSON by its extension. */
  public static Path write(Path file, String query) {
    String name = file.getFileName().toString();
    String format = name.endsWith(".csv") ? "csv, header true" : name.endsWith(".json") ? "json" : "parquet";
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
        st.execute("SET threads = 1"); // one writer thread: the same bytes every run
        st.execute("COPY (" + query + " ORDER BY 1) TO '" + file.toString().replace("'", "''") + "' (FORMAT "
            + format + ")");
      }
      return file;
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
