package io.jdvc;

/**
 * A failure the user can understand and usually fix. The message says what failed; {@link #hint()} says what
 * to do next. The CLI prints both without a stack trace; library callers can catch the subclasses.
 */
public class JdvcException extends RuntimeException {
  private final String hint;

  public JdvcException(String message) {
    this(message, null, null);
  }

  public JdvcException(String message, String hint) {
    this(message, hint, null);
  }

  public JdvcException(String message, String hint, Throwable cause) {
    super(message, cause);
    this.hint = hint;
  }

  /** The next step for the user, or null. */
  public String hint() {
    return hint;
  }
}
