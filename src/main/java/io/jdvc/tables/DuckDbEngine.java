package io.jdvc.tables;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * {@link TableEngine} on an in-process DuckDB. One connection; tables are read straight from their local files
 * (Parquet is columnar, so each pass reads only the columns it needs), while CSV and JSON are parsed once into a
 * temporary table. Extensions are never downloaded: Parquet and JSON are built into the driver.
 */
final class DuckDbEngine implements TableEngine {
  /** Columns with at most this many distinct values keep all their value counts. */
  static final int MAX_VALUES = 1000;
  /**
   * Value counts kept of a column with more distinct values: of a string column whose values repeat (on average
   * at least twice), the most frequent ones, exactly counted; also when a column turns out to have more distinct
   * values than its estimate said.
   */
  static final int TOP_VALUES = 100;
  /** Above this many distinct values (estimated) no top values are counted: the group-by would rival the table. */
  static final long TOP_VALUES_MAX_DISTINCT = 1_000_000;
  /** Columns compared per BIGINT mask of the keyed row diff (bits 0–61: their sum stays positive). */
  static final int MASK_BITS = 62;

  private final Connection conn;
  private final String memoryLimit;
  private int views;

  private DuckDbEngine(Connection conn, String memoryLimit) {
    this.conn = conn;
    this.memoryLimit = memoryLimit;
  }

