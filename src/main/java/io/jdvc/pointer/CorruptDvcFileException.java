package io.jdvc.pointer;

import io.jdvc.JdvcException;

/** A {@code .dvc} file that DVC itself would refuse: bad YAML, an unknown key, a wrong type or an unsafe path. */
public final class CorruptDvcFileException extends JdvcException {
  private final String file;
  private final int line;

  /** {@code line} is 1-based; the message reads {@code <file>:<line>: <problem>}. */
  public CorruptDvcFileException(String file, int line, String problem) {
    super(file + ":" + line + ": " + problem,
        "fix the file by hand, or restore it from Git (git checkout -- " + file + ")");
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  /** 1-based line of the offending node. */
  public int line() {
    return line;
  }
}
