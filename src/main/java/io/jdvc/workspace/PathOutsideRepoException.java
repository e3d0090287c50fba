package io.jdvc.workspace;

import io.jdvc.JdvcException;

/** A target or a symlink that leads outside the repository, or into {@code .git/} or {@code .dvc/}. */
public final class PathOutsideRepoException extends JdvcException {
  public PathOutsideRepoException(String message) {
    super(message, "jdvc tracks only data inside the repository's work tree");
  }

  public PathOutsideRepoException(String message, String hint) {
    super(message, hint);
  }
}
