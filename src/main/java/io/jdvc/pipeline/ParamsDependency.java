package io.jdvc.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * One params file a stage reads: {@code file} relative to the stage's wdir ({@code params.yaml} by default) and the
 * dotted keys it uses, or {@code keys == null} when the whole file is tracked (DVC's {@code {file: null}} and
 * {@code {file: []}}; a wholly tracked file ignores keys named elsewhere for it, as DVC's {@code _merge_params}).
 */
public record ParamsDependency(String file, List<String> keys) {
  public static final String DEFAULT_FILE = "params.yaml";

  public ParamsDependency {
    Objects.requireNonNull(file, "file");
    keys = keys == null ? null : List.copyOf(keys);
  }

  public boolean wholeFile() {
    return keys == null;
  }
}
