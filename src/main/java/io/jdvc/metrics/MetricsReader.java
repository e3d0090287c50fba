package io.jdvc.metrics;

import io.jdvc.pipeline.PipelineFile;
import io.jdvc.pipeline.Stage;
import io.jdvc.pipeline.StageOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metrics of a revision as DVC's {@code metrics show} collects them: every stage's {@code metrics:} outputs,
 * then the files of top-level {@code metrics:} (relative to their {@code dvc.yaml}), directories expanded to their
 * files; or only {@code targets} (repo-relative paths) when given.
 */
public final class MetricsReader {
  private MetricsReader() {}

  /** The revision's metrics; a revision whose pipelines cannot be loaded has none, and says why. */
  public static RevisionValues read(RevisionPipelines rev, List<String> targets) {
    if (targets.isEmpty() && rev.loadError() != null) {
      return RevisionValues.failed(rev.revision(), rev.loadError());
    }
    Map<String, FileValues> values = new LinkedHashMap<>();
    for (String path : paths(rev, targets)) {
      values.put(path, FileReads.read(rev, path, MetricsFiles::parse));
    }
    return new RevisionValues(rev.revision(), values);
  }

  static List<String> paths(RevisionPipelines rev, List<String> targets) {
    List<String> declared = new ArrayList<>(targets);
    if (targets.isEmpty()) {
      for (Stage stage : rev.stages()) {
        stage.outs(StageOutput.Kind.METRIC).forEach(o -> declared.add(stage.repoPath(o.path())));
      }
      for (PipelineFile p : rev.pipelines()) {
        for (Object m : p.metrics()) {
          declared.add(RevisionPipelines.resolve(p, String.valueOf(m)));
        }
      }
    }
    Set<String> expanded = new LinkedHashSet<>();
    declared.forEach(p -> expanded.addAll(rev.expand(p)));
    return List.copyOf(expanded);
  }

}
