package io.jdvc.cli;

import io.jdvc.api.DiffOfValues;
import io.jdvc.api.Jdvc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Show changes in params between commits, or between a commit and the workspace.",
        "Params are those of every stage in every dvc.yaml, the files of top-level 'params:', and params.yaml;"
            + " nested keys are shown dotted (train.lr)."})
final class ParamsDiffCommand extends RepoCommand {
  @Mixin RevisionPair revisions;

  @Option(names = "--all", description = "Show unchanged params as well.")
  boolean all;

  @Option(names = "--deps", description = "Show only params that are stage dependencies.")
  boolean deps;

  @Mixin ValuesOutput output;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      DiffOfValues result = jdvc.paramsDiff().aRev(revisions.aRev).bRev(revisions.bRev).all(all).depsOnly(deps).call();
      output.printDiff(ValuesOutput.shownPaths(jdvc, root().workingDirectory()), result, "Param", false, false, null,
          out(), err(), quiet());
      return ExitCode.OK;
    }
  }
}
