package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", mixinStandardHelpOptions = true,
    description = {"Declare an artifact under artifacts: of dvc.yaml, as DVC writes it (path, desc, type, labels,"
        + " meta); the rest of the file is kept byte for byte.",
        "Example: jdvc artifacts add model models/model.pkl --type model --label nlp"})
final class ArtifactsAddCommand extends RepoCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Artifact name (GTO's rule: letters, digits, -, _, /).")
  String name;

  @Parameters(index = "1", paramLabel = "PATH", description = "The model's path, relative to the dvc.yaml.")
  String path;

  @Option(names = "--type", paramLabel = "TYPE", description = "Artifact type, e.g. model or dataset.")
  String type;

  @Option(names = "--desc", paramLabel = "TEXT", description = "A description.")
  String desc;

  @Option(names = "--label", paramLabel = "LABEL", description = "A label; repeatable.")
  List<String> labels = List.of();

  @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "A meta entry; repeatable.")
  Map<String, String> meta = new LinkedHashMap<>();

  @Option(names = "--dvc-file", paramLabel = "FILE", description = "The dvc.yaml to write (default: dvc.yaml at the"
      + " repository root), e.g. models/dvc.yaml: the artifact is then named models:NAME in tags.")
  String dvcFile;

  @Option(names = {"-f", "--force"}, description = "Replace an existing declaration of that name.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      String file = jdvc.artifacts().add(name, path, type, desc, labels, new LinkedHashMap<>(meta), dvcFile, force);
      say("Added artifact '" + name + "' (" + path + ") to " + file + ".");
      say("To track the changes with git, run:");
      say("    git add " + file);
      return ExitCode.OK;
    }
  }
}
