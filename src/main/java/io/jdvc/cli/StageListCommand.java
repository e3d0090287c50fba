package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.api.StageListOperation;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List stages with their descriptions (or what they output), as dvc stage list does.")
final class StageListCommand extends RepoCommand {
  @Parameters(arity = "0..*", paramLabel = "TARGET",
      description = "A dvc.yaml, a stage (NAME or FILE:NAME), a .dvc file, or with -R a directory; "
          + "'dvc.yaml' by default.")
  List<String> targets = new ArrayList<>();

  @Option(names = "--all", description = "List all of the stages in the repository.")
  boolean all;

  @Option(names = {"-R", "--recursive"}, description = "List all stages inside the given directories.")
  boolean recursive;

  @Option(names = {"--name-only", "--names-only"}, description = "List only stage names.")
  boolean nameOnly;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      List<StageListOperation.Entry> entries = jdvc.stageList().targets(targets).all(all).recursive(recursive)
          .call();
      int width = entries.stream().mapToInt(e -> e.address().length()).max().orElse(0);
      for (StageListOperation.Entry e : entries) {
        // DVC's plain table: columns padded, two spaces apart
        String line = nameOnly ? e.address() : String.format("%-" + width + "s  %s", e.address(), e.description());
        out().println(line.stripTrailing());
      }
      out().flush();
      return ExitCode.OK;
    }
  }
}
