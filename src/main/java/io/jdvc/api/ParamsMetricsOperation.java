package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.metrics.MetricsReader;
import io.jdvc.metrics.ParamsReader;
import io.jdvc.metrics.RevisionPipelines;
import io.jdvc.metrics.RevisionValues;
import java.util.ArrayList;
import java.util.List;

/**
 * The params and metrics of revisions, for reports that answer "which data, which parameters, which result" on one
 * page ({@code audit --markdown}). Reads only, from Git without checkout; cached metrics come from the cache.
 */
public final class ParamsMetricsOperation {
  private final Jdvc jdvc;
  private List<String> revisions = List.of();

  ParamsMetricsOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  /** Git revisions ({@code workspace} for the work tree). */
  public ParamsMetricsOperation revisions(List<String> value) {
    this.revisions = List.copyOf(value);
    return this;
  }

  /** One revision's params (every stage's and the params files') and declared metrics. */
  public record ParamsAndMetrics(String revision, RevisionValues params, RevisionValues metrics) {}

  public List<ParamsAndMetrics> call() {
    List<ParamsAndMetrics> out = new ArrayList<>();
    try (RevisionReader reader = new RevisionReader(jdvc, false)) {
      for (String rev : revisions) {
        try {
          RevisionPipelines opened = reader.open(rev);
          out.add(new ParamsAndMetrics(rev, ParamsReader.read(opened, false),
              MetricsReader.read(opened, List.of())));
        } catch (JdvcException e) { // a revision that cannot be read is reported there, not fatal to the report
          RevisionValues broken = RevisionValues.failed(rev, e.getMessage());
          out.add(new ParamsAndMetrics(rev, broken, broken));
        }
      }
    }
    return out;
  }
}
