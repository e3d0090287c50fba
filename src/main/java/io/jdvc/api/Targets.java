package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.pipeline.PipelineStage;
import io.jdvc.pipeline.RepoIndex;
import io.jdvc.workspace.TrackedOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks the tracked outputs a command's targets name. A target may be a stage ({@code train},
 * {@code dvc.yaml:train}, {@code sub/dvc.yaml:train}), a {@code dvc.yaml} (all its stages), a pointer file, an
 * output path, a directory that contains outputs, or a path inside a tracked directory; no targets means every
 * output.
 */
final class Targets {
  private Targets() {}

  static List<TrackedOutput> select(List<TrackedOutput> all, List<Path> targets, Path root) {
    return select(all, targets, root, false);
  }

  /** With {@code lenient}, a target that matches nothing is skipped (it may exist only in other revisions). */
  static List<TrackedOutput> select(List<TrackedOutput> all, List<Path> targets, Path root, boolean lenient) {
    return select(null, all, targets, root, root, lenient);
  }

  /**
   * As {@link #select(List, List, Path, boolean)} for targets as typed in {@code cwd}; a target may also name the
   * stage of an output ({@code train}, {@code dvc.yaml:train}), which outputs of other revisions need, as no
   * index of the workspace knows their stages.
   */
  static List<TrackedOutput> select(List<TrackedOutput> all, List<Path> targets, Path root, Path cwd,
      boolean lenient) {
    return select(null, all, targets, root, cwd, lenient);
  }

  /**
   * Whether {@code raw}, a target as typed in {@code cwd}, names the stage that produces {@code o}: its name in
   * the {@code dvc.yaml} of {@code cwd}, or {@code path/dvc.yaml:name}.
   */
  static boolean namesStageOf(Path raw, TrackedOutput o, Path cwd) {
    if (!o.isStageOutput()) {
      return false;
    }
    Pipelines.Target target = Pipelines.Target.parse(raw.toString());
    if (target.name() == null || !cwd.resolve(target.file()).normalize().equals(o.dvcFile())) {
      return false;
    }
    String prefix = o.dvcPath() + ":";
    String name = o.stage().startsWith(prefix) ? o.stage().substring(prefix.length()) : o.stage();
    return target.name().equals(name);
  }

  /** As {@link #select(List, List, Path)} over an index, where targets may also name stages. */
  static List<TrackedOutput> select(RepoIndex index, List<Path> targets, Jdvc jdvc) {
    return select(index, index.outputs(), targets, jdvc.root(), jdvc.resolve(Path.of("")), false);
  }

  static List<TrackedOutput> select(RepoIndex index, List<Path> targets, Jdvc jdvc, boolean lenient) {
    return select(index, index.outputs(), targets, jdvc.root(), jdvc.resolve(Path.of("")), lenient);
  }

  private static List<TrackedOutput> select(RepoIndex index, List<TrackedOutput> all, List<Path> targets, Path root,
      Path cwd, boolean lenient) {
    if (targets.isEmpty()) {
      return all;
    }
    Set<TrackedOutput> chosen = new LinkedHashSet<>();
    for (Path raw : targets) {
      Path t = cwd.resolve(raw).normalize();
      if (index != null) {
        List<PipelineStage> stages = stages(index, raw, root, cwd);
        if (!stages.isEmpty()) {
          stages.forEach(s -> chosen.addAll(index.outputsOf(s)));
          continue;
        }
      }
      boolean matched = false;
      for (TrackedOutput o : all) {
        if (t.equals(o.dvcFile()) || t.equals(o.path()) || o.path().startsWith(t) || t.startsWith(o.path())
            || namesStageOf(raw, o, cwd)) {
          chosen.add(o);
          matched = true;
        }
      }
      if (!matched && !lenient) {
        String shown = t.startsWith(root) ? root.relativize(t).toString() : t.toString();
        throw new JdvcException("'" + shown + "' is not tracked by jdvc",
            "list tracked data with 'jdvc ls' and stages with 'jdvc stage list', or track it with 'jdvc add "
                + shown + "'");
      }
    }
    return new ArrayList<>(chosen);
  }

  /**
   * The stages the targets concern: every stage without targets; else the stages a target names, and those whose
   * outputs the targets select.
   */
  static List<PipelineStage> selectStages(RepoIndex index, List<Path> targets, Jdvc jdvc) {
    if (targets.isEmpty()) {
      return index.stages();
    }
    Set<PipelineStage> chosen = new LinkedHashSet<>();
    Path cwd = jdvc.resolve(Path.of(""));
    for (Path raw : targets) {
      List<PipelineStage> named = stages(index, raw, jdvc.root(), cwd);
      if (!named.isEmpty()) {
        chosen.addAll(named);
        continue;
      }
      Set<TrackedOutput> outs = new java.util.HashSet<>(select(index, List.of(raw), jdvc));
      for (PipelineStage s : index.stages()) {
        if (index.outputsOf(s).stream().anyMatch(outs::contains)) {
          chosen.add(s);
        }
      }
    }
    return new ArrayList<>(chosen);
  }

  /**
   * The stages a target names, resolved as DVC resolves addresses: {@code name} in the {@code dvc.yaml} of the
   * working directory, {@code path/dvc.yaml:name} relative to it, or a {@code dvc.yaml} for all its stages.
   */
  static List<PipelineStage> stages(RepoIndex index, Path raw, Path root, Path cwd) {
    Pipelines.Target target = Pipelines.Target.parse(raw.toString());
    Path pipelineFile = cwd.resolve(target.file()).normalize();
    if (!pipelineFile.startsWith(root) || !pipelineFile.getFileName().toString().equals(RepoIndex.PIPELINE_FILE)) {
      return List.of();
    }
    String rel = root.relativize(pipelineFile).toString().replace('\\', '/');
    List<PipelineStage> inFile = index.stages().stream().filter(s -> s.definition().dvcFile().equals(rel)).toList();
    if (target.name() == null) {
      return inFile;
    }
    List<PipelineStage> named = inFile.stream().filter(s -> s.name().equals(target.name())).toList();
    if (named.isEmpty() && !target.name().contains("@")) {
      // a foreach/matrix group: DVC's collect (accept_group) takes its name for every stage it generates
      named = inFile.stream().filter(s -> s.name().startsWith(target.name() + "@")).toList();
    }
    if (named.isEmpty() && target.address()) {
      throw new JdvcException("stage '" + target.name() + "' not found in '" + rel + "'",
          "list the stages with 'jdvc stage list'");
    }
    return named;
  }
}
