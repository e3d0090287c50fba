package io.jdvc.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", mixinStandardHelpOptions = true,
    description = "Print a shell completion script: eval \"$(jdvc completion bash)\" (zsh: bash script via "
        + "bashcompinit).")
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "SHELL", description = "bash (default) or zsh", defaultValue = "bash")
  Shell shell;

  enum Shell { bash, zsh }

  @Override
  public Integer call() {
    String script = AutoComplete.bash("jdvc", spec.root().commandLine());
    if (shell == Shell.zsh) {
      script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
    }
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
