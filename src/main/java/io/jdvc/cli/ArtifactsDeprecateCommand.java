package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "deprecate", mixinStandardHelpOptions = true,
    description = {"Deprecate an artifact (tag NAME@deprecated), deregister a version (NAME@VERSION!), or take a "
        + "stage from a version (NAME#STAGE!#N), as gto deprecate."})
final class ArtifactsDeprecateCommand extends ArtifactsTagCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Artifact name.")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION", description = "Deregister this version.")
  String version;

  @Parameters(index = "2", arity = "0..1", paramLabel = "STAGE", description = "Unassign this stage from VERSION.")
  String stage;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      String tag = jdvc.artifacts().deprecate(name, version, stage, message);
      created(jdvc, List.of(tag), version == null ? "deprecates artifact" : stage == null ? "deregisters version"
          : "unassigns stage from version '" + version + "'");
      return ExitCode.OK;
    }
  }
}
