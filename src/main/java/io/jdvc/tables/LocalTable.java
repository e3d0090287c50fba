package io.jdvc.tables;

import java.nio.file.Path;
import java.util.List;

/**
 * Local files the engine reads as one table.
 *
 * @param name what messages call it ({@code data/train.parquet@v1})
 */
public record LocalTable(String name, TableFormat format, List<Path> files) {
  public LocalTable {
    files = List.copyOf(files);
  }
}
