package io.jdvc.pipeline;

/**
 * A templating failure before it is placed (file, stage, key): DVC's {@code ParseError}/{@code ContextError}.
 * {@code block} marks the messages DVC prints on their own line after the preamble.
 */
final class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean block;

  TemplateException(String message, boolean block) {
    super(message);
    this.block = block;
  }

  boolean block() {
    return block;
  }
}
