package io.jdvc.workspace;

import io.jdvc.object.Oid;
import java.util.List;

/**
 * What a checkout of one output did: paths (repository-relative) it created, replaced and deleted, and the
 * objects it could not find in the cache.
 */
public record CheckoutReport(TrackedOutput output, List<String> added, List<String> modified, List<String> deleted,
    List<Oid> missing) {
  public boolean changedAnything() {
    return !added.isEmpty() || !modified.isEmpty() || !deleted.isEmpty();
  }
}
