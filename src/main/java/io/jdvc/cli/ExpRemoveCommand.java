package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.experiments.ExpRef;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true,
    description = "Remove experiments (their refs; the commits stay until git gc), locally or on a Git remote.")
final class ExpRemoveCommand extends RepoCommand {
  @Parameters(arity = "0..*", paramLabel = "EXPERIMENT", description = "Experiments to remove.")
  List<String> names = new ArrayList<>();

  @Option(names = "--rev", paramLabel = "REV", description = "Remove every experiment of this baseline.")
  List<String> revs = new ArrayList<>();

  @Option(names = {"-n", "--num"}, paramLabel = "N", description = "With --rev: also the N-1 commits before it.")
  int num = 1;

  @Option(names = {"-A", "--all-commits"}, description = "Remove every experiment (the refs; queued ones stay "
      + "unless --queue).")
  boolean all;

  @Option(names = "--keep", description = "Remove all experiments but the named ones.")
  boolean keep;

  @Option(names = "--queue", description = "Remove every queued experiment (not the running or finished ones).")
  boolean queue;

  @Option(names = {"-g", "--git-remote"}, paramLabel = "GIT_REMOTE", description = "Remove on this Git remote.")
  String gitRemote;

  @Override
  public Integer call() throws Exception {
    boolean byScope = all || !revs.isEmpty();
    boolean valid = keep ? !names.isEmpty() && !byScope && !queue
        : (names.isEmpty() == byScope || queue && names.isEmpty() && !byScope) && !(queue && gitRemote != null);
    if (!valid) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "give experiment names, or --rev/-A (not both; --keep needs names), or --queue (not with --keep or -g)");
    }
    try (Jdvc jdvc = open()) {
      List<String> removed = new ArrayList<>();
      if (queue) {
        removed.addAll(jdvc.experiments().removeQueued(jdvc.expQueue().queue()));
      }
      if (gitRemote != null && (keep || byScope)) {
        removed.addAll(jdvc.experiments().removeAllRemote(gitRemote, new io.jdvc.api.Experiments.Scope(revs, num,
            false, false, false), all || keep, keep ? names : List.of()));
      } else if (gitRemote != null) {
        removed.addAll(jdvc.experiments().removeRemote(gitRemote, names));
      } else if (keep || byScope) {
        jdvc.experiments().removeAll(new io.jdvc.api.Experiments.Scope(revs, num, false, false, false),
            all || keep, keep ? names : List.of()).stream().map(ExpRef::name).forEach(removed::add);
      } else if (!names.isEmpty()) {
        removed.addAll(jdvc.experiments().remove(names, jdvc.expQueue().queue()));
      }
      if (removed.isEmpty()) {
        say("No experiments to remove.");
      } else {
        say("Removed experiments: " + String.join(", ", removed.stream().map(n -> "'" + n + "'").toList()));
      }
      return ExitCode.OK;
    }
  }
}
