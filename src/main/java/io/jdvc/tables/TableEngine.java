package io.jdvc.tables;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The SQL engine behind the data commands: DuckDB, the only implementation, loaded by {@link #open} and by nothing
 * else, so commands that never profile never load it (its driver extracts a 71 MB native library at start).
 */
public interface TableEngine extends AutoCloseable {
  /**
   * Starts the engine.
   *
   * @param spillDir where it may write temporary data when a query exceeds {@code memoryLimit} ({@code .dvc/tmp/...})
   * @param memoryLimit DuckDB's notation, e.g. {@code 2GB}
   */
  static TableEngine open(Path spillDir, String memoryLimit) {
    return DuckDbEngine.open(spillDir, memoryLimit);
  }

  /** The columns, in order; for Parquet from the footer alone. */
  List<Column> schema(LocalTable table);

  /** A single file's profile (see {@link ColumnProfile} for what it holds). */
  TableProfile profile(LocalTable table, String md5);

  /**
   * Evaluates SQL aggregate expressions over the table in one scan, e.g. {@code count(*) - count(DISTINCT "id")}.
   * Column names in the expressions must be quoted with {@link #identifier}.
   *
   * @return each expression's value by name (Long, Double, String or null)
   */
  Map<String, Object> aggregates(LocalTable table, Map<String, String> expressions);

  /** Compares two tables' rows by {@code key} (empty: whole rows); with {@code out}, writes the differing rows. */
  RowDiff rowDiff(LocalTable before, LocalTable after, List<String> key, Path out);

  @Override
  void close();

  /** A column name quoted for SQL. */
  static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A string quoted as a SQL literal. */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
