package io.jdvc.cli;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The only place that turns exceptions into text and exit codes: {@code ERROR: what - why}, then {@code hint:}
 * with the next step. Stack traces only with -v or JDVC_DEBUG, because most failures are conditions the user
 * can fix and a trace would bury the message.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    boolean verbose = isVerbose(parseResult);
    Throwable t = unwrap(ex);
    if (t instanceof OutOfMemoryError) {
      err.println("ERROR: out of memory (the JVM's heap limit is " + Runtime.getRuntime().maxMemory() / (1 << 20)
          + " MiB)");
      err.println("hint: raise it, e.g. JAVA_OPTS=-Xmx2g jdvc ...; nothing was written half-way");
      err.flush();
      return ExitCode.ERROR;
    }
    if (t instanceof InterruptedException) {
      err.println("ERROR: interrupted");
      err.flush();
      return ExitCode.INTERRUPTED;
    }
    if (t instanceof JdvcException && t.getCause() instanceof InterruptedException) {
      // e.g. a stage's command stopped by Ctrl-C: the message says what was stopped
      err.println("ERROR: " + t.getMessage());
      if (((JdvcException) t).hint() != null) {
        err.println("hint: " + ((JdvcException) t).hint());
      }
      err.flush();
      return ExitCode.INTERRUPTED;
    }
    err.println("ERROR: " + describe(t));
    String hint = hint(t);
    if (hint != null) {
      err.println("hint: " + hint);
    }
    if (verbose) {
      t.printStackTrace(err);
    }
    err.flush();
    return t instanceof io.jdvc.tables.DataUnavailableException ? ExitCode.DATA_UNAVAILABLE : ExitCode.ERROR;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    // picocli phrases some of its messages "Error: ..." (mutually exclusive options); one prefix is enough
    err.println("ERROR: " + ex.getMessage().replaceFirst("^Error: ", ""));
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Usage: " + cmd.getHelp().synopsis(0).trim());
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCode.USAGE;
  }

  static String describe(Throwable t) {
    if (t instanceof JdvcException) {
      return t.getMessage();
    }
    if (io.jdvc.TempFiles.stopping()) {
      return "interrupted (Ctrl-C or SIGTERM); its temporary files were removed";
    }
    if (isDiskFull(t)) {
      String file = t instanceof FileSystemException e && e.getFile() != null ? " while writing " + e.getFile() : "";
      return "disk full" + file;
    }
    if (t instanceof NoSuchFileException e) {
      return "no such file or directory: " + e.getFile();
    }
    if (t instanceof AccessDeniedException e) {
      return "permission denied: " + e.getFile();
    }
    if (t instanceof FileSystemException e) {
      String reason = e.getReason() == null ? "" : " - " + e.getReason();
      return "cannot access " + e.getFile() + reason;
    }
    if (t instanceof IOException) {
      return "I/O error - " + t.getMessage();
    }
    return "unexpected error - " + t;
  }

  static String hint(Throwable t) {
    if (t instanceof JdvcException je) {
      return je.hint();
    }
    if (io.jdvc.TempFiles.stopping()) {
      return "run the command again: finished work is kept, nothing half-written is";
    }
    if (isDiskFull(t)) {
      return "free some space and run the command again: nothing half-written is kept";
    }
    return null;
  }

  private static boolean isDiskFull(Throwable t) {
    return t instanceof IOException && String.valueOf(t instanceof FileSystemException e ? e.getReason()
        : t.getMessage()).contains("No space left");
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof java.io.UncheckedIOException || cur.getClass().getSimpleName().equals("TaskException")
        || cur instanceof java.util.concurrent.ExecutionException) && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }

  private static boolean isVerbose(ParseResult pr) {
    if (System.getenv("JDVC_DEBUG") != null) {
      return true;
    }
    for (ParseResult p = pr; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("-v")) {
        return true;
      }
    }
    return false;
  }
}
