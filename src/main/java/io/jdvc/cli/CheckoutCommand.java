package io.jdvc.cli;

import io.jdvc.JdvcException;
import io.jdvc.api.CheckoutResult;
import io.jdvc.api.Jdvc;
import io.jdvc.workspace.CheckoutReport;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "checkout", aliases = "co", mixinStandardHelpOptions = true,
    description = "Make workspace data match the .dvc files and dvc.lock, from the cache (e.g. after git checkout).")
final class CheckoutCommand extends RepoCommand {
  @Parameters(arity = "0..*", paramLabel = "TARGET", description = "Limit to these outputs, .dvc files or stages.")
  List<Path> targets = List.of();

  @Option(names = {"-f", "--force"}, description = "Overwrite or delete workspace data that is not in the cache.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      CheckoutResult r = jdvc.checkout().targets(targets).force(force).call();
      printChanges(this, r);
      return reportMissing(r);
    }
  }

  static void printChanges(RepoCommand cmd, CheckoutResult r) {
    int added = 0;
    int modified = 0;
    int deleted = 0;
    for (CheckoutReport c : r.outputs()) {
      added += c.added().size();
      modified += c.modified().size();
      deleted += c.deleted().size();
      if (!c.changedAnything()) {
        continue;
      }
      String mark = c.added().size() > 0 && c.modified().isEmpty() && c.deleted().isEmpty() ? "A" : "M";
      cmd.say(mark + "       " + c.output().repoPath() + (c.output().output().isDir() ? "/" : ""));
    }
    if (added + modified + deleted == 0) {
      if (r.missing().isEmpty()) {
        cmd.say("Everything is up to date.");
      }
    } else {
      cmd.say(count(added, "added") + ", " + count(modified, "modified") + ", " + count(deleted, "deleted"));
    }
  }

  private static String count(int n, String what) {
    return n + (n == 1 ? " file " : " files ") + what;
  }

  /** Names each output whose objects are missing from the cache; non-zero exit if any. */
  static int reportMissing(CheckoutResult r) {
    if (r.missing().isEmpty()) {
      return ExitCode.OK;
    }
    StringBuilder msg = new StringBuilder();
    for (CheckoutReport c : r.outputs()) {
      for (CheckoutReport.CorruptObject bad : c.corrupt()) {
        msg.append("object ").append(bad.oid()).append(" for ").append(bad.path())
            .append(" is corrupt in the cache (its content does not match its hash) and was removed\n");
      }
    }
    msg.append("checkout failed for the following targets, whose data is not in the cache:");
    for (CheckoutReport c : r.missing()) {
      msg.append("\n    ").append(c.output().repoPath()).append(" (").append(c.output().dvcPath()).append(", ")
          .append(c.missing().size()).append(" missing object").append(c.missing().size() == 1 ? "" : "s")
          .append(')');
    }
    throw new JdvcException(msg.toString(), "run 'jdvc pull' to download the missing data from the remote");
  }
}
