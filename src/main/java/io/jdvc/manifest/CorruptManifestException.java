package io.jdvc.manifest;

import io.jdvc.JdvcException;

/**
 * A {@code .dir} object that is not a valid DVC manifest, or that names a path outside its directory. It may come
 * from a remote, so it is treated as hostile: nothing from it is used.
 */
public final class CorruptManifestException extends JdvcException {
  public CorruptManifestException(String problem) {
    super("corrupt directory manifest: " + problem,
        "the .dir object is damaged or was not written by DVC; remove it from the cache and fetch it again");
  }
}
