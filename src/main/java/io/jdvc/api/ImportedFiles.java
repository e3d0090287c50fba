package io.jdvc.api;

import io.jdvc.cache.LocalCache;
import io.jdvc.manifest.DirEntry;
import io.jdvc.object.Oid;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The files an output or a part of it holds, by path relative to what is copied ("" for a single file). */
final class ImportedFiles {
  private ImportedFiles() {}

  /**
   * @param oid the output's object (its manifest must be in the cache if it is a directory)
   * @param inner a path inside the directory output (a file or a subdirectory), or null for all of it
   */
  static Map<String, Oid> of(LocalCache cache, Oid oid, String inner) throws IOException {
    Map<String, Oid> files = new LinkedHashMap<>();
    if (!oid.isDir()) {
      files.put("", oid);
      return files;
    }
    for (DirEntry e : RepoSource.manifest(cache, oid).entries()) {
      if (inner == null) {
        files.put(e.relpath(), e.md5());
      } else if (e.relpath().equals(inner)) {
        files.put("", e.md5());
      } else if (e.relpath().startsWith(inner + "/")) {
        files.put(e.relpath().substring(inner.length() + 1), e.md5());
      }
    }
    return files;
  }
}
