package io.jdvc.tables;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code data diff} compares and how.
 *
 * @param oldRev the reference revision
 * @param newRev the revision to compare, or null for the workspace
 * @param test the drift test for every column, or null for the defaults
 * @param threshold the drift threshold, or null for the test's default
 * @param key key columns for a row diff; empty with {@code rows}: whole rows compared as a multiset
 * @param rows whether to compare rows (implied by a key or an output file)
 * @param output where to write the differing rows as Parquet, or null
 */
public record DiffRequest(String path, String oldRev, String newRev, boolean schemaOnly, DriftTest test,
    Double threshold, List<String> key, boolean rows, Path output) {
  public DiffRequest {
    key = List.copyOf(key);
  }
}
