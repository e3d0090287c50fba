package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "show", mixinStandardHelpOptions = true,
    description = {"Draw the plots declared in dvc.yaml (stage 'plots:' and top-level 'plots:') from the workspace"
        + " into one HTML page (dvc_plots/index.html) that opens offline.",
        "Templates: linear, simple, scatter, smooth, confusion, confusion_normalized, bar_horizontal,"
            + " bar_horizontal_sorted; images are shown as they are."})
final class PlotsShowCommand extends RepoCommand {
  @Mixin PlotsOutput output;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      return output.run(jdvc.plots(), out(), err());
    }
  }
}
