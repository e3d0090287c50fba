package io.jdvc.cli;

import io.jdvc.api.FreezeOperation;
import io.jdvc.api.Jdvc;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "freeze", mixinStandardHelpOptions = true,
    description = "Freeze stages or .dvc files: repro and status leave them as they are until unfrozen.")
final class FreezeCommand extends RepoCommand {
  @Parameters(arity = "1..*", paramLabel = "TARGET",
      description = "Stages (NAME, dvc.yaml:NAME, sub/dvc.yaml:NAME) or .dvc files.")
  List<String> targets;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      return report(jdvc.freeze().targets(targets).call(), "freeze");
    }
  }

  /** DVC prints nothing on success, and "failed to freeze 'x'" per failing target. */
  int report(FreezeOperation.Result r, String verb) {
    for (FreezeOperation.Failure f : r.failures()) {
      err().println("ERROR: failed to " + verb + " '" + f.target() + "' - " + f.error().getMessage());
      if (f.error().hint() != null) {
        err().println("hint: " + f.error().hint());
      }
    }
    err().flush();
    adviseGitAdd(r.unstaged());
    return r.failures().isEmpty() ? ExitCode.OK : ExitCode.ERROR;
  }
}
