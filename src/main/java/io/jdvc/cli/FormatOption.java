package io.jdvc.cli;

import io.jdvc.tables.ReadOptions;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --format-option KEY=VALUE}: pins how CSV and TSV tables are parsed, where DuckDB's sniffer guesses wrong. */
final class FormatOption {
  @Option(names = "--format-option", paramLabel = "KEY=VALUE", description = "How CSV/TSV tables are parsed "
      + "(repeatable): delim, quote, escape, header, skip, nullstr, decimal_separator, dateformat, timestampformat, "
      + "comment, all_varchar, new_line, strict_mode, null_padding, ignore_errors, encoding, max_line_size; e.g. "
      + "--format-option delim=';' --format-option decimal_separator=,")
  List<String> pairs = List.of();

  ReadOptions options() {
    return ReadOptions.parse(pairs);
  }
}
