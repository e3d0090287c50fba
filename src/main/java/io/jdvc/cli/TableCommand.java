package io.jdvc.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** A data command about one table, {@code PATH[@REV]}, with {@code --json} and {@code --md}. */
abstract class TableCommand extends RepoCommand {
  @Parameters(paramLabel = "PATH[@REV]", description = "A table file, a directory or a glob of them "
      + "(data/part-*.parquet), in the workspace or at a revision (data/train.parquet@v1).")
  String table;

  @Mixin DataOutput output;

  @Mixin FormatOption format;
}
