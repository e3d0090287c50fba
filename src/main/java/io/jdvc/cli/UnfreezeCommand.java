package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "unfreeze", mixinStandardHelpOptions = true,
    description = "Unfreeze stages or .dvc files, so repro and status consider them again.")
final class UnfreezeCommand extends RepoCommand {
  @Parameters(arity = "1..*", paramLabel = "TARGET",
      description = "Stages (NAME, dvc.yaml:NAME, sub/dvc.yaml:NAME) or .dvc files.")
  List<String> targets;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      FreezeCommand report = new FreezeCommand();
      report.spec = spec;
      return report.report(jdvc.unfreeze().targets(targets).call(), "unfreeze");
    }
  }
}
