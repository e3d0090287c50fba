package io.jdvc.api;

import io.jdvc.metrics.MetricsReader;
import io.jdvc.metrics.RevisionFiles;
import io.jdvc.metrics.RevisionValues;
import io.jdvc.metrics.ValuesDiff;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code jdvc metrics diff [A_REV [B_REV]]}: the metrics that differ between two revisions (by default HEAD and the
 * workspace), with the change of each numeric one. Reads only; with {@link #pull}, cached metrics files missing
 * from the cache are downloaded into it.
 */
public final class MetricsDiffOperation {
  private final Jdvc jdvc;
  private String aRev = "HEAD";
  private String bRev = RevisionFiles.WORKSPACE;
  private boolean all;
  private boolean pull;
  private List<Path> targets = List.of();

  MetricsDiffOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public MetricsDiffOperation aRev(String value) {
    this.aRev = value;
    return this;
  }

  public MetricsDiffOperation bRev(String value) {
    this.bRev = value;
    return this;
  }

  /** Unchanged metrics too. */
  public MetricsDiffOperation all(boolean value) {
    this.all = value;
    return this;
  }

  /** Download cached metrics files that the cache lacks from the default remote. */
  public MetricsDiffOperation pull(boolean value) {
    this.pull = value;
    return this;
  }

  /** Metrics files to compare instead of the declared ones (relative to the working directory). */
  public MetricsDiffOperation targets(List<Path> value) {
    this.targets = List.copyOf(value);
    return this;
  }

  public DiffOfValues call() {
    try (RevisionReader reader = new RevisionReader(jdvc, pull)) {
      if (!reader.hasCommits()) {
        return new DiffOfValues(aRev, bRev, new ValuesDiff(Map.of()), List.of());
      }
      List<String> paths = MetricsShowOperation.repoPaths(jdvc, targets);
      RevisionValues a = MetricsReader.read(reader.open(aRev), paths);
      RevisionValues b = MetricsReader.read(reader.open(bRev), paths);
      return DiffOfValues.of(a, b, all);
    }
  }
}
