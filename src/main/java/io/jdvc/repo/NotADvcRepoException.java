package io.jdvc.repo;

import io.jdvc.JdvcException;
import java.nio.file.Path;

/** No {@code .dvc/} directory was found from the current directory upwards. */
public final class NotADvcRepoException extends JdvcException {
  public NotADvcRepoException(Path start) {
    super("you are not inside of a DVC repository (checked " + start + " and its parents)",
        "run 'jdvc init' at the root of your Git repository");
  }
}
