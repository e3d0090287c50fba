package io.jdvc.tables;

/**
 * One column of a table's schema.
 *
 * @param type DuckDB's name for the type ({@code BIGINT}, {@code VARCHAR}, {@code TIMESTAMP}, ...)
 */
public record Column(String name, String type) {
  public ColumnKind kind() {
    return ColumnKind.of(type);
  }
}
