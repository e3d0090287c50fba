package io.jdvc.cli;

import io.jdvc.api.DiffOfValues;
import io.jdvc.api.Jdvc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Show changes in params between commits, or between a commit and the workspace.",
        "Params are those of every stage in every dvc.yaml, the files of top-level 'params:', and params.yaml;"
            + " nested keys are shown dotted (train.lr)."})
final class ParamsDiffCommand extends RepoCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "A_REV", defaultValue = "HEAD",
      description = "Old Git revision to compare (default: HEAD).")
  String aRev;

  @Parameters(index = "1", arity = "0..1", paramLabel = "B_REV", defaultValue = "workspace",
      description = "New Git revision to compare (default: the workspace).")
  String bRev;

  @Option(names = "--all", description = "Show unchanged params as well.")
  boolean all;

  @Option(names = "--deps", description = "Show only params that are stage dependencies.")
  boolean deps;

  @Mixin ValuesOutput output;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      DiffOfValues result = jdvc.paramsDiff().aRev(aRev).bRev(bRev).all(all).depsOnly(deps).call();
      output.printDiff(result, "Param", false, false, null, out(), err(), quiet());
      return ExitCode.OK;
    }
  }
}
