package io.jdvc.pipeline;

/**
 * A templating failure before it is placed (file, stage, key): DVC's {@code ParseError}/{@code ContextError}.
 * {@code block} marks the messages DVC prints on their own line after the preamble; {@code culprit} names the vars
 * or params file that is broken, when the fault is in that file rather than in {@code dvc.yaml}.
 */
final class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean block;
  private final String culprit;

  TemplateException(String message, boolean block) {
    this(message, block, null);
  }

  TemplateException(String message, boolean block, String culprit) {
    super(message);
    this.block = block;
    this.culprit = culprit;
  }

  boolean block() {
    return block;
  }

  /** The broken vars or params file, or null when the fault is in {@code dvc.yaml}. */
  String culprit() {
    return culprit;
  }
}
