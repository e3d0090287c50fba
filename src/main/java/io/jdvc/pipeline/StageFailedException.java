package io.jdvc.pipeline;

import io.jdvc.JdvcException;

/** A stage's command exited with a non-zero status (DVC's StageCmdFailedError, named by stage). */
public final class StageFailedException extends JdvcException {
  private final String stage;
  private final String command;
  private final int exitCode;

  public StageFailedException(String stage, String command, int exitCode) {
    super("failed to reproduce '" + stage + "': command '" + command + "' exited with " + exitCode
        + signalNote(exitCode), "see the command's output above; the stage's outputs may be incomplete");
    this.stage = stage;
    this.command = command;
    this.exitCode = exitCode;
  }

  public String stage() {
    return stage;
  }

  public String command() {
    return command;
  }

  /** The status the shell reported; 128 + N when the command was killed by signal N. */
  public int exitCode() {
    return exitCode;
  }

  /** Shells report a command killed by signal N as 128 + N; name the usual ones. */
  private static String signalNote(int code) {
    String name = switch (code - 128) {
      case 1 -> "SIGHUP";
      case 2 -> "SIGINT";
      case 3 -> "SIGQUIT";
      case 6 -> "SIGABRT";
      case 9 -> "SIGKILL";
      case 11 -> "SIGSEGV";
      case 13 -> "SIGPIPE";
      case 15 -> "SIGTERM";
      default -> null;
    };
    return name == null ? "" : " (killed by " + name + ")";
  }
}
