package io.jdvc.workspace;

import io.jdvc.JdvcException;
import java.util.List;

/** A checkout would destroy workspace data that is not in the cache. */
public final class WouldOverwriteException extends JdvcException {
  private final transient List<String> paths;

  public WouldOverwriteException(List<String> paths) {
    super("checkout would overwrite or delete data that is not in the cache: " + String.join(", ",
        paths.size() > 5 ? paths.subList(0, 5) : paths) + (paths.size() > 5 ? " and " + (paths.size() - 5)
        + " more" : ""), "save it with 'jdvc commit' or 'jdvc add' first, or pass -f/--force to discard it");
    this.paths = List.copyOf(paths);
  }

  public List<String> paths() {
    return paths;
  }
}
