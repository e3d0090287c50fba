package io.jdvc.cli;

import io.jdvc.api.AddResult;
import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Sizes;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", mixinStandardHelpOptions = true,
    description = "Track data files or directories: hash them into the cache, write TARGET.dvc and stage it.")
final class AddCommand extends RepoCommand {
  @Parameters(arity = "1..*", paramLabel = "TARGET", description = "Files or directories to track.")
  List<Path> targets;

  @Option(names = "--no-commit", description = "Write the .dvc files without copying data into the cache.")
  boolean noCommit;

  @Option(names = {"-m", "--message"}, paramLabel = "MSG",
      description = "Also create a Git commit of the .dvc and .gitignore files with this message.")
  String message;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      AddResult r = jdvc.add().targets(targets).noCommit(noCommit).message(message).call();
      for (AddResult.Added a : r.outputs()) {
        String what = a.nfiles() == null ? Sizes.human(a.size())
            : a.nfiles() + (a.nfiles() == 1 ? " file, " : " files, ") + Sizes.human(a.size());
        say((a.changed() ? "Added " : "Unchanged ") + a.path() + " (" + what + ") -> " + a.dvcFile());
      }
      if (r.commitId() != null) {
        say("Committed " + r.commitId().substring(0, 7) + ": " + message);
      }
      adviseGitAdd(r.unstaged());
      return ExitCode.OK;
    }
  }
}
