package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.Table;
import io.jdvc.cli.render.ValuesRenderer;
import io.jdvc.history.RevisionScope;
import io.jdvc.metrics.RevisionValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
    description = {"Print metrics: those declared in dvc.yaml (stage 'metrics:' and top-level 'metrics:'), or the"
        + " TARGET files.", "With -a/-T/-A/--rev, also at those revisions, read from Git without checkout."})
final class MetricsShowCommand extends RepoCommand {
  @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Metrics files to show instead of the declared ones.")
  List<Path> targets = new ArrayList<>();

  @Option(names = {"-a", "--all-branches"}, description = "Show metrics for all branches.")
  boolean allBranches;

  @Option(names = {"-T", "--all-tags"}, description = "Show metrics for all tags.")
  boolean allTags;

  @Option(names = {"-A", "--all-commits"}, description = "Show metrics for all commits.")
  boolean allCommits;

  @Option(names = {"-r", "--rev"}, paramLabel = "REV", description = "Show metrics at this Git revision too"
      + " (repeatable).")
  List<String> revs = new ArrayList<>();

  @Option(names = "--csv", description = "Print the table as CSV.")
  boolean csv;

  @Option(names = "--precision", paramLabel = "N",
      description = "Round floats to N digits after the point (default: 5).")
  Integer precision;

  @Option(names = "--pull", description = "Download cached metrics files missing from the cache from the remote.")
  boolean pull;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(names = "--md", description = "Print the table in Markdown (GitHub) format.")
  boolean markdown;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      RevisionScope scope = new RevisionScope(allBranches, allTags, allCommits, revs, 1);
      List<RevisionValues> shown = ValuesOutput.shownPaths(jdvc, root().workingDirectory())
          .of(jdvc.metricsShow().scope(scope).targets(targets).pull(pull).call());
      if (json) {
        out().print(Json.write(ValuesRenderer.metricsJson(shown)));
      } else {
        Table t = ValuesRenderer.metricsTable(shown, !scope.isEmpty(),
            precision == null || precision == 0 ? ValuesRenderer.DEFAULT_PRECISION : precision);
        if (csv) {
          out().print(t.csv());
        } else if (markdown) {
          out().println(t.markdown());
          out().println();
        } else if (!t.isEmpty()) {
          out().println(t.plain());
        }
      }
      out().flush();
      return ExitCode.OK;
    }
  }
}
