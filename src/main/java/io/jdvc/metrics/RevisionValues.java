package io.jdvc.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The params or metrics files of one revision, by repo-relative path in the order DVC collects them.
 *
 * @param revision as shown: the revision as the user wrote it (or a branch or tag name), or {@code workspace}
 */
public record RevisionValues(String revision, Map<String, FileValues> files) {
  public RevisionValues {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** The messages of the files that could not be read. */
  public List<String> errors() {
    return files.values().stream().filter(f -> f.status() == FileValues.Status.ERROR).map(FileValues::error).toList();
  }
}
