package io.jdvc.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a stage's {@code outs}, {@code metrics} or {@code plots} in {@code dvc.yaml}, with the options DVC
 * allows there. {@code path} is as written, relative to the stage's wdir. {@code push == null} means the default
 * (pushed); {@code plotOptions} holds a plot's {@code x}, {@code y}, {@code template}, {@code title}, {@code x_label},
 * {@code y_label}, {@code header} in file order, and is null for outs and metrics.
 */
public record StageOutput(String path, Kind kind, boolean cache, boolean persist, String remote, Boolean push,
    String desc, String type, List<String> labels, Object meta, Map<String, Object> plotOptions) {

  /** Which list of the stage the output came from. */
  public enum Kind {
    OUT("outs"), METRIC("metrics"), PLOT("plots");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    /** The dvc.yaml key: {@code outs}, {@code metrics} or {@code plots}. */
    public String key() {
      return key;
    }
  }

  public StageOutput {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    labels = labels == null ? null : List.copyOf(labels);
  }

  /** A plain output with every option at its default. */
  public static StageOutput of(String path, Kind kind) {
    return new StageOutput(path, kind, true, false, null, null, null, null, null, null, null);
  }

  /** False when the entry says {@code push: false}. */
  public boolean pushed() {
    return push == null || push;
  }
}
