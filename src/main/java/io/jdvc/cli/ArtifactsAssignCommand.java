package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "assign", mixinStandardHelpOptions = true,
    description = "Assign a stage (prod, staging, ...) to a version: an annotated tag NAME#STAGE#N.")
final class ArtifactsAssignCommand extends ArtifactsTagCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Artifact name.")
  String name;

  @Parameters(index = "1", paramLabel = "STAGE", description = "Stage to assign.")
  String stage;

  @Option(names = "--version", paramLabel = "VERSION", description = "Version to assign (default: the one at REF).")
  String version;

  @Option(names = "--ref", paramLabel = "REF", description = "Commit whose version to assign (default HEAD); "
      + "registered first if it has none.")
  String ref;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      List<String> tags = jdvc.artifacts().assign(name, version, ref, stage, message);
      created(jdvc, tags, "assigns stage");
      return ExitCode.OK;
    }
  }
}
