package io.jdvc.metrics;

import io.jdvc.JdvcException;
import io.jdvc.object.Oid;
import io.jdvc.pipeline.LockEntry;
import io.jdvc.pipeline.LockFile;
import io.jdvc.pipeline.LockedStageEntry;
import io.jdvc.pipeline.PipelineFile;
import io.jdvc.pipeline.PipelineFileLoader;
import io.jdvc.pipeline.Stage;
import io.jdvc.pipeline.StageOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipelines of one revision and the files they name. A file that is a stage output and absent from the
 * revision's tree (a cached metrics or plots file, ignored by Git) is read from the cache by the md5 that the
 * revision's {@code dvc.lock} records for it, as DVC's repository file system does.
 */
public final class RevisionPipelines {
  private final RevisionFiles files;
  private final CachedObjects objects;
  private List<PipelineFile> pipelines;
  private JdvcException loadFailure;
  private Map<String, Oid> lockedOutputs;

  public RevisionPipelines(RevisionFiles files, CachedObjects objects) {
    this.files = files;
    this.objects = objects;
  }

  public String revision() {
    return files.revision();
  }

  /** Every {@code dvc.yaml} of the revision, loaded (templating reads the params files of the same revision). */
  public List<PipelineFile> pipelines() {
    if (loadFailure != null) {
      throw loadFailure;
    }
    if (pipelines == null) {
      List<PipelineFile> loaded = new ArrayList<>();
      PipelineFileLoader loader = new PipelineFileLoader();
      PipelineFileLoader.RepoFiles repoFiles = new PipelineFileLoader.RepoFiles() {
        @Override
        public byte[] read(String repoPath) throws IOException {
          return files.read(repoPath);
        }

        @Override
        public boolean isDirectory(String repoPath) {
          return !files.filesUnder(repoPath).isEmpty();
        }
      };
      try {
        for (String path : files.pipelineFiles()) { // the work tree's walk loads each dvc.yaml too
          loaded.add(loader.load(path, files.read(path), repoFiles));
        }
      } catch (JdvcException e) {
        loadFailure = new JdvcException(e.getMessage() + " (at " + revision() + ")", e.hint(), e);
        throw loadFailure;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      pipelines = List.copyOf(loaded);
    }
    return pipelines;
  }

  /**
   * Why the revision's pipelines cannot be loaded (a malformed {@code dvc.yaml}, or a params file its templating
   * reads), naming the file and the revision; null when they load. DVC reports such a revision and goes on with
   * the others.
   */
  public String loadError() {
    try {
      pipelines();
      return null;
    } catch (JdvcException e) {
      return e.getMessage();
    }
  }

  /** The stages of every pipeline, in file order. */
  public List<Stage> stages() {
    return pipelines().stream().flatMap(p -> p.stages().stream()).toList();
  }

  /** The file's bytes at this revision, from the tree or else from the cache; null if neither has it. */
  public byte[] read(String repoPath) throws IOException {
    byte[] bytes = files.read(repoPath);
    if (bytes != null) {
      return bytes;
    }
    Oid oid = loadError() == null ? lockedOutputs().get(repoPath) : null;
    return oid == null || oid.isDir() ? null : objects.read(oid);
  }

  /** {@code path} itself, or the files below it when it is a directory of the revision. */
  public List<String> expand(String path) {
    List<String> below = files.filesUnder(path);
    return below.isEmpty() ? List.of(path) : below;
  }

  /** A path written in a {@code dvc.yaml}'s top level, relative to its directory, as a repo-relative path. */
  public static String resolve(PipelineFile pipeline, String written) {
    String joined = pipeline.dir().isEmpty() ? written : pipeline.dir() + "/" + written;
    return java.nio.file.Path.of(joined.replace('\\', '/')).normalize().toString().replace('\\', '/');
  }

  private Map<String, Oid> lockedOutputs() {
    if (lockedOutputs == null) {
      lockedOutputs = new HashMap<>();
      for (PipelineFile p : pipelines()) {
        String lockPath = p.dir().isEmpty() ? LockFile.FILE_NAME : p.dir() + "/" + LockFile.FILE_NAME;
        LockFile lock;
        try {
          byte[] bytes = files.read(lockPath);
          if (bytes == null) {
            continue;
          }
          lock = LockFile.parse(lockPath, bytes);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (JdvcException e) {
          continue; // a broken lock file only means no cached copy to fall back on
        }
        for (Stage stage : p.stages()) {
          Optional<LockedStageEntry> entry = lock.stage(stage.name());
          for (StageOutput out : stage.outs()) {
            entry.flatMap(e -> e.out(out.path())).map(LockEntry::md5)
                .ifPresent(oid -> lockedOutputs.put(stage.repoPath(out.path()), oid));
          }
        }
      }
    }
    return lockedOutputs;
  }
}
