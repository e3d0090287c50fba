package io.jdvc.tables;

import java.util.Map;

/**
 * Rows that differ between two versions of a table. With a key, rows are matched by it: a row whose key is only
 * on one side is added or removed, one on both sides with some other cell different is modified, and
 * {@code modifiedCells} counts the differing cells per column present in both. Without a key, rows are compared as
 * whole values (a multiset): an edited row counts as one removed and one added.
 */
public record RowDiff(long added, long removed, long modified, long unchanged, Map<String, Long> modifiedCells) {
  public RowDiff {
    modifiedCells = Map.copyOf(modifiedCells);
  }
}
