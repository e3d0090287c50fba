package io.jdvc.pipeline;

import io.jdvc.JdvcException;

/**
 * A stage's command was stopped because jdvc was interrupted (Ctrl-C, SIGTERM, or the running thread was
 * interrupted); its process tree was ended before this was thrown. The cause is an {@link InterruptedException},
 * which the CLI turns into exit code 130.
 */
public final class StageInterruptedException extends JdvcException {
  private final String stage;

  public StageInterruptedException(String stage, String command) {
    super("interrupted while running stage '" + stage + "' (command '" + command + "'); its processes were stopped",
        "its outputs may be incomplete and nothing of this run was recorded; run it again",
        new InterruptedException("stage '" + stage + "' interrupted"));
    this.stage = stage;
  }

  public String stage() {
    return stage;
  }
}
