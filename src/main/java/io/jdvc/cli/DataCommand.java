package io.jdvc.cli;

import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Look inside versioned tables (Parquet, CSV, JSON): profiles, schemas, diffs and drift between "
        + "revisions, data checks for CI.",
    commandListHeading = "%nCommands:%n", synopsisSubcommandLabel = "COMMAND")
final class DataCommand extends CommandGroup {
  /**
   * Its commands, in help order. Registered by {@link CommandRegistry} rather than listed in the annotation, so that
   * a run registers only the one it names: picocli's model of all six cost a cached profile ~20 ms.
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(DataProfileCommand.class, DataSchemaCommand.class,
      DataDiffCommand.class, DataCheckCommand.class, DataSuggestCommand.class, DataLogCommand.class);
}
