package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.api.TransferResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "push", mixinStandardHelpOptions = true,
    description = "Upload tracked data that the remote lacks (files first, then directory manifests).")
final class PushCommand extends RepoCommand {
  @Mixin TransferScope scope;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(names = "--profiles", description = "Also upload local data profiles (jdvc data profile), kept on the remote "
      + "under jdvc/profiles-p2/, outside DVC's files/md5/.")
  boolean profiles;

  @Option(names = "--no-remote-index", description = "Ask the remote about every object instead of trusting "
      + "directories it recorded as complete: re-uploads files deleted on the remote behind jdvc's back.")
  boolean noRemoteIndex;

  @Option(names = "--run-cache", description = "Also transfer the run cache (the recorded runs of pipeline "
      + "stages, DVC's runs/ beside the objects) and the outputs those runs name.")
  boolean runCache;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      TransferResult r = scope.applyTo(jdvc.push()).runCache(runCache).useRemoteIndex(!noRemoteIndex)
          .call();
      if (json) {
        TransferSummary.printJson(this, r);
      } else if (!quiet()) {
        TransferSummary.print(this, r, "pushed");
      }
      if (profiles) {
        shareProfiles(jdvc);
      }
      TransferSummary.failIfNeeded(this, r, "push", false);
      return ExitCode.OK;
    }
  }

  private void shareProfiles(Jdvc jdvc) throws java.io.IOException {
    try (io.jdvc.remote.Remote remote = jdvc.openRemote(scope.remote);
        io.jdvc.tables.DataQuality dq = jdvc.data()) {
      int n = dq.pushProfiles(remote);
      if (!json) {
        say(n + " data profile(s) pushed");
      }
    }
  }
}
