package io.jdvc.workspace;

import io.jdvc.object.Oid;
import java.util.List;

/**
 * What a checkout of one output did: paths (repository-relative) it created, replaced and deleted, and the
 * objects it could not find in the cache; {@code corrupt} names those of them that were in the cache but did
 * not match their hash, and were removed instead of being written out.
 */
public record CheckoutReport(TrackedOutput output, List<String> added, List<String> modified, List<String> deleted,
    List<Oid> missing, List<CorruptObject> corrupt) {
  public CheckoutReport(TrackedOutput output, List<String> added, List<String> modified, List<String> deleted,
      List<Oid> missing) {
    this(output, added, modified, deleted, missing, List.of());
  }

  /** A cache object that failed its check, and the repository path it was to be written to. */
  public record CorruptObject(Oid oid, String path) {}

  public boolean changedAnything() {
    return !added.isEmpty() || !modified.isEmpty() || !deleted.isEmpty();
  }
}
