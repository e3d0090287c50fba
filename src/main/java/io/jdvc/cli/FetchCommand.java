package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.api.TransferResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = "Download tracked data missing from the cache (verified by hash); the workspace is untouched.")
final class FetchCommand extends RepoCommand {
  @Mixin TransferScope scope;

  @Option(names = "--allow-missing", description = "Warn, instead of failing, about objects missing on the remote.")
  boolean allowMissing;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(names = "--run-cache", description = "Also transfer the run cache (the recorded runs of pipeline "
      + "stages, DVC's runs/ beside the objects) and the outputs those runs name.")
  boolean runCache;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      TransferResult r = scope.applyTo(jdvc.fetch()).runCache(runCache).call();
      if (json) {
        TransferSummary.printJson(this, r);
      } else if (!quiet()) {
        TransferSummary.print(this, r, "fetched");
      }
      TransferSummary.warnSkippedImports(this, r);
      TransferSummary.failIfNeeded(this, r, "fetch", allowMissing);
      return ExitCode.OK;
    }
  }
}
