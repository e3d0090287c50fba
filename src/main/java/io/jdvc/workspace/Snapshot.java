package io.jdvc.workspace;

import io.jdvc.manifest.DirManifest;
import io.jdvc.object.Oid;

/**
 * The content of one output as found in the workspace: its object id and the meta DVC records beside it.
 * {@code manifest} and {@code nfiles} are set for directories only.
 */
public record Snapshot(Oid oid, long size, Long nfiles, boolean isExec, DirManifest manifest) {
  public boolean isDir() {
    return manifest != null;
  }
}
