package io.jdvc.api;

import io.jdvc.metrics.RevisionValues;
import io.jdvc.metrics.ValuesDiff;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@code params diff} and {@code metrics diff}: the two revisions as named, what changed, and the
 * files that could not be read (each message names file and revision; their values count as absent).
 */
public record DiffOfValues(String aRev, String bRev, ValuesDiff diff, List<String> errors) {
  public DiffOfValues {
    errors = List.copyOf(errors);
  }

  static DiffOfValues of(RevisionValues a, RevisionValues b, boolean all) {
    List<String> errors = new ArrayList<>(a.errors());
    errors.addAll(b.errors());
    return new DiffOfValues(a.revision(), b.revision(), ValuesDiff.of(a, b, all), errors);
  }
}
