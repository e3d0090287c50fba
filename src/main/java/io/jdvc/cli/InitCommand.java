package io.jdvc.cli;

import io.jdvc.api.InitResult;
import io.jdvc.api.Jdvc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Initialise a jdvc (DVC) repository at the top of the current Git work tree.")
final class InitCommand extends RepoCommand {
  @Option(names = "--no-scm", description = "Initialise without Git (nothing is staged).")
  boolean noScm;

  @Option(names = {"-f", "--force"}, description = "Re-create the config files of an existing repository; "
      + "the cache is kept.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    InitResult r = Jdvc.init(root().workingDirectory()).noScm(noScm).force(force).call();
    say("Initialized DVC repository in " + r.root() + ".");
    if (r.staged()) {
      say("\nYou can now commit the changes to git:\n\n\tgit commit -m \"Initialize DVC\"");
    }
    return ExitCode.OK;
  }
}
