package io.jdvc.cli;

import picocli.CommandLine;

/** Entry point: the only place that calls System.exit. */
public final class Main {
  static {
    // Start-up: a class or resource the class loader does not find in jdvc.jar makes it open and index every jar of
    // lib/ (about 30 ms of a 35 ms JVM start). picocli looks for Groovy's Closure class once per process, and SLF4J
    // (JGit's logging) scans every jar for its provider; both have a switch, and jdvc ships neither Groovy nor a
    // second provider. A value given on the command line (JAVA_OPTS) wins.
    setIfAbsent("picocli.disable.closures", "true");
    setIfAbsent("slf4j.provider", "org.slf4j.nop.NOPServiceProvider");
    setIfAbsent("slf4j.internal.verbosity", "WARN"); // else SLF4J says on stderr that it loads the named provider
  }

  private Main() {}

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  public static void main(String[] args) {
    // the JDK keeps only 5 idle connections per host by default; parallel transfers need more
    setIfAbsent("http.maxConnections", "64");
    int code;
    try {
      code = newCommandLine(args).execute(args);
    } catch (OutOfMemoryError e) {
      System.err.println("ERROR: out of memory (the JVM's heap limit is " + Runtime.getRuntime().maxMemory() / (1 << 20)
          + " MiB)\nhint: raise it, e.g. JAVA_OPTS=-Xmx2g jdvc ...; nothing was written half-way");
      if (System.getenv("JDVC_DEBUG") != null) {
        e.printStackTrace();
      }
      code = ExitCode.ERROR;
    }
    System.exit(code);
  }

  /** The command line with every command registered: for tests and tools that walk all commands. */
  public static CommandLine newCommandLine() {
    CommandLine cmd = newRootCommandLine();
    CommandRegistry.registerAll(cmd);
    return configured(cmd);
  }

  /** The command line that {@code args} needs: only the command they name is registered (start-up time). */
  public static CommandLine newCommandLine(String... args) {
    CommandLine cmd = newRootCommandLine();
    CommandRegistry.registerFor(cmd, args);
    return configured(cmd);
  }

  private static CommandLine newRootCommandLine() {
    return new CommandLine(new JdvcCommand());
  }

  /** Settings that apply to subcommands, so they are set after registration, as picocli requires. */
  private static CommandLine configured(CommandLine cmd) {
    ErrorReporter reporter = new ErrorReporter();
    cmd.setExecutionExceptionHandler(reporter)
        .setParameterExceptionHandler(reporter)
        .setCaseInsensitiveEnumValuesAllowed(true);
    shareVersion(cmd, cmd.getCommandSpec().versionProvider());
    CommandLine stage = cmd.getSubcommands().get("stage");
    if (stage != null) {
      // as dvc stage add's argparse.REMAINDER: the first word of the command ends the options
      stage.getSubcommands().get("add").setStopAtPositional(true);
    }
    return cmd;
  }

  /** -V works after a command name too ({@code jdvc push -V}), as the global options do. */
  private static void shareVersion(CommandLine cmd, CommandLine.IVersionProvider version) {
    for (CommandLine sub : cmd.getSubcommands().values()) {
      sub.getCommandSpec().versionProvider(version);
      shareVersion(sub, version);
    }
  }
}
