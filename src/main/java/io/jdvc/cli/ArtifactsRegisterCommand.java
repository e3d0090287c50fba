package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "register", mixinStandardHelpOptions = true,
    description = "Register a version of an artifact declared in dvc.yaml: an annotated tag NAME@vX.Y.Z on REF.")
final class ArtifactsRegisterCommand extends ArtifactsTagCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Artifact name (as in artifacts: of dvc.yaml).")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "REF", description = "Commit to register (default HEAD).")
  String ref;

  @Option(names = "--version", paramLabel = "VERSION", description = "Version, e.g. v1.3.0 (default: bump latest).")
  String version;

  @Option(names = "--bump-major", description = "Bump the major version.")
  boolean bumpMajor;

  @Option(names = "--bump-minor", description = "Bump the minor version.")
  boolean bumpMinor;

  @Option(names = "--bump-patch", description = "Bump the patch version (the default).")
  boolean bumpPatch;

  @Override
  public Integer call() throws Exception {
    int given = (version != null ? 1 : 0) + (bumpMajor ? 1 : 0) + (bumpMinor ? 1 : 0) + (bumpPatch ? 1 : 0);
    if (given > 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "Need to specify either version or single bump argument");
    }
    try (Jdvc jdvc = open()) {
      String tag = jdvc.artifacts().register(name, ref, version, bumpMajor, bumpMinor, message);
      created(jdvc, List.of(tag), "registers version");
      return ExitCode.OK;
    }
  }
}
