package io.jdvc.cli;

import io.jdvc.api.InstallResult;
import io.jdvc.api.Jdvc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "install", mixinStandardHelpOptions = true,
    description = {"Install Git hooks, like 'dvc install': post-checkout runs 'jdvc checkout' after a branch "
        + "switch, pre-commit runs 'jdvc status', pre-push runs 'jdvc push'.",
        "The hooks call the 'jdvc' on PATH, so put jdvc's bin/ directory on PATH. Existing shell hooks are "
            + "kept and jdvc's lines appended; running it again changes nothing."})
final class InstallCommand extends RepoCommand {
  @Option(names = "--uninstall", description = "Remove jdvc's lines from the hooks (and hooks left empty).")
  boolean uninstall;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      InstallResult r = jdvc.install().uninstall(uninstall).call();
      for (InstallResult.Hook h : r.hooks()) {
        String what;
        switch (h.action()) {
          case CREATED: what = "created"; break;
          case APPENDED: what = "added jdvc's commands to the existing hook"; break;
          case UPDATED: what = "updated jdvc's commands"; break;
          case REMOVED: what = "removed jdvc's commands, kept the rest"; break;
          case DELETED: what = "deleted"; break;
          default: what = uninstall ? "no jdvc commands" : "already installed"; break;
        }
        say(h.name() + ": " + what + " (" + h.file() + ")");
      }
      return ExitCode.OK;
    }
  }
}
