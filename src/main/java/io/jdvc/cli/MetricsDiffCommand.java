package io.jdvc.cli;

import io.jdvc.api.DiffOfValues;
import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.ValuesRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Show changes in metrics between commits, or between a commit and the workspace.",
        "Metrics files are those declared in dvc.yaml (stage 'metrics:' and top-level 'metrics:'): JSON, YAML,"
            + " TOML, CSV or TSV. A file missing at a revision shows '-'."})
final class MetricsDiffCommand extends RepoCommand {
  @Mixin RevisionPair revisions;

  @Option(names = "--targets", arity = "1..*", paramLabel = "PATH",
      description = "Metrics files to compare instead of the declared ones.")
  List<Path> targets = new ArrayList<>();

  @Option(names = "--all", description = "Show unchanged metrics as well.")
  boolean all;

  @Option(names = "--pct", description = "Add the change in percent of the old value (JSON: \"pct\").")
  boolean percent;

  @Option(names = "--precision", paramLabel = "N",
      description = "Round floats to N digits after the point (default: 5).")
  Integer precision;

  @Option(names = "--pull", description = "Download cached metrics files missing from the cache from the remote.")
  boolean pull;

  @Mixin ValuesOutput output;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      DiffOfValues result = jdvc.metricsDiff().aRev(revisions.aRev).bRev(revisions.bRev).all(all).targets(targets)
          .pull(pull).call();
      output.printDiff(ValuesOutput.shownPaths(jdvc, root().workingDirectory()), result, "Metric", true, percent,
          precision == null || precision == 0 ? ValuesRenderer.DEFAULT_PRECISION : precision, out(), err(), quiet());
      return ExitCode.OK;
    }
  }
}
