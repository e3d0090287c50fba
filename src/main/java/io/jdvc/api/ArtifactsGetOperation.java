package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.git.GitRefs;
import io.jdvc.registry.Lineage;
import io.jdvc.registry.ModelRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code jdvc artifacts get [REPO_URL] NAME[@VERSION|#STAGE]}: the model's bytes for that registry reference, as
 * {@code dvc artifacts get} downloads them through the DVC remote: the reference is resolved in the repository's
 * GTO tags, the artifact's {@code path:} is read from {@code dvc.yaml} at the tagged commit, and that path is
 * downloaded as {@code jdvc get URL PATH --rev COMMIT} would (the source's cache if local, else its default remote;
 * every object verified). Without REPO_URL, the repository around the working directory.
 */
public final class ArtifactsGetOperation {
  private final Path workingDir;
  private String url;
  private String reference;
  private Path out;
  private boolean force;
  private int jobs = 16;
  private ProgressListener progress = ProgressListener.NONE;
  private Consumer<String> notices = s -> {};

  ArtifactsGetOperation(Path workingDir) {
    this.workingDir = workingDir.toAbsolutePath().normalize();
  }

  /** The Git URL of the registry; null for the repository around the working directory. */
  public ArtifactsGetOperation url(String value) {
    this.url = value;
    return this;
  }

  /** {@code NAME}, {@code NAME@vX.Y.Z}, {@code NAME@latest} or {@code NAME#STAGE}. */
  public ArtifactsGetOperation reference(String value) {
    this.reference = value;
    return this;
  }

  public ArtifactsGetOperation out(Path value) {
    this.out = value;
    return this;
  }

  public ArtifactsGetOperation force(boolean value) {
    this.force = value;
    return this;
  }

  public ArtifactsGetOperation jobs(int value) {
    this.jobs = value;
    return this;
  }

  public ArtifactsGetOperation progress(ProgressListener value) {
    this.progress = value;
    return this;
  }

  public ArtifactsGetOperation notices(Consumer<String> value) {
    this.notices = value;
    return this;
  }

  /** What was fetched: the reference resolved (version, commit, path) and what was written. */
  public record Result(String artifact, String version, String commit, String path, GetOperation.Result written) {}

  public Result call() throws IOException {
    if (reference == null || reference.isBlank()) {
      throw new JdvcException("no artifact named", "jdvc artifacts get [REPO_URL] NAME[@VERSION|#STAGE]");
    }
    String source = url != null ? url : localRoot();
    // the tags and dvc.yaml of the source's clone; the lock is released before the download takes it again
    Found found = RepoSource.withCache(workingDir, notices, (cache, clonesDir) -> {
      try (RepoSource repo = RepoSource.open(source, null, clonesDir, workingDir, notices)) {
        ModelRegistry.Resolved r = new ModelRegistry(new GitRefs(repo.git())).resolve(reference);
        return new Found(r, Lineage.declaredPath(repo.git(), r));
      }
    });
    GetOperation.Result written = new GetOperation(workingDir).url(source).path(found.path())
        .rev(found.resolved().commit()).out(out).force(force).jobs(jobs).progress(progress).notices(notices).call();
    return new Result(found.resolved().artifact(), found.resolved().version(), found.resolved().commit(),
        found.path(), written);
  }

  private record Found(ModelRegistry.Resolved resolved, String path) {}

  private String localRoot() {
    try (Jdvc jdvc = Jdvc.open(workingDir)) {
      return jdvc.root().toString();
    } catch (io.jdvc.repo.NotADvcRepoException e) {
      throw new JdvcException("not in a DVC repository, and no REPO_URL given",
          "jdvc artifacts get REPO_URL NAME[@VERSION|#STAGE], or run it inside the registry's repository");
    }
  }
}
