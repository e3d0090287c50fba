package io.jdvc.api;

import io.jdvc.AtomicFiles;
import io.jdvc.pipeline.LockFileWriter;
import io.jdvc.pipeline.PipelineFileEditor;
import io.jdvc.pipeline.PipelineStage;
import io.jdvc.pipeline.RepoIndex;
import io.jdvc.JdvcException;
import io.jdvc.repo.RepoLayout;
import io.jdvc.repo.RepoLock;
import io.jdvc.workspace.PathOutsideRepoException;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jdvc remove}: stops tracking outputs. Deletes the pointer files and their {@code .gitignore} entries
 * and stages that; the data itself stays in the workspace and in the cache. Workspace files that are links into
 * the cache become copies first (DVC's unprotect), so a later gc cannot delete the only copy.
 */
public final class RemoveOperation {
  private final Jdvc jdvc;
  private List<Path> targets = List.of();

  RemoveOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public RemoveOperation targets(List<Path> value) {
    this.targets = List.copyOf(value);
    return this;
  }

  /** Returns the repository-relative pointer files removed. */
  public RemoveResult call() throws IOException {
    if (targets.isEmpty()) {
      throw new JdvcException("nothing to remove", "name the .dvc files or stages to stop tracking");
    }
    try (RepoLock lock = jdvc.lock()) {
      Workspace ws = jdvc.workspace();
      List<String> removed = new ArrayList<>();
      List<Path> touched = new ArrayList<>();
      RepoIndex index = null;
      for (Path t : targets) {
        // a .dvc file is removed without reading the rest of the repository: remove must work where it is broken
        boolean pointer = t.toString().endsWith(RepoLayout.DVCFILE_SUFFIX)
            || Files.isRegularFile(Pointers.dvcFileFor(jdvc.resolve(t)));
        if (!pointer && index == null) {
          index = jdvc.index();
        }
        List<PipelineStage> stages = pointer ? List.of()
            : Targets.stages(index, t, jdvc.root(), jdvc.resolve(Path.of("")));
        if (!stages.isEmpty()) {
          for (PipelineStage stage : stages) {
            removeStage(index, stage, touched);
            removed.add(stage.address());
          }
          continue;
        }
        Path p = jdvc.resolve(t);
        Path dvcFile = p.getFileName().toString().endsWith(RepoLayout.DVCFILE_SUFFIX) ? p : Pointers.dvcFileFor(p);
        if (!Files.isRegularFile(dvcFile)) {
          if (index != null) {
            requireNotAStageOutput(index, p);
          }
          throw new JdvcException("'" + jdvc.root().relativize(dvcFile) + "' does not exist",
              "name an existing .dvc file (see 'jdvc ls')");
        }
        try {
          for (TrackedOutput o : ws.outputsOf(dvcFile)) {
            ws.unprotect(o);
            Pointers.unignore(jdvc.git(), o.path()).ifPresent(touched::add);
          }
        } catch (PathOutsideRepoException e) {
          // an output jdvc refuses (say '.git') was never added by jdvc: no .gitignore entry to take back
        }
        Files.delete(dvcFile);
        touched.add(dvcFile);
        removed.add(ws.relative(dvcFile));
      }
      return new RemoveResult(removed, jdvc.stageOrAdvise(touched));
    }
  }

  /** A stage's output is removed with its stage (as in DVC, whose remove takes only stages and .dvc files). */
  private static void requireNotAStageOutput(RepoIndex index, Path path) {
    for (TrackedOutput o : index.outputs()) {
      if (o.isStageOutput() && o.path().equals(path)) {
        throw new JdvcException("'" + o.repoPath() + "' is an output of " + o.owner() + ", not of a .dvc file",
            "remove the whole stage with 'jdvc remove " + o.stage() + "' (the data stays), or take the output out of "
                + o.dvcPath() + " by hand");
      }
    }
  }

  /**
   * DVC's {@code dvc remove STAGE}: the stage leaves {@code dvc.yaml} and {@code dvc.lock} (a file left without
   * stages is deleted) and its outputs leave {@code .gitignore}; the data stays in the workspace, unprotected.
   */
  private void removeStage(RepoIndex index, PipelineStage stage, List<Path> touched) throws IOException {
    // both files' new bytes first: a stage the editor refuses (one foreach generates) leaves everything as it was
    Path yaml = stage.pipelineFile();
    byte[] newYaml = new PipelineFileEditor().removeStage(Files.readAllBytes(yaml), stage.definition().dvcFile(),
        stage.name());
    Path lock = stage.lockFile();
    boolean locked = Files.exists(lock) && stage.locked() != null;
    byte[] newLock = locked ? new LockFileWriter().withoutStage(Files.readAllBytes(lock), stage.name()) : null;
    for (TrackedOutput o : index.outputsOf(stage)) {
      index.workspace().unprotect(o);
      Pointers.unignore(jdvc.git(), o.path()).ifPresent(touched::add);
    }
    rewrite(yaml, newYaml, touched);
    if (locked) {
      rewrite(lock, newLock, touched);
    }
  }

  /** Writes the new bytes, or deletes the file when they are null (no stage left). */
  private static void rewrite(Path file, byte[] bytes, List<Path> touched) throws IOException {
    if (bytes == null) {
      Files.delete(file);
    } else {
      AtomicFiles.write(file, bytes);
    }
    touched.add(file);
  }
}
