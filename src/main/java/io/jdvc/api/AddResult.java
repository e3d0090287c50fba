package io.jdvc.api;

import io.jdvc.object.Oid;
import java.util.List;

/**
 * What {@code add} recorded: one entry per target, the files it left for the user to {@code git add} when
 * autostage is off, and the commit id when a message was given.
 */
public record AddResult(List<Added> outputs, List<String> unstaged, String commitId) {
  /** One target: its pointer file (repository-relative), what it now holds, and whether anything changed. */
  public record Added(String path, String dvcFile, Oid oid, long size, Long nfiles, boolean changed) {}
}
