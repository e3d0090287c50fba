package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.pipeline.PipelineFile;
import io.jdvc.pipeline.RepoIndex;
import io.jdvc.pipeline.Stage;
import io.jdvc.pipeline.StageOutput;
import io.jdvc.pointer.Output;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code jdvc stage list}: stages of a {@code dvc.yaml} (the working directory's by default), of named targets
 * ({@code name}, {@code file:name}, a foreach group, a {@code .dvc} file), of a directory with {@code recursive},
 * or of the whole repository with {@code all} ({@code .dvc} files count as stages, as in DVC), each with DVC's
 * description: the first line of {@code desc}, else "Outputs …; Reports …", "Depends on …" or
 * "No outputs or dependencies", cut to 80 characters.
 */
public final class StageListOperation {
  private static final int MAX_TEXT_LENGTH = 80;

  private final Jdvc jdvc;
  private List<String> targets = List.of();
  private boolean all;
  private boolean recursive;

  StageListOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public StageListOperation targets(List<String> value) {
    this.targets = List.copyOf(value);
    return this;
  }

  public StageListOperation all(boolean value) {
    this.all = value;
    return this;
  }

  public StageListOperation recursive(boolean value) {
    this.recursive = value;
    return this;
  }

  /** One listed stage: its address and description. */
  public record Entry(String address, String description) {}

  public List<Entry> call() throws IOException {
    Path root = jdvc.root();
    Workspace ws = jdvc.workspace();
    Map<String, Entry> out = new LinkedHashMap<>();
    if (all) {
      addDirectory(root, jdvc.index(), out);
      return List.copyOf(out.values());
    }
    RepoIndex index = null;
    List<String> ts = targets.isEmpty() ? List.of(Pipelines.FILE_NAME) : targets;
    for (String t : ts) {
      Path asPath = jdvc.resolve(Path.of(t));
      if (recursive && Files.isDirectory(asPath)) {
        index = index == null ? jdvc.index() : index;
        addDirectory(asPath, index, out);
        continue;
      }
      Pipelines.Target target = Pipelines.Target.parse(t);
      String file = Pipelines.repoPath(root, Jdvc.realPath(jdvc.resolve(Path.of(target.file()))));
      if (file.endsWith(".dvc")) {
        addDvcFile(root.resolve(file), ws, out);
        continue;
      }
      if (!Files.isRegularFile(root.resolve(file))) {
        throw new JdvcException("'" + file + "' does not exist", "name a dvc.yaml, a stage or a .dvc file");
      }
      PipelineFile pf = Pipelines.load(root, file);
      List<Stage> matched = new ArrayList<>();
      for (Stage s : pf.stages()) {
        if (target.name() == null || s.name().equals(target.name()) || s.name().startsWith(target.name() + "@")) {
          matched.add(s);
        }
      }
      if (target.name() != null && matched.isEmpty()) {
        throw new JdvcException("stage '" + target.name() + "' not found in '" + file + "'",
            "list the stages with 'jdvc stage list'");
      }
      matched.forEach(s -> out.put(s.address(), new Entry(s.address(), describe(s))));
    }
    return List.copyOf(out.values());
  }

  private static void addDirectory(Path dir, RepoIndex index, Map<String, Entry> out) {
    for (Stage s : Pipelines.stagesUnder(index, dir)) {
      out.put(s.address(), new Entry(s.address(), describe(s)));
    }
    Map<String, List<TrackedOutput>> byFile = index.outputs().stream()
        .filter(o -> !o.isStageOutput() && o.dvcFile().startsWith(dir))
        .collect(Collectors.groupingBy(TrackedOutput::dvcPath, LinkedHashMap::new, Collectors.toList()));
    byFile.keySet().stream().sorted().forEach(f -> out.put(f, new Entry(f, describeDvcFile(byFile.get(f)))));
  }

  private void addDvcFile(Path file, Workspace ws, Map<String, Entry> out) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new JdvcException("'" + ws.relative(file) + "' does not exist", "name an existing .dvc file");
    }
    String path = ws.relative(file);
    out.put(path, new Entry(path, describeDvcFile(ws.outputsOf(file))));
  }

  private static String describeDvcFile(List<TrackedOutput> outs) {
    if (outs.isEmpty()) {
      return "No outputs or dependencies";
    }
    return truncate("Outputs " + outs.stream().map(TrackedOutput::output).map(Output::path)
        .collect(Collectors.joining(", ")));
  }

  /** DVC's {@code prepare_description}. */
  static String describe(Stage s) {
    if (s.desc() != null) {
      for (String line : s.desc().split("\\R")) {
        if (!line.isEmpty()) {
          return truncate(line.strip());
        }
      }
    }
    List<String> deps = new ArrayList<>(s.deps());
    s.params().forEach(p -> deps.add(p.file()));
    if (deps.isEmpty() && s.outs().isEmpty()) {
      return "No outputs or dependencies";
    }
    if (s.outs().isEmpty()) {
      return truncate("Depends on " + String.join(", ", deps));
    }
    List<String> parts = new ArrayList<>();
    String outs = s.outs(StageOutput.Kind.OUT).stream().map(StageOutput::path).collect(Collectors.joining(", "));
    if (!outs.isEmpty()) {
      parts.add("Outputs " + outs);
    }
    String reports = s.outs().stream().filter(o -> o.kind() != StageOutput.Kind.OUT).map(StageOutput::path)
        .collect(Collectors.joining(", "));
    if (!reports.isEmpty()) {
      parts.add("Reports " + reports);
    }
    return truncate(String.join("; ", parts));
  }

  private static String truncate(String text) {
    return text.length() > MAX_TEXT_LENGTH ? text.substring(0, MAX_TEXT_LENGTH - 1) + "…" : text;
  }
}
