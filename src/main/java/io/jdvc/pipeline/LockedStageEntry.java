package io.jdvc.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One stage of a {@code dvc.lock}: what it ran and what its dependencies, params and outputs were.
 *
 * @param name the stage name ({@code train}, {@code build@linux})
 * @param cmd a {@link String}, or a {@link List} of commands, as written in {@code dvc.yaml}
 * @param deps dependency entries (params files excluded)
 * @param params params file → dotted key → value; values as YAML 1.2 reads them ({@link Long} or
 *     {@link java.math.BigInteger}, {@link Double}, {@link Boolean}, {@link String}, null, {@link List},
 *     {@link Map})
 * @param outs output entries (outs, metrics and plots alike)
 */
public record LockedStageEntry(String name, Object cmd, List<LockEntry> deps,
    Map<String, Map<String, Object>> params, List<LockEntry> outs) {

  public LockedStageEntry {
    Objects.requireNonNull(name, "name");
    if (!(cmd instanceof String || cmd instanceof List<?>)) {
      throw new IllegalArgumentException("cmd of stage '" + name + "' must be a string or a list");
    }
    if (cmd instanceof List<?> l) {
      cmd = Collections.unmodifiableList(new java.util.ArrayList<>(l));
    }
    deps = List.copyOf(deps == null ? List.of() : deps);
    outs = List.copyOf(outs == null ? List.of() : outs);
    Map<String, Map<String, Object>> p = new LinkedHashMap<>();
    if (params != null) {
      params.forEach((file, keys) -> p.put(file, Collections.unmodifiableMap(new LinkedHashMap<>(keys))));
    }
    params = Collections.unmodifiableMap(p);
  }

  /** The dependency entry for {@code path} as written, if any. */
  public java.util.Optional<LockEntry> dep(String path) {
    return deps.stream().filter(d -> d.path().equals(path)).findFirst();
  }

  /** The output entry for {@code path} as written, if any. */
  public java.util.Optional<LockEntry> out(String path) {
    return outs.stream().filter(o -> o.path().equals(path)).findFirst();
  }
}
