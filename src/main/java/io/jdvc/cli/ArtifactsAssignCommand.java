package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "assign", mixinStandardHelpOptions = true,
    description = "Assign a stage (prod, staging, ...) to a version: an annotated tag NAME#STAGE#N.")
final class ArtifactsAssignCommand extends ArtifactsTagCommand {
  @Parameters(arity = "2..3", paramLabel = "NAME [VERSION] STAGE", description = "Artifact name, the version "
      + "(or --version/--ref) and the stage to assign.")
  List<String> args;

  @Option(names = "--version", paramLabel = "VERSION", description = "Version to assign (default: the one at REF).")
  String version;

  @Option(names = "--ref", paramLabel = "REF", description = "Commit whose version to assign (default HEAD); "
      + "registered first if it has none.")
  String ref;

  @Override
  public Integer call() throws Exception {
    String name = args.get(0);
    String stage = args.get(args.size() - 1);
    if (args.size() == 3) {
      if (version != null || ref != null) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "give the version once: as VERSION or with --version/--ref");
      }
      version = args.get(1);
    }
    if (version != null && ref != null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --version or --ref, not both");
    }
    try (Jdvc jdvc = open()) {
      List<String> tags = jdvc.artifacts().assign(name, version, ref, stage, message);
      created(jdvc, tags, "assigns stage");
      return ExitCode.OK;
    }
  }
}
