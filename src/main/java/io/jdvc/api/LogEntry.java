package io.jdvc.api;

import io.jdvc.git.RevisionRef;
import io.jdvc.object.Oid;

/**
 * One commit in the history of a dataset: the state of the path right after it.
 *
 * @param pointerPath the {@code .dvc} file or {@code dvc.lock} whose change this is
 * @param path the dataset path (an output, or a file inside a tracked directory)
 * @param oid the content after the commit; null if the commit removed it
 * @param size bytes after the commit, when known (pointers record it for outputs; for a file inside a directory it is
 *     known only if the object is cached)
 * @param nfiles files after the commit, for directory outputs
 * @param sizeChange {@code size} minus the previous version's, null when either is unknown or for the first version
 * @param nfilesChange likewise for {@code nfiles}
 * @param unexpandedDir for a file inside a directory: the directory's {@code .dir} oid when its manifest is in neither
 *     the cache nor the default remote, so the file's state after this commit is unknown ({@code oid} is null then);
 *     null otherwise
 */
public record LogEntry(RevisionRef commit, String pointerPath, String path, Oid oid, Long size, Long nfiles,
    Long sizeChange, Long nfilesChange, Oid unexpandedDir) {
  public boolean removed() {
    return oid == null && unexpandedDir == null;
  }
}
