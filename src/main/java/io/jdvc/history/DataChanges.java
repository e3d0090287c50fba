package io.jdvc.history;

import io.jdvc.object.Oid;
import java.util.List;

/**
 * How the tracked files of two revisions differ, each list sorted by path (renames by their new path).
 *
 * @param added files only in the new revision (oldOid null)
 * @param deleted files only in the old revision (newOid null)
 * @param modified files in both with different content
 * @param renamed content that moved: deleted at {@code oldPath} and added at {@code newPath} with the same oid
 */
public record DataChanges(List<Change> added, List<Change> deleted, List<Change> modified, List<Rename> renamed) {

  public record Change(String path, Oid oldOid, Oid newOid) {}

  public record Rename(String oldPath, String newPath, Oid oid) {}

  public boolean isEmpty() {
    return added.isEmpty() && deleted.isEmpty() && modified.isEmpty() && renamed.isEmpty();
  }
}
