package io.jdvc.pipeline;

import io.jdvc.JdvcException;

/**
 * A {@code dvc.yaml} (or a params/vars file it reads) that DVC itself would refuse: bad YAML, an unknown key, a wrong
 * type, an undefined {@code ${var}}, a missing vars file. The message reads {@code <file>:<line>: <problem>} when the
 * line is known, else {@code <file>: <problem>}.
 */
public final class PipelineFileException extends JdvcException {
  private final String file;
  private final int line;

  /** {@code line} is 1-based, or 0 when unknown. */
  public PipelineFileException(String file, int line, String problem) {
    this(file, line, problem, file);
  }

  /** A fault of {@code file} whose cause is in {@code culprit}, the vars or params file the hint sends one to. */
  public PipelineFileException(String file, int line, String problem, String culprit) {
    super((line > 0 ? file + ":" + line : file) + ": " + problem,
        "fix " + culprit + " by hand, or restore it from Git (git checkout -- " + culprit + ")");
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  /** 1-based line of the offending node, or 0 when unknown. */
  public int line() {
    return line;
  }
}