  static DuckDbEngine open(Path spillDir, String memoryLimit) {
    try {
      Files.createDirectories(spillDir);
      Properties props = new Properties();
      props.setProperty("temp_directory", spillDir.toString());
      props.setProperty("memory_limit", memoryLimit);
      props.setProperty("autoinstall_known_extensions", "false");
      props.setProperty("autoload_known_extensions", "false");
      // nothing jdvc reads depends on row order (counts, extremes, order statistics; float sums are rounded), and
      // without it DuckDB parses a CSV into its temporary table with a fifth less CPU
      props.setProperty("preserve_insertion_order", "false");
      // the driver itself rather than DriverManager: no scan of every JDBC driver on the class path
      Connection c = DuckDbDriverLoader.newDriver().connect("jdbc:duckdb:", props);
      return new DuckDbEngine(c, memoryLimit);
    } catch (SQLException e) {
      throw new JdvcException("cannot start the table engine (DuckDB): " + e.getMessage(),
          "check that " + spillDir + " is writable and the memory limit '" + memoryLimit + "' is valid", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ReflectiveOperationException e) {
      throw new JdvcException("cannot load the table engine (DuckDB): " + e, "check that target/lib holds duckdb_jdbc", e);
    }
  }

  @Override
  public List<Column> schema(LocalTable table) {
    return describe(table, source(table));
  }

  private List<Column> describe(LocalTable table, String source) {
    List<Column> cols = new ArrayList<>();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + source)) {
      while (rs.next()) {
        cols.add(new Column(rs.getString("column_name"), rs.getString("column_type")));
      }
      return cols;
    } catch (SQLException e) {
      throw unreadable(table, e);
    }
  }

  @Override
  public TableProfile profile(LocalTable table, String md5) {
    String src = materialize(table);
    List<Column> cols = describe(table, src);
    StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM " + src);
    select.add("count(*) AS rows_");
    for (int i = 0; i < cols.size(); i++) {
      Column c = cols.get(i);
      String id = TableEngine.identifier(c.name());
      select.add("count(" + id + ") AS n" + i).add("approx_count_distinct(" + id + ") AS d" + i)
          .add("min(" + id + ")::VARCHAR AS lo" + i).add("max(" + id + ")::VARCHAR AS hi" + i);
      if (c.kind() == ColumnKind.NUMERIC) {
        String x = id + "::DOUBLE";
        select.add("avg(" + x + ") AS mean" + i).add("stddev_samp(" + x + ") AS sd" + i)
            .add("sum(" + x + ") AS sum" + i).add("min(" + x + ") AS flo" + i).add("max(" + x + ") AS fhi" + i);
      } else if (c.kind() == ColumnKind.STRING) {
        select.add("min(length(" + id + ")) AS lmin" + i).add("max(length(" + id + ")) AS lmax" + i);
      }
    }
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(select.toString())) {
      rs.next();
      long rows = rs.getLong("rows_");
      List<ColumnFirstPass> first = new ArrayList<>();
      List<OrderStatistics.Column> numeric = new ArrayList<>();
      for (int i = 0; i < cols.size(); i++) {
        ColumnFirstPass c = firstPass(cols.get(i), i, rs);
        first.add(c);
        if (c.histogrammed()) {
          numeric.add(new OrderStatistics.Column(i, TableEngine.identifier(c.column().name()), c.count(), c.floatLo(),
              c.binWidth()));
        }
      }
      rs.close();
      Map<Integer, OrderStatistics.Result> distributions = new OrderStatistics(conn, src).describe(numeric);
      Map<Integer, Map<String, Long>> counts = valueCounts(src, first);
      List<ColumnProfile> profiles = new ArrayList<>();
      for (int i = 0; i < cols.size(); i++) {
        ColumnFirstPass c = first.get(i);
        ColumnProfile profile = c.complete(rows, distributions.get(i), counts.get(i));
        profiles.add(c.topCounted() ? profile.withTopValues(topValues(src, c)) : profile);
      }
      return new TableProfile(TableProfile.SPEC, md5, table.format().id(), rows, 1, profiles);
    } catch (SQLException e) {
      throw unreadable(table, e);
    }
  }

  /** What the one-pass query says of a column; the histogram and value counts come from the second pass. */
  private record ColumnFirstPass(Column column, int index, long count, long distinct, String lo, String hi,
      Double mean, Double sd, Double sum, double floatLo, double floatHi, Long lmin, Long lmax) {

    /** The histogram's bin width, or 0 when the values leave no range to divide (one bin holds them all). */
    double binWidth() {
      return hi != null && floatHi > floatLo && Double.isFinite(floatLo) && Double.isFinite(floatHi)
          ? (floatHi - floatLo) / Histogram.BINS : 0;
    }

    boolean histogrammed() {
      return column.kind() == ColumnKind.NUMERIC && count > 0;
    }

    boolean counted() {
      return count > 0 && (distinct <= MAX_VALUES || column.kind() == ColumnKind.BOOLEAN);
    }

    /**
     * Too many values to count them all, but a string column whose values repeat: its most frequent values say
     * what it mostly holds (cities, product codes). Unique-looking columns (ids, hashes) would only list values seen
     * once, at the cost of a group-by as large as the table.
     */
    boolean topCounted() {
      return !counted() && count > 0 && column.kind() == ColumnKind.STRING && distinct <= count / 2
          && distinct <= TOP_VALUES_MAX_DISTINCT;
    }

    ColumnProfile complete(long rows, OrderStatistics.Result distribution, Map<String, Long> valueCounts) {
      Histogram hist = null;
      List<Double> quantiles = List.of();
      if (histogrammed()) {
        List<Long> counts = new ArrayList<>(java.util.Collections.nCopies(Histogram.BINS, 0L));
        if (distribution.histogram() == null) {
          counts.set(0, count);
        } else {
          for (int b = 0; b < Histogram.BINS; b++) {
            counts.set(b, distribution.histogram()[b]);
          }
        }
        hist = new Histogram(floatLo, floatHi, counts);
        quantiles = distribution.quantiles();
      }
      List<ValueCount> values = List.of();
      boolean complete = false;
      long distinctValues = distinct;
      if (counted()) {
        values = ordered(valueCounts);
        complete = values.size() <= MAX_VALUES;
        if (complete) {
          distinctValues = values.size();
        } else {
          values = values.subList(0, TOP_VALUES);
        }
      }
      return new ColumnProfile(column.name(), column.type(), count, rows - count, count == 0 ? 0 : distinctValues,
          lo, hi, mean, sd, sum, quantiles, hist, values, complete, lmin, lmax);
    }
  }

  private ColumnFirstPass firstPass(Column c, int i, ResultSet rs) throws SQLException {
    long count = rs.getLong("n" + i);
    boolean numeric = c.kind() == ColumnKind.NUMERIC && count > 0;
    boolean string = c.kind() == ColumnKind.STRING && count > 0;
    return new ColumnFirstPass(c, i, count, rs.getLong("d" + i), rs.getString("lo" + i), rs.getString("hi" + i),
        numeric ? rs.getDouble("mean" + i) : null, numeric ? nullable(rs, "sd" + i) : null,
        numeric ? rs.getDouble("sum" + i) : null,
        numeric ? rs.getDouble("flo" + i) : 0, numeric ? rs.getDouble("fhi" + i) : 0,
        string ? rs.getLong("lmin" + i) : null, string ? rs.getLong("lmax" + i) : null);
  }

  /**
   * The value counts of the low-cardinality columns, all in one statement: a group-by per column (grouped by the
   * value itself and turned into text after, which is the same text as grouping the text: the types below have one
   * text per value), where a {@code histogram()} of each column's text in one scan cost twice the CPU.
   */
  private Map<Integer, Map<String, Long>> valueCounts(String src, List<ColumnFirstPass> columns) throws SQLException {
    StringJoiner select = new StringJoiner(" UNION ALL ");
    Map<Integer, Map<String, Long>> out = new java.util.HashMap<>();
    for (ColumnFirstPass c : columns) {
      if (c.counted()) {
        String id = TableEngine.identifier(c.column().name());
        String key = groupsByText(c.column().type()) ? id : id + "::VARCHAR";
        select.add("SELECT " + c.index() + " AS c, v::VARCHAR AS v, n FROM (SELECT " + key + " AS v, count(*) AS n "
            + "FROM " + src + " WHERE " + id + " IS NOT NULL GROUP BY 1)"); // not by name: a column may be called v
        out.put(c.index(), new java.util.HashMap<>());
      }
    }
    if (out.isEmpty()) {
      return out;
    }
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(select.toString())) {
      while (rs.next()) {
        out.get(rs.getInt(1)).put(rs.getString(2), rs.getLong(3));
      }
    }
    return out;
  }

  /**
   * Whether equal values of this DuckDB type always have the same text and unequal ones different texts: integers,
   * booleans, strings. Not floating point (0.0 = -0.0), intervals (1 day = 24 hours) and the rest, which are
   * grouped by their text.
   */
  static boolean groupsByText(String type) {
    return type.matches("(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|BOOLEAN|VARCHAR)");
  }

  /** The {@link #TOP_VALUES} most frequent values, exactly counted; ties in DuckDB's VARCHAR (byte) order. */
  private List<ValueCount> topValues(String src, ColumnFirstPass c) throws SQLException {
    String id = TableEngine.identifier(c.column().name());
    String sql = "SELECT " + id + "::VARCHAR AS v, count(*) AS n FROM " + src + " WHERE " + id + " IS NOT NULL "
        + "GROUP BY v ORDER BY n DESC, v LIMIT " + TOP_VALUES;
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    return ordered(counts);
  }

  /**
   * Most frequent first, ties by value in byte order of their UTF-8 text (DuckDB's VARCHAR order), so that the
   * same data always gives the same list.
   */
  private static List<ValueCount> ordered(Map<String, Long> counts) {
    List<ValueCount> values = new ArrayList<>();
    if (counts != null) {
      counts.forEach((v, n) -> values.add(new ValueCount(v, n)));
    }
    values.sort(java.util.Comparator.comparingLong(ValueCount::count).reversed()
        .thenComparing(ValueCount::value, DuckDbEngine::utf8Order));
    return values;
  }

  private static int utf8Order(String a, String b) {
    return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Double nullable(ResultSet rs, String col) throws SQLException {
    double d = rs.getDouble(col);
    return rs.wasNull() ? null : d;
  }

  @Override
  public Map<String, Object> aggregates(LocalTable table, Map<String, String> expressions) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (expressions.isEmpty()) {
      return out;
    }
    StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM " + source(table));
    int i = 0;
    for (String e : expressions.values()) {
      select.add("(" + e + ") AS a" + i++);
    }
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(select.toString())) {
      rs.next();
      i = 0;
      for (String name : expressions.keySet()) {
        Object v = rs.getObject("a" + i++);
        out.put(name, v instanceof BigDecimal || v instanceof java.math.BigInteger ? ((Number) v).doubleValue()
            : v instanceof Integer n ? n.longValue() : v instanceof Float f ? f.doubleValue()
            : v == null || v instanceof Number || v instanceof Boolean ? v : v.toString());
      }
      return out;
    } catch (SQLException e) {
      throw unreadable(table, e);
    }
  }

  @Override
  public RowDiff rowDiff(LocalTable before, LocalTable after, List<String> key, Path out) {
    String a = materialize(before);
    String b = materialize(after);
    List<String> common = new ArrayList<>();
    List<String> afterNames = describe(after, b).stream().map(Column::name).toList();
    for (Column c : describe(before, a)) {
      if (afterNames.contains(c.name())) {
        common.add(c.name());
      }
    }
    for (String k : key) {
      if (!common.contains(k)) {
        throw new JdvcException("key column '" + k + "' is not in both versions of " + after.name(),
            "columns in both: " + String.join(", ", common));
      }
    }
    try {
      return key.isEmpty() ? multisetDiff(a, b, common, out) : keyedDiff(a, b, key, common, out);
    } catch (SQLException e) {
      throw unreadable(after, e);
    }
  }

  private RowDiff keyedDiff(String a, String b, List<String> key, List<String> common, Path out)
      throws SQLException {
    StringJoiner on = new StringJoiner(" AND ");
    key.forEach(k -> on.add("a." + TableEngine.identifier(k) + " = b." + TableEngine.identifier(k)));
    List<String> others = common.stream().filter(c -> !key.contains(c)).toList();
    // Each cell is compared once, into a bit of a mask per matched row, and the rows are grouped by side and mask:
    // few groups (the sets of columns that change together), from which the counts follow. Counting each flag in an
    // aggregate of its own let DuckDB inline the comparisons into every count (each cell compared about three times,
    // a fifth more CPU than DuckDB's plain join on 3 million rows); this costs about what that join does.
    StringJoiner select = new StringJoiner(", ", "SELECT ", "");
    select.add("a._jdvc_a IS NOT NULL").add("b._jdvc_b IS NOT NULL");
    for (int from = 0; from < others.size(); from += MASK_BITS) {
      StringJoiner bits = new StringJoiner(" + ");
      for (int i = from; i < Math.min(others.size(), from + MASK_BITS); i++) {
        bits.add("CASE WHEN " + distinct(others.get(i)) + " THEN " + (1L << (i - from)) + " ELSE 0::BIGINT END");
      }
      select.add("CASE WHEN a._jdvc_a AND b._jdvc_b THEN " + bits + " ELSE 0::BIGINT END");
    }
    int masks = (others.size() + MASK_BITS - 1) / MASK_BITS;
    select.add("count(*)");
    String sql = select + " FROM (SELECT *, true AS _jdvc_a FROM " + a + ") a FULL OUTER JOIN (SELECT *, true AS "
        + "_jdvc_b FROM " + b + ") b ON " + on + " GROUP BY ALL";
    long added = 0;
    long removed = 0;
    long modified = 0;
    long unchanged = 0;
    long[] cellCounts = new long[others.size()];
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        long n = rs.getLong(3 + masks);
        if (!rs.getBoolean(1)) {
          added += n;
        } else if (!rs.getBoolean(2)) {
          removed += n;
        } else {
          boolean any = false;
          for (int m = 0; m < masks; m++) {
            long mask = rs.getLong(3 + m);
            for (int bit = 0; mask != 0; bit++, mask >>>= 1) {
              if ((mask & 1) != 0) {
                cellCounts[m * MASK_BITS + bit] += n;
                any = true;
              }
            }
          }
          if (any) {
            modified += n;
          } else {
            unchanged += n;
          }
        }
      }
    }
    Map<String, Long> cells = new LinkedHashMap<>();
    for (int i = 0; i < others.size(); i++) {
      if (cellCounts[i] > 0) {
        cells.put(others.get(i), cellCounts[i]);
      }
    }
    RowDiff d = new RowDiff(added, removed, modified, unchanged, cells);
    if (out != null) {
      StringJoiner changed = new StringJoiner(" OR ", "(", ")");
      changed.setEmptyValue("false");
      others.forEach(c -> changed.add(distinct(c)));
      String onAb = on.toString();
      write("SELECT 'removed' AS _jdvc_status, a.* FROM " + a + " a ANTI JOIN " + b + " b ON " + onAb
          + " UNION ALL BY NAME SELECT 'added' AS _jdvc_status, b.* FROM " + b + " b ANTI JOIN " + a + " a ON " + onAb
          + " UNION ALL BY NAME SELECT 'modified' AS _jdvc_status, b.* FROM " + b + " b JOIN " + a + " a ON " + onAb
          + " WHERE " + changed, out);
    }
    return d;
  }

  private static String distinct(String c) {
    String id = TableEngine.identifier(c);
    return "a." + id + " IS DISTINCT FROM b." + id;
  }

  private RowDiff multisetDiff(String a, String b, List<String> common, Path out) throws SQLException {
    StringJoiner cols = new StringJoiner(", ");
    common.forEach(c -> cols.add(TableEngine.identifier(c)));
    String h = "hash(" + cols + ")";
    String sql = "WITH x AS (SELECT " + h + " AS h, count(*) AS n FROM " + a + " GROUP BY 1), y AS (SELECT " + h
        + " AS h, count(*) AS n FROM " + b + " GROUP BY 1) SELECT coalesce(sum(greatest(coalesce(y.n, 0) - "
        + "coalesce(x.n, 0), 0)), 0), coalesce(sum(greatest(coalesce(x.n, 0) - coalesce(y.n, 0), 0)), 0), "
        + "coalesce(sum(least(coalesce(x.n, 0), coalesce(y.n, 0))), 0) FROM x FULL OUTER JOIN y ON x.h = y.h";
    RowDiff d;
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      d = new RowDiff(rs.getLong(1), rs.getLong(2), 0, rs.getLong(3), Map.of());
    }
    if (out != null) {
      String sel = "SELECT " + cols + " FROM ";
      write("SELECT 'removed' AS _jdvc_status, * FROM (" + sel + a + " EXCEPT ALL " + sel + b + ") UNION ALL "
          + "SELECT 'added' AS _jdvc_status, * FROM (" + sel + b + " EXCEPT ALL " + sel + a + ")", out);
    }
    return d;
  }

  private void write(String query, Path out) throws SQLException {
    Path tmp = out.resolveSibling("." + out.getFileName() + ".jdvc.tmp");
    try (Statement st = conn.createStatement()) {
      st.execute("COPY (" + query + ") TO " + TableEngine.literal(tmp.toString()) + " (FORMAT parquet)");
      Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  /**
   * The table as a FROM item. Parquet is read in place; CSV and JSON are parsed once into a temporary table, since a
   * profile makes several passes and parsing text is most of the cost.
   */
  private String materialize(LocalTable table) {
    if (table.format() == TableFormat.PARQUET) {
      return source(table);
    }
    String name = "_jdvc_t" + views++;
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE TEMP TABLE " + name + " AS SELECT * FROM " + source(table));
      return name;
    } catch (SQLException e) {
      throw unreadable(table, e);
    }
  }

  /** The table function call that reads the files. */
  static String source(LocalTable table) {
    StringJoiner files = new StringJoiner(", ", "[", "]");
    table.files().forEach(f -> files.add(TableEngine.literal(f.toString())));
    String options = switch (table.format()) {
      case PARQUET -> "";
      case CSV, TSV -> table.options().csvArguments(table.format());
      case JSON -> ", format = 'auto'";
    };
    return table.format().reader() + "(" + files + options + ")";
  }

  private JdvcException unreadable(LocalTable table, SQLException e) {
    String msg = e.getMessage() == null ? e.toString() : e.getMessage().strip();
    String[] lines = msg.split("\n");
    if (lines.length > 2) { // DuckDB's sniffer lists its whole search space; its first lines say what failed
      msg = lines[0] + " " + lines[1];
    }
    String where = msg.contains("Out of Memory") ? null : locate(table);
    if (where != null) {
      msg = msg + "; " + where;
    }
    if (msg.contains("Out of Memory")) {
      return new JdvcException("not enough memory to read " + table.name() + ": " + msg, "raise the engine's "
          + "limit, e.g. JDVC_DATA_MEMORY=8GB (now " + memoryLimit + "); beyond it DuckDB spills to .dvc/tmp/jdvc/"
          + "duckdb, but sorts and joins need some memory", e);
    }
    String hint = switch (table.format()) {
      case CSV, TSV -> "check that " + table.name() + " is well-formed " + table.format().id().toUpperCase()
          + ", or pin its dialect" + (table.options().isEmpty() ? ""
              : " (now " + table.options() + ")") + " with --format-option KEY=VALUE or 'format for PATH:' in the "
          + "checks file: delim, quote, escape, header, skip, nullstr, decimal_separator, null_padding, strict_mode, "
          + "...";
      case JSON -> "check that " + table.name() + " is a JSON array of objects or JSON Lines";
      case PARQUET -> "check that " + table.name() + " is a complete Parquet file";
    };
    return new JdvcException("cannot read " + table.name() + ": " + msg, hint, e);
  }

  /**
   * Where a table that failed to read goes wrong, found by reading it again more leniently: for CSV and TSV the first
   * line the parser rejects (its number, text and the parser's complaint, from DuckDB's {@code store_rejects}); for
   * Parquet the first row group that cannot be read. Null when it cannot tell. Runs only after a failure.
   */
  private String locate(LocalTable table) {
    try (Statement st = conn.createStatement()) {
      if (table.format() == TableFormat.CSV || table.format() == TableFormat.TSV) {
        String src = source(table);
        st.executeQuery("SELECT count(*) FROM " + src.substring(0, src.length() - 1) + ", store_rejects = true)")
            .close();
        try (ResultSet rs = st.executeQuery("SELECT e.line, e.csv_line, e.error_message FROM reject_errors e "
            + "JOIN reject_scans s USING (scan_id, file_id) ORDER BY s.file_id, e.line LIMIT 1")) {
          return rs.next() ? "first bad line: " + rs.getLong(1) + " (" + clip(rs.getString(2)) + "): "
              + rs.getString(3) : null;
        }
      }
      if (table.format() == TableFormat.PARQUET) {
        for (Path f : table.files()) {
          String file = TableEngine.literal(f.toString());
          List<long[]> groups = new ArrayList<>();
          try (ResultSet rs = st.executeQuery("SELECT DISTINCT row_group_id, row_group_num_rows FROM "
              + "parquet_metadata(" + file + ") ORDER BY 1")) {
            while (rs.next()) {
              groups.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
          }
          long start = 0;
          for (long[] g : groups) {
            try {
              st.executeQuery("SELECT count(*), sum(hash(COLUMNS(*))) FROM read_parquet(" + file + ") WHERE "
                  + "file_row_number >= " + start + " AND file_row_number < " + (start + g[1])).close();
            } catch (SQLException e) {
              return "row group " + g[0] + " (rows " + start + "–" + (start + g[1] - 1) + ")"
                  + (table.files().size() > 1 ? " of " + f : "") + " cannot be read";
            }
            start += g[1];
          }
        }
      }
    } catch (SQLException e) {
      // the lenient read failed too: DuckDB's own message is all there is
    }
    return null;
  }

  private static String clip(String line) {
    return line == null ? "" : line.length() > 80 ? line.substring(0, 79) + "…" : line;
  }

  @Override
  public void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      // nothing was written through the connection that closing could lose
    }
  }
}
