package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.TerminalProgress;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command that works in a repository shares: the global options of the root command, the output
 * writers (so tests capture them), and opening the repository with progress and warnings wired to stderr.
 */
abstract class RepoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The root, reached through the parent chain so that nested commands (remote add ...) work too. */
  JdvcCommand root() {
    Object cmd = spec.root().userObject();
    return (JdvcCommand) cmd;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  boolean quiet() {
    return root().quiet;
  }

  Jdvc open() {
    PrintWriter err = err();
    return Jdvc.open(root().workingDirectory())
        .progress(TerminalProgress.forTerminal(err, quiet()))
        .notices(warnings());
  }

  /** Where notices go: {@code WARNING: ...} lines on stderr, unless -q. */
  java.util.function.Consumer<String> warnings() {
    PrintWriter err = err();
    return msg -> {
      if (!quiet()) {
        err.println("WARNING: " + msg);
        err.flush();
      }
    };
  }

  /** Prints unless -q. */
  void say(String line) {
    if (!quiet()) {
      out().println(line);
      out().flush();
    }
  }

  /** DVC's advice when autostage is off. */
  void adviseGitAdd(List<String> unstaged) {
    if (!unstaged.isEmpty()) {
      say("\nTo track the changes with git, run:\n\n\tgit add " + String.join(" ", unstaged) + "\n");
    }
  }
}
