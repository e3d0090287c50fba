package io.jdvc.tables;

import java.nio.file.Path;
import java.util.List;

/**
 * Local files the engine reads as one table.
 *
 * @param name what messages call it ({@code data/train.parquet@v1})
 * @param options how its text is parsed, when the user pinned it
 */
public record LocalTable(String name, TableFormat format, List<Path> files, ReadOptions options) {
  public LocalTable {
    files = List.copyOf(files);
  }

  public LocalTable(String name, TableFormat format, List<Path> files) {
    this(name, format, files, ReadOptions.NONE);
  }
}
