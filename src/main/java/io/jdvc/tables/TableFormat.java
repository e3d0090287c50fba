package io.jdvc.tables;

import io.jdvc.JdvcException;
import java.util.Locale;
import java.util.Optional;

/** The file formats tables are read from, by file name extension. */
public enum TableFormat {
  PARQUET("parquet", "read_parquet"),
  CSV("csv", "read_csv"),
  TSV("tsv", "read_csv"),
  JSON("json", "read_json");

  private final String id;
  private final String reader;

  TableFormat(String id, String reader) {
    this.id = id;
    this.reader = reader;
  }

  public String id() {
    return id;
  }

  /** DuckDB's table function for the format. */
  String reader() {
    return reader;
  }

  /** The format a file name says, if it names a table. */
  public static Optional<TableFormat> ofName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    if (n.endsWith(".parquet") || n.endsWith(".pq")) {
      return Optional.of(PARQUET);
    }
    if (n.endsWith(".csv")) {
      return Optional.of(CSV);
    }
    if (n.endsWith(".tsv") || n.endsWith(".tab")) {
      return Optional.of(TSV);
    }
    if (n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
      return Optional.of(JSON);
    }
    return Optional.empty();
  }

  public static TableFormat require(String path) {
    return ofName(path).orElseThrow(() -> new JdvcException("'" + path + "' is not a table jdvc can read",
        "tables are .parquet, .csv, .tsv, .json, .jsonl or .ndjson files (optionally .gz), or directories or globs "
            + "of them"));
  }
}
