package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.tables.DataQuality;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "suggest", mixinStandardHelpOptions = true,
    description = "Print a starting checks file for a table, from its profile (Deequ's suggestion rules, written "
        + "as SodaCL): jdvc data suggest data/train.parquet > checks.yml")
final class DataSuggestCommand extends RepoCommand {
  @Parameters(paramLabel = "PATH[@REV]", description = "A table file, a directory or a glob of them.")
  String table;

  @Mixin FormatOption format;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open(); DataQuality dq = jdvc.data().readOptions(format.options())) {
      out().print(dq.suggest(table));
      out().flush();
      return ExitCode.OK;
    }
  }
}
