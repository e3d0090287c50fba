package io.jdvc.cli;

import io.jdvc.api.Experiments;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The baselines an experiment command looks at, as DVC's {@code --rev/-n/-a/-T/-A}. */
final class ExpScope {
  @Option(names = "--rev", paramLabel = "REV", description = "Baseline commit (default HEAD); repeatable.")
  List<String> revs = new ArrayList<>();

  @Option(names = {"-n", "--num"}, paramLabel = "N", description = "Also the N-1 commits before each --rev "
      + "(negative: all).")
  int num = 1;

  @Option(names = {"-a", "--all-branches"}, description = "Every branch head as a baseline.")
  boolean allBranches;

  @Option(names = {"-T", "--all-tags"}, description = "Every tag as a baseline.")
  boolean allTags;

  @Option(names = {"-A", "--all-commits"}, description = "Every commit as a baseline.")
  boolean allCommits;

  Experiments.Scope toScope() {
    return new Experiments.Scope(revs, num, allBranches, allTags, allCommits);
  }
}
