package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.experiments.ExpRef;
import io.jdvc.experiments.ExperimentTree;
import io.jdvc.git.GitRefs;
import io.jdvc.git.GitRepo;
import io.jdvc.pipeline.PipelineStage;
import io.jdvc.pipeline.RepoIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code jdvc exp save}: the workspace as it is, recorded as an experiment without running anything, as DVC's
 * {@code exp save} does: the outputs are committed to the cache ({@code commit -f}, updating {@code dvc.lock}),
 * then one commit on the baseline holds the tracked files, every {@code dvc.yaml}/{@code dvc.lock} with their
 * top-level params, metrics and plots files, and the {@code --include-untracked} paths; only the experiment ref
 * points at it. HEAD, the branch and the index stay.
 */
public final class ExpSaveOperation {
  private final Jdvc jdvc;
  private List<Path> targets = List.of();
  private String name;
  private String message;
  private boolean force;
  private boolean recursive;
  private List<String> includeUntracked = List.of();

  ExpSaveOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  /** Outputs or stages to commit to the cache first (default: all). */
  public ExpSaveOperation targets(List<Path> value) {
    this.targets = List.copyOf(value);
    return this;
  }

  public ExpSaveOperation name(String value) {
    this.name = value;
    return this;
  }

  public ExpSaveOperation message(String value) {
    this.message = value;
    return this;
  }

  /** Replace an experiment of the same name on this baseline. */
  public ExpSaveOperation force(boolean value) {
    this.force = value;
    return this;
  }

  /**
   * {@code -R}: a directory target stands for every {@code .dvc} file and {@code dvc.yaml} stage under it (DVC's
   * "cache subdirectories of the specified directory").
   */
  public ExpSaveOperation recursive(boolean value) {
    this.recursive = value;
    return this;
  }

  /** Untracked (even Git-ignored) paths to include in the commit. */
  public ExpSaveOperation includeUntracked(List<String> value) {
    this.includeUntracked = List.copyOf(value);
    return this;
  }

  /** What was saved. */
  public record Result(String name, String baseline, String commit, String ref) {}

  public Result call() throws IOException {
    GitRepo git = jdvc.requireGit("exp save");
    GitRefs refs = new GitRefs(git);
    String baseline = git.head().commitId();
    String expName = ExpRunOperation.chooseName(refs, baseline, name, force);
    List<String> included = new ArrayList<>();
    for (String p : includeUntracked) {
      Path file = jdvc.resolve(Path.of(p));
      if (!file.startsWith(jdvc.root()) || !Files.exists(file)) {
        throw new JdvcException("cannot include '" + p + "': no such file in the repository",
            "give paths of existing files or directories inside the repository");
      }
      included.add(jdvc.root().relativize(file).toString().replace('\\', '/'));
    }
    jdvc.commit().targets(recursive ? underDirectories(targets) : targets).call();
    RepoIndex index = jdvc.index();
    List<String> stages = index.stages().stream().map(PipelineStage::address).toList();
    Set<String> extra = ExperimentTree.extraPaths(jdvc.root(), index, stages, included, git::isIgnored);
    String text = message != null ? message
        : "dvc: commit experiment " + ExperimentTree.hash(jdvc.root(), index, stages);
    ExpRef ref = new ExpRef(baseline, expName);
    String commit = refs.commitSnapshot(baseline, extra, text);
    refs.setRef(ref.refName(), commit, "dvc: commit experiment");
    return new Result(expName, baseline, commit, ref.refName());
  }

  /** Each directory target replaced by the {@code .dvc} and {@code dvc.yaml} files under it. */
  private List<Path> underDirectories(List<Path> given) throws IOException {
    List<Path> out = new ArrayList<>();
    RepoIndex index = jdvc.index();
    for (Path t : given) {
      Path dir = jdvc.resolve(t);
      if (!Files.isDirectory(dir)) {
        out.add(t);
        continue;
      }
      Set<Path> files = new java.util.LinkedHashSet<>();
      index.outputs().stream().filter(o -> o.dvcFile().startsWith(dir)).forEach(o -> files.add(o.dvcFile()));
      if (files.isEmpty()) {
        throw new JdvcException("no .dvc file or stage under '" + t + "'", "give a directory that holds .dvc files "
            + "or a dvc.yaml, or leave out -R");
      }
      out.addAll(files);
    }
    return out;
  }
}
