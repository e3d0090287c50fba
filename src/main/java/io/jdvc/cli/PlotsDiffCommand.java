package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Draw the plots with one series per revision, read from Git without checkout.",
        "No REV: HEAD and the workspace; one REV: it and the workspace; several: exactly those."})
final class PlotsDiffCommand extends RepoCommand {
  @Parameters(paramLabel = "REV", arity = "0..*", description = "Git revisions to compare ('workspace' for the"
      + " work tree).")
  List<String> revisions = new ArrayList<>();

  @Option(names = "--targets", arity = "1..*", paramLabel = "PLOT",
      description = "Draw only these plots (a data file or a plot name from dvc.yaml).")
  List<Path> targets = new ArrayList<>();

  @Mixin PlotsOutput output;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      return output.run(jdvc.plots().diff(revisions).targets(targets), out(), err());
    }
  }
}
