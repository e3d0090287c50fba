package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "deprecate", mixinStandardHelpOptions = true,
    description = "Deprecate an artifact: an annotated tag NAME@deprecated#N.")
final class ArtifactsDeprecateCommand extends ArtifactsTagCommand {
  @Parameters(paramLabel = "NAME", description = "Artifact name.")
  String name;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      created(jdvc, List.of(jdvc.artifacts().deprecate(name, message)), "deprecates artifact");
      return ExitCode.OK;
    }
  }
}
