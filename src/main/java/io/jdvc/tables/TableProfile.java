package io.jdvc.tables;

import java.util.List;
import java.util.Optional;

/**
 * A table's profile: its rows and, per column, a {@link ColumnProfile}. A file's profile is computed by the engine
 * and cached by the file's MD5; a directory's or a glob's is merged from its files' profiles.
 *
 * @param md5 the profiled object, or null for a profile merged from several files
 * @param format how the bytes were read: parquet, csv, tsv or json
 * @param files how many files it covers
 */
public record TableProfile(String spec, String md5, String format, long rows, int files, List<ColumnProfile> columns) {
  /** Bump when the contents or their meaning change: old cached profiles are then simply not found. */
  public static final String SPEC = "p2";

  public TableProfile {
    columns = List.copyOf(columns);
  }

  public Optional<ColumnProfile> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public List<Column> schema() {
    return columns.stream().map(ColumnProfile::column).toList();
  }
}
