package io.jdvc.history;

import io.jdvc.object.Oid;

/**
 * One output as a pointer records it at some revision: an {@code outs} entry of a {@code .dvc} file, or of a stage in
 * {@code dvc.lock}.
 *
 * @param pointerPath repo-relative path of the {@code .dvc} file or {@code dvc.lock} that records it
 * @param stage the {@code dvc.lock} stage name, or null for a {@code .dvc} file
 * @param path repo-relative, '/'-separated path of the output (the pointer's directory joined with its {@code path})
 * @param oid the recorded object, or null when the pointer has no hash yet
 * @param cached false for {@code cache: false} outputs, whose data never enters the cache or a remote
 * @param importedFrom the source repository's URL for a repository import ({@code deps: - repo:}), else null: its
 *     data comes from there and is never on this project's remotes
 */
public record RecordedOutput(String pointerPath, String stage, String path, Oid oid, Long size, Long nfiles,
    boolean cached, String importedFrom) {

  public RecordedOutput(String pointerPath, String stage, String path, Oid oid, Long size, Long nfiles,
      boolean cached) {
    this(pointerPath, stage, path, oid, size, nfiles, cached, null);
  }

  /** Whether this output names an object jdvc keeps (cached, with a hash): the ones gc, push and audit care about. */
  public boolean hasData() {
    return cached && oid != null;
  }

  /** Whether {@code repoPath} is this output or lies inside it (a file of a tracked directory). */
  public boolean covers(String repoPath) {
    return repoPath.equals(path) || repoPath.startsWith(path + "/");
  }
}
