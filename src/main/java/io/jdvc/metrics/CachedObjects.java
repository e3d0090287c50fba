package io.jdvc.metrics;

import io.jdvc.object.Oid;
import java.io.IOException;

/** Where the content of a cached output comes from: the local cache, and with {@code --pull} a remote too. */
@FunctionalInterface
public interface CachedObjects {
  CachedObjects NONE = oid -> null;

  /** The object's bytes, or null when it is not available. */
  byte[] read(Oid oid) throws IOException;
}
