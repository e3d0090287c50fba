package io.jdvc.plots;

import io.jdvc.JdvcException;
import io.jdvc.metrics.RevisionPipelines;
import io.jdvc.pipeline.PipelineFile;
import io.jdvc.pipeline.Stage;
import io.jdvc.pipeline.StageOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plots a revision declares, as DVC's {@code plots show} collects them: every stage's {@code plots:} outputs,
 * then the top-level {@code plots:} of each {@code dvc.yaml} (an entry is a data file, or a name with {@code y}
 * mapping files to fields; paths relative to the {@code dvc.yaml}). A directory stands for each file in it. The
 * same id declared twice is drawn once, from its first declaration.
 */
public final class PlotDefinitions {
  private PlotDefinitions() {}

  public static List<PlotDefinition> collect(RevisionPipelines rev) {
    Map<String, PlotDefinition> byId = new LinkedHashMap<>();
    for (Stage stage : rev.stages()) {
      for (StageOutput out : stage.outs(StageOutput.Kind.PLOT)) {
        Map<String, Object> props = out.plotOptions() == null ? Map.of() : out.plotOptions();
        for (String file : rev.expand(stage.repoPath(out.path()))) {
          byId.putIfAbsent(file, ofFile(file, props, file));
        }
      }
    }
    for (PipelineFile p : rev.pipelines()) {
      for (Object entry : p.plots()) {
        String id;
        Map<String, Object> props;
        if (entry instanceof Map<?, ?> m && m.size() == 1) {
          Map.Entry<?, ?> e = m.entrySet().iterator().next();
          id = String.valueOf(e.getKey());
          props = e.getValue() instanceof Map<?, ?> v ? cast(v) : Map.of();
        } else if (entry instanceof String s) {
          id = s;
          props = Map.of();
        } else {
          throw new JdvcException(p.path() + ": a 'plots' entry is neither a path nor a mapping: " + entry,
              "write each plot as 'path' or as 'name: {x: …, y: …}'");
        }
        if (props.get("y") instanceof Map<?, ?> y) {
          byId.putIfAbsent(id, named(p, id, props, cast(y)));
        } else {
          String path = RevisionPipelines.resolve(p, id);
          for (String file : rev.expand(path)) {
            byId.putIfAbsent(file, ofFile(file, props, file));
          }
        }
      }
    }
    return List.copyOf(byId.values());
  }

  /** A plot of one file: {@code y} a field, a list of fields or absent; {@code x} a field or absent. */
  private static PlotDefinition ofFile(String id, Map<String, Object> props, String file) {
    List<PlotDefinition.Source> ys = new ArrayList<>();
    for (String field : fields(props.get("y"))) {
      ys.add(new PlotDefinition.Source(file, field));
    }
    if (ys.isEmpty()) {
      ys.add(new PlotDefinition.Source(file, null));
    }
    Map<String, PlotDefinition.Source> xs = new LinkedHashMap<>();
    if (props.get("x") instanceof String x) {
      xs.put(file, new PlotDefinition.Source(file, x));
    }
    return definition(id, ys, xs, props);
  }

  /** A named plot: {@code y: {file: field(s)}}, {@code x} a field of every file or {@code {file: field}}. */
  private static PlotDefinition named(PipelineFile p, String id, Map<String, Object> props, Map<String, Object> y) {
    List<PlotDefinition.Source> ys = new ArrayList<>();
    y.forEach((file, fields) -> fields(fields)
        .forEach(f -> ys.add(new PlotDefinition.Source(RevisionPipelines.resolve(p, file), f))));
    Map<String, PlotDefinition.Source> xs = new LinkedHashMap<>();
    Object x = props.get("x");
    if (x instanceof String field) {
      ys.forEach(s -> xs.put(s.file(), new PlotDefinition.Source(s.file(), field)));
    } else if (x instanceof Map<?, ?> m) {
      List<PlotDefinition.Source> xSources = new ArrayList<>();
      m.forEach((file, f) -> xSources.add(new PlotDefinition.Source(RevisionPipelines.resolve(p, String.valueOf(file)),
          String.valueOf(f))));
      // one x source serves every y file; several pair with the y sources in order, as DVC pairs them
      for (int i = 0; i < ys.size(); i++) {
        xs.putIfAbsent(ys.get(i).file(), xSources.get(xSources.size() == 1 ? 0 : Math.min(i, xSources.size() - 1)));
      }
    }
    return definition(id, ys, xs, props);
  }

  private static PlotDefinition definition(String id, List<PlotDefinition.Source> ys,
      Map<String, PlotDefinition.Source> xs, Map<String, Object> props) {
    // a template jdvc does not draw (a custom one in .dvc/plots) is named on that plot, not fatal to the others
    return new PlotDefinition(id, ys, xs, text(props.get("template")), text(props.get("title")),
        text(props.get("x_label")), text(props.get("y_label")));
  }

  private static List<String> fields(Object value) {
    if (value instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return value == null ? List.of() : List.of(String.valueOf(value));
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
