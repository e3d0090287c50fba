package io.jdvc.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The params or metrics files of one revision, by repo-relative path in the order DVC collects them.
 *
 * @param revision as shown: the revision as the user wrote it (or a branch or tag name), or {@code workspace}
 * @param error why nothing could be collected at this revision (its {@code dvc.yaml}, or a params file its
 *     templating reads, cannot be loaded), naming the file and the revision; null when the revision loaded
 */
public record RevisionValues(String revision, Map<String, FileValues> files, String error) {
  public RevisionValues {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  public RevisionValues(String revision, Map<String, FileValues> files) {
    this(revision, files, null);
  }

  /** A revision whose pipelines could not be loaded: no files, and the reason (as DVC's per-revision error). */
  public static RevisionValues failed(String revision, String error) {
    return new RevisionValues(revision, Map.of(), error);
  }

  /** The revision's error, if any, then the messages of the files that could not be read. */
  public List<String> errors() {
    List<String> errors = new ArrayList<>();
    if (error != null) {
      errors.add(error);
    }
    files.values().stream().filter(f -> f.status() == FileValues.Status.ERROR).map(FileValues::error)
        .forEach(errors::add);
    return errors;
  }
}
