package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.api.UpdateOperation;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update", mixinStandardHelpOptions = true,
    description = {"Move imports to the newest commit of their source's branch (or to --rev): rewrite rev_lock and "
        + "download the new data.", "Exit codes: 0 done, 1 failed."})
final class UpdateCommand extends RepoCommand {
  @Parameters(arity = "1..*", paramLabel = "TARGET", description = "Import .dvc files (or the outputs they track).")
  List<Path> targets;

  @Option(names = "--rev", paramLabel = "REV", description = "Branch, tag or commit of the source to move to.")
  String rev;

  @picocli.CommandLine.Mixin ImportDownloadOptions download = new ImportDownloadOptions();

  @Override
  public Integer call() throws Exception {
    OptionChecks.atLeastOne(spec, "-j|--jobs", download.jobs);
    try (Jdvc jdvc = open()) {
      UpdateOperation op = jdvc.update().targets(targets).rev(rev).noDownload(download.noDownload);
      if (download.jobs != null) {
        op.jobs(download.cappedJobs());
      }
      ImportCommand.report(this, op.call(), download.json, "Updating");
      return ExitCode.OK;
    }
  }
}
