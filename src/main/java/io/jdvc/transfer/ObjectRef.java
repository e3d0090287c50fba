package io.jdvc.transfer;

import io.jdvc.object.Oid;

/**
 * One object to move, with the user-facing names needed to report about it: the repository path it holds
 * (an output, or a file inside a tracked directory) and the pointer file that names it. {@code size} is the
 * size the pointer records, or -1 when unknown (files inside directories); it lets large downloads be split.
 */
public record ObjectRef(Oid oid, String path, String dvcFile, long size) {
  public ObjectRef(Oid oid, String path, String dvcFile) {
    this(oid, path, dvcFile, -1);
  }
}
