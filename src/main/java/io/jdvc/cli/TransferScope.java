package io.jdvc.cli;

import io.jdvc.api.ScopedOperation;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The flags push, fetch, pull and status -c share (DVC's names). */
final class TransferScope {
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Parameters(arity = "0..*", paramLabel = "TARGET",
      description = "Outputs, .dvc files, stages (train, dvc.yaml:train), or paths inside tracked directories "
          + "(default: all).")
  List<Path> targets = List.of();

  @Option(names = {"-r", "--remote"}, paramLabel = "NAME", description = "Remote to use instead of the default.")
  String remote;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel transfers, at most 64 (default: "
      + "the remote's 'jobs' setting, else 16 for S3).")
  Integer jobs;

  @Option(names = {"-a", "--all-branches"}, description = "Include the data of every branch head.")
  boolean allBranches;

  @Option(names = {"-T", "--all-tags"}, description = "Include the data of every tag.")
  boolean allTags;

  @Option(names = {"-A", "--all-commits"}, description = "Include the data of every commit.")
  boolean allCommits;

  @Option(names = "--glob", paramLabel = "PATTERN",
      description = "Only tracked files whose path matches this glob (e.g. 'data/**.csv').")
  String glob;

  <T extends ScopedOperation<T>> T applyTo(T op) {
    OptionChecks.atLeastOne(command, "-j|--jobs", jobs);
    OptionChecks.glob(command, "--glob", glob);
    return op.targets(targets).remote(remote).jobs(jobs).allBranches(allBranches).allTags(allTags)
        .allCommits(allCommits).glob(glob);
  }
}
