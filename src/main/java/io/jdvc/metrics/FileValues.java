package io.jdvc.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one params or metrics file holds at one revision: its values (a tree of maps, strings, numbers, booleans
 * and nulls), or why there are none. A file that does not exist at the revision is {@link Status#MISSING}, shown as
 * {@code -} and never an error; a file that cannot be parsed is {@link Status#ERROR} with a message naming the file
 * and the revision.
 */
public record FileValues(Status status, Map<String, Object> data, String error) {
  public enum Status { OK, MISSING, ERROR }

  public FileValues {
    data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  public static FileValues of(Map<String, Object> data) {
    return new FileValues(Status.OK, data, null);
  }

  public static FileValues missing() {
    return new FileValues(Status.MISSING, Map.of(), null);
  }

  public static FileValues error(String message) {
    return new FileValues(Status.ERROR, Map.of(), message);
  }
}
