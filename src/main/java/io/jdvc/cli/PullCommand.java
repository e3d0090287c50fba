package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.api.TransferResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pull", mixinStandardHelpOptions = true,
    description = "Fetch tracked data from the remote, then check it out into the workspace.")
final class PullCommand extends RepoCommand {
  @Mixin TransferScope scope;

  @Option(names = {"-f", "--force"}, description = "Overwrite workspace data that is not in the cache.")
  boolean force;

  @Option(names = "--allow-missing", description = "Warn, instead of failing, about objects missing on the remote.")
  boolean allowMissing;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(names = "--run-cache", description = "Also transfer the run cache (the recorded runs of pipeline "
      + "stages, DVC's runs/ beside the objects) and the outputs those runs name.")
  boolean runCache;

  @Option(names = "--profiles", description = "Also download shared data profiles (jdvc data profile), kept on the remote "
      + "under jdvc/profiles-p2/, outside DVC's files/md5/.")
  boolean profiles;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      TransferResult r = scope.applyTo(jdvc.pull()).runCache(runCache).force(force).call();
      if (json) {
        TransferSummary.printJson(this, r);
      } else if (!quiet()) {
        TransferSummary.print(this, r, "fetched");
        CheckoutCommand.printChanges(this, r.checkout());
      }
      if (profiles) {
        shareProfiles(jdvc);
      }
      TransferSummary.warnSkippedImports(this, r);
      TransferSummary.failIfNeeded(this, r, "fetch", allowMissing);
      if (!allowMissing) {
        return CheckoutCommand.reportMissing(r.checkout());
      }
      return ExitCode.OK;
    }
  }

  private void shareProfiles(Jdvc jdvc) throws java.io.IOException {
    try (io.jdvc.remote.Remote remote = jdvc.openRemote(scope.remote);
        io.jdvc.tables.DataQuality dq = jdvc.data()) {
      int n = dq.pullProfiles(remote);
      if (!json) {
        say(n + " data profile(s) pulled");
      }
    }
  }
}
