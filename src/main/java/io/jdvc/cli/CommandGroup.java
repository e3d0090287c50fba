package io.jdvc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code remote}, {@code data}). */
abstract class CommandGroup implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** No command given: the help goes to stderr and the exit code says usage error, as for a missing argument. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
