package io.jdvc.cli;

import io.jdvc.api.ExpSaveOperation;
import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "save", mixinStandardHelpOptions = true,
    description = {"Save the current workspace as an experiment, without running anything: outputs are committed"
        + " to the cache, and one commit on HEAD (refs/exps/...) records the tracked files, the pipeline files and"
        + " their params, metrics and plots. HEAD, the branch and the index stay."})
final class ExpSaveCommand extends RepoCommand {
  @Parameters(arity = "0..*", paramLabel = "TARGET", description = "Outputs or stages to commit to the cache "
      + "(default: all).")
  List<Path> targets = List.of();

  @Option(names = {"-R", "--recursive"}, description = "A directory TARGET means every .dvc file and stage under "
      + "it.")
  boolean recursive;

  @Option(names = {"-n", "--name"}, description = "Name of the experiment (default: a random adjective-noun).")
  String name;

  @Option(names = {"-f", "--force"}, description = "Replace an experiment of the same name on this baseline.")
  boolean force;

  @Option(names = {"-I", "--include-untracked"}, paramLabel = "PATH", description = "An untracked path to include "
      + "in the experiment commit; repeatable.")
  List<String> includeUntracked = List.of();

  @Option(names = {"-m", "--message"}, description = "Commit message instead of 'dvc: commit experiment <hash>'.")
  String message;

  @Option(names = "--json", description = "Print {\"ref\": <commit>} as DVC does.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      ExpSaveOperation.Result r = jdvc.expSave().targets(targets).name(name).force(force).recursive(recursive)
          .includeUntracked(includeUntracked).message(message).call();
      if (json) {
        out().print(Json.write(Map.of("ref", r.commit())));
        out().flush();
      } else {
        say("Experiment has been saved as: " + r.name());
      }
      return ExitCode.OK;
    }
  }
}
