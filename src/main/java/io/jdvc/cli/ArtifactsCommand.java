package io.jdvc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "artifacts", mixinStandardHelpOptions = true,
    description = "The model registry, as GTO keeps it in Git tags: versions (NAME@v1.3.0), stages "
        + "(NAME#prod#N) and the lineage of a registered model.",
    subcommands = {ArtifactsRegisterCommand.class, ArtifactsAssignCommand.class, ArtifactsDeprecateCommand.class,
        ArtifactsShowCommand.class, ArtifactsHistoryCommand.class, ArtifactsLineageCommand.class,
        ArtifactsAddCommand.class, ArtifactsListCommand.class, ArtifactsGetCommand.class},
    commandListHeading = "%nCommands:%n", synopsisSubcommandLabel = "COMMAND")
final class ArtifactsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
