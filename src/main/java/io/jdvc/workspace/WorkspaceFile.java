package io.jdvc.workspace;

import io.jdvc.hash.FileStamp;
import java.nio.file.Path;

/**
 * One file found under a tracked directory: its manifest relpath and its stamp. The path is derived on demand
 * from the directory, so a million-file walk holds one string per file, not a path object too.
 */
public record WorkspaceFile(String relpath, Path dir, FileStamp stamp) {
  public Path path() {
    return dir.resolve(relpath);
  }
}
