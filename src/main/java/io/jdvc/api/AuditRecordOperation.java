package io.jdvc.api;

import io.jdvc.AtomicFiles;
import io.jdvc.audit.Sha256Record;
import io.jdvc.audit.Sha256Recorder;
import io.jdvc.concurrent.BoundedExecutor;
import io.jdvc.history.ManifestStore;
import io.jdvc.history.ReferencedObjects;
import io.jdvc.repo.RepoLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jdvc audit --record}: computes the SHA-256 of every cached object the workspace's pointers reference and is
 * not yet in {@code .dvc/objects.sha256}, writes the record sorted, makes sure {@code .dvc/.gitattributes} merges it
 * by union, and stages both, so the next commit carries the record beside the pointers it vouches for.
 */
public final class AuditRecordOperation {
  private final Jdvc jdvc;

  /**
   * @param result what the recorder did
   * @param entries entries in the record after the run
   * @param unstaged paths to {@code git add} when autostage is off
   */
  public record Result(Sha256Recorder.Result result, int entries, List<String> unstaged) {}

  AuditRecordOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  @SuppressWarnings("try") // the lock is held, not used
  public Result call() throws IOException {
    try (RepoLock lock = jdvc.lock()) {
      Sha256Record record = Sha256RecordFile.load(jdvc);
      ReferencedObjects used = new ReferencedObjects(new ManifestStore(jdvc.cache(), List.of()))
          .addAll(WorkspaceOutputs.collect(jdvc));
      Sha256Recorder.Result r = new Sha256Recorder(jdvc.cache()).record(used.oids(), record,
          BoundedExecutor.cpuThreads());
      List<Path> touched = Sha256RecordFile.save(jdvc, record);
      List<String> unstaged = jdvc.stageOrAdvise(touched);
      return new Result(r, record.size(), unstaged);
    }
  }
}
