package io.jdvc.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code --json} or {@code --md}: the machine formats the data commands share (at most one). */
final class DataOutput {
  static final class Format {
    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--md", description = "Print the result as GitHub Markdown (for pull request comments).")
    boolean md;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Format format = new Format();

  boolean json() {
    return format != null && format.json;
  }

  boolean md() {
    return format != null && format.md;
  }
}
