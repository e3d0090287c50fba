package io.jdvc.api;

import io.jdvc.object.Oid;
import java.util.List;

/**
 * What {@code add} recorded: one entry per target, the files it left for the user to {@code git add} when
 * autostage is off, and the commit id when a message was given.
 */
public record AddResult(List<Added> outputs, List<String> unstaged, String commitId) {
  /**
   * One target: its pointer file (repository-relative), what it now holds, whether its pointer changed, and
   * whether this run stored content the cache lacked while the pointer stayed the same (commit after
   * {@code add --no-commit}).
   */
  public record Added(String path, String dvcFile, Oid oid, long size, Long nfiles, boolean changed, boolean cached) {
    public Added(String path, String dvcFile, Oid oid, long size, Long nfiles, boolean changed) {
      this(path, dvcFile, oid, size, nfiles, changed, false);
    }
  }
}
