package io.jdvc.cli;

import io.jdvc.api.ExpSyncOperation;
import io.jdvc.api.Jdvc;
import io.jdvc.git.GitRefs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code exp push} and {@code exp pull} share: the Git remote, the selection and the data flags. */
abstract class ExpSyncCommand extends RepoCommand {
  @Parameters(index = "0", paramLabel = "GIT_REMOTE", description = "Git remote name or URL.")
  String gitRemote;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "EXPERIMENT", description = "Experiments (default: "
      + "those of --rev, or of HEAD).")
  List<String> names = new ArrayList<>();

  @Option(names = {"-A", "--all-commits"}, description = "Every experiment.")
  boolean all;

  @Option(names = "--rev", paramLabel = "REV", description = "The experiments of this baseline.")
  List<String> revs = new ArrayList<>();

  @Option(names = {"-f", "--force"}, description = "Replace a diverged experiment ref on the other side.")
  boolean force;

  @Option(names = "--no-cache", description = "Only the Git refs, not the data.")
  boolean noCache;

  @Option(names = "--run-cache", negatable = true, description = "Also the run cache (default: no).")
  boolean runCache;

  @Option(names = {"-r", "--remote"}, paramLabel = "NAME", description = "DVC remote for the data.")
  String dvcRemote;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel transfers.")
  Integer jobs;

  abstract boolean push();

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      ExpSyncOperation op = push() ? jdvc.expPush() : jdvc.expPull();
      ExpSyncOperation.Result r = op.gitRemote(gitRemote).names(names).all(all).revs(revs).force(force)
          .noCache(noCache).runCache(runCache).dvcRemote(dvcRemote).jobs(jobs).call();
      if (r.refs().isEmpty()) {
        say(push() ? "No experiments to push." : "No experiments to pull.");
        return ExitCode.OK;
      }
      boolean diverged = false;
      for (Map.Entry<String, GitRefs.SyncStatus> e : r.refs().entrySet()) {
        String where = (push() ? " to" : " from") + " Git remote '" + gitRemote + "'.";
        switch (e.getValue()) {
          case SUCCESS -> say((push() ? "Pushed" : "Pulled") + " experiment '" + e.getKey() + "'" + where);
          case UP_TO_DATE -> say("Experiment '" + e.getKey() + "' is up to date" + where);
          case DIVERGED -> {
            diverged = true;
            err().println("ERROR: experiment '" + e.getKey() + "' has diverged from the one" + where
                + " Use -f to overwrite it.");
          }
          default -> {
            diverged = true;
            err().println("ERROR: Git remote '" + gitRemote + "' refused experiment '" + e.getKey() + "'; nothing"
                + " of it was " + (push() ? "pushed" : "pulled") + ". Check the remote's hooks and your permission"
                + " to write to it.");
          }
        }
      }
      if (r.data() != null) {
        long moved = r.data().remotes().stream().mapToLong(x -> x.report().transferred()).sum();
        say(moved + " file" + (moved == 1 ? "" : "s") + (push() ? " pushed" : " fetched") + ".");
      }
      err().flush();
      return diverged ? ExitCode.ERROR : ExitCode.OK;
    }
  }
}
