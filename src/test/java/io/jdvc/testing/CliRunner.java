package io.jdvc.testing;

import io.jdvc.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs jdvc commands in-process, as a user would type them in {@code dir}, capturing output and exit code. */
public final class CliRunner {
  private final Path dir;

  public CliRunner(Path dir) {
    this.dir = dir;
  }

  /** Runs {@code jdvc -C dir args...}. */
  public CliResult run(String... args) {
    List<String> all = new ArrayList<>(List.of("-C", dir.toString()));
    all.addAll(List.of(args));
    CommandLine cmd = Main.newCommandLine(all.toArray(new String[0]));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(all.toArray(new String[0]));
    return new CliResult(code, out.toString(), err.toString());
  }

  /** Runs and fails the test unless the exit code is 0. */
  public CliResult ok(String... args) {
    CliResult r = run(args);
    if (r.exitCode() != 0) {
      throw new AssertionError("jdvc " + String.join(" ", args) + " exited " + r.exitCode() + "\nstdout:\n"
          + r.out() + "\nstderr:\n" + r.err());
    }
    return r;
  }

  /** Exit code, stdout and stderr of one command. */
  public record CliResult(int exitCode, String out, String err) {}
}
