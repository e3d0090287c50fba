package io.jdvc.tables;

import java.util.List;

/**
 * Two versions of a table compared: schema changes, row counts, per-column drift and, when asked, rows.
 *
 * @param oldRows null with {@code --schema-only}
 * @param drift empty with {@code --schema-only}
 * @param rows null unless a row diff was asked for
 * @param key the key columns of {@code rows} (empty: whole rows compared)
 */
public record TableDiff(ResolvedTable before, ResolvedTable after, List<Column> oldSchema, List<Column> newSchema,
    List<SchemaChange> schema, Long oldRows, Long newRows, List<ColumnDrift> drift, boolean datasetDrift,
    RowDiff rows, List<String> key) {

  public boolean breaking() {
    return schema.stream().anyMatch(c -> c.severity() == SchemaChange.Severity.BREAKING);
  }

  /** Whether the dataset drifted, or any of {@code critical} drifted. */
  public boolean drifted(List<String> critical) {
    return datasetDrift || drift.stream().anyMatch(d -> d.verdict() == ColumnDrift.Verdict.DRIFT
        && critical.contains(d.column()));
  }

  /** Whether rows were added, removed or modified (by the row diff, else by the row counts). */
  public boolean rowsChanged() {
    if (rows != null) {
      return rows.added() + rows.removed() + rows.modified() > 0;
    }
    return oldRows != null && !oldRows.equals(newRows);
  }
}
