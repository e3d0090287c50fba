package io.jdvc.cli;

import picocli.CommandLine.Command;

@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Look inside versioned tables (Parquet, CSV, JSON): profiles, schemas, diffs and drift between "
        + "revisions, data checks for CI.",
    subcommands = {DataProfileCommand.class, DataSchemaCommand.class, DataDiffCommand.class,
        DataCheckCommand.class, DataSuggestCommand.class, DataLogCommand.class},
    commandListHeading = "%nCommands:%n", synopsisSubcommandLabel = "COMMAND")
final class DataCommand extends CommandGroup {}
