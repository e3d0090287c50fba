package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
    description = {"Draw the plots declared in dvc.yaml (stage 'plots:' and top-level 'plots:') from the workspace"
        + " into one HTML page (dvc_plots/index.html) that opens offline.",
        "Templates: linear, simple, scatter, smooth, confusion, confusion_normalized, bar_horizontal,"
            + " bar_horizontal_sorted; images are shown as they are."})
final class PlotsShowCommand extends RepoCommand {
  @Parameters(paramLabel = "TARGET", arity = "0..*",
      description = "Plots to draw instead of every declared one: data files or plot names from dvc.yaml.")
  List<Path> targets = new ArrayList<>();

  @Mixin PlotsOutput output;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      return output.run(jdvc.plots().targets(targets), out(), err());
    }
  }
}
