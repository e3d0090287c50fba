package io.jdvc.api;

import io.jdvc.AtomicFiles;
import io.jdvc.JdvcException;
import io.jdvc.pipeline.PipelineFileEditor;
import io.jdvc.pointer.DvcFile;
import io.jdvc.repo.RepoLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code jdvc freeze} / {@code unfreeze}: sets or clears {@code frozen: true} on stages ({@code name},
 * {@code dvc.yaml:name}, {@code sub/dvc.yaml:name}) and {@code .dvc} files, as DVC does, so {@code repro} skips
 * them. Each target is tried; those that fail are reported and the others still done, as DVC does.
 */
public final class FreezeOperation {
  private final Jdvc jdvc;
  private final boolean frozen;
  private List<String> targets = List.of();

  FreezeOperation(Jdvc jdvc, boolean frozen) {
    this.jdvc = jdvc;
    this.frozen = frozen;
  }

  public FreezeOperation targets(List<String> value) {
    this.targets = List.copyOf(value);
    return this;
  }

  /** Files changed, and each target that failed with its error (DVC: "failed to freeze 'x'"). */
  public record Result(List<String> changed, List<Failure> failures, List<String> unstaged) {}

  public record Failure(String target, JdvcException error) {}

  public Result call() throws IOException {
    if (targets.isEmpty()) {
      throw new JdvcException("nothing to " + (frozen ? "freeze" : "unfreeze"), "name stages or .dvc files");
    }
    try (RepoLock lock = jdvc.lock()) {
      List<Path> touched = new ArrayList<>();
      List<String> changed = new ArrayList<>();
      List<Failure> failures = new ArrayList<>();
      for (String t : targets) {
        try {
          Path file = apply(t);
          if (file != null && !touched.contains(file)) {
            touched.add(file);
            changed.add(Pipelines.repoPath(jdvc.root(), file));
          }
        } catch (JdvcException e) {
          failures.add(new Failure(t, e));
        }
      }
      return new Result(changed, failures, jdvc.stageOrAdvise(touched));
    }
  }

  /** Returns the file it rewrote, or null when it already was as asked. */
  private Path apply(String t) throws IOException {
    Pipelines.Target target = Pipelines.Target.parse(t);
    Path file = Jdvc.realPath(jdvc.resolve(Path.of(target.file())));
    if (!file.startsWith(jdvc.root())) {
      throw new JdvcException("'" + t + "' is outside the repository", "name a stage or .dvc file of this repository");
    }
    String rel = Pipelines.repoPath(jdvc.root(), file);
    if (!Files.isRegularFile(file)) {
      throw new JdvcException("'" + rel + "' does not exist", "name a stage or an existing .dvc file");
    }
    if (rel.endsWith(".dvc")) {
      DvcFile p = Pointers.CODEC.read(file);
      if (p.frozen() == frozen) {
        return null;
      }
      DvcFile updated = new DvcFile(p.outs(), p.desc(), p.md5(), p.wdir(), frozen, p.locked(), p.deps(),
          p.alwaysChanged(), p.meta());
      return Pointers.write(file, updated) ? file : null;
    }
    if (target.name() == null) {
      throw new JdvcException("'" + t + "' names a pipeline file, not a stage", "use " + rel + ":STAGE");
    }
    byte[] before = Files.readAllBytes(file);
    byte[] after = new PipelineFileEditor().setFrozen(before, rel, target.name(), frozen);
    if (Arrays.equals(before, after)) {
      return null;
    }
    AtomicFiles.write(file, after);
    return file;
  }
}
