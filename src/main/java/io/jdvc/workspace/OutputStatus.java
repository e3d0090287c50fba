package io.jdvc.workspace;

import java.util.List;

/**
 * Status of one tracked output. For a directory, the files inside that differ from the recorded manifest are
 * listed by relpath (empty when the manifest itself is not in the cache).
 */
public record OutputStatus(TrackedOutput output, OutputState state, List<String> added, List<String> modified,
    List<String> deleted) {
  public boolean changed() {
    return state != OutputState.UNCHANGED;
  }
}
