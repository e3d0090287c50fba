package io.jdvc.cli;

import picocli.CommandLine;

/** Entry point: the only place that calls System.exit. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (System.getProperty("http.maxConnections") == null) {
      // the JDK keeps only 5 idle connections per host by default; parallel transfers need more
      System.setProperty("http.maxConnections", "64");
    }
    System.exit(newCommandLine().execute(args));
  }

  /** The fully configured command line; tests use it with their own writers. */
  public static CommandLine newCommandLine() {
    ErrorReporter reporter = new ErrorReporter();
    return new CommandLine(new JdvcCommand())
        .setExecutionExceptionHandler(reporter)
        .setParameterExceptionHandler(reporter)
        .setCaseInsensitiveEnumValuesAllowed(true);
  }
}
