package io.jdvc.manifest;

import io.jdvc.object.Oid;
import java.util.Objects;

/**
 * One file of a tracked directory: its {@code /}-separated path relative to the directory, and its content hash
 * (never a {@code .dir} oid: manifests list files only). The path is validated so it can be joined to the directory
 * without escaping it.
 */
public record DirEntry(String relpath, Oid md5) {
  public DirEntry {
    Objects.requireNonNull(relpath, "relpath");
    Objects.requireNonNull(md5, "md5");
    String problem = relpathProblem(relpath);
    if (problem != null) {
      throw new IllegalArgumentException("relpath '" + relpath + "' " + problem);
    }
    if (md5.isDir()) {
      throw new IllegalArgumentException("relpath '" + relpath + "' has a directory oid " + md5);
    }
  }

  /**
   * Why {@code relpath} is unsafe, or null: it must be non-empty and relative, without backslash, NUL, lone
   * surrogates, or an empty, {@code .} or {@code ..} segment. Scans once, without regex, because it runs per entry
   * of manifests that can hold millions.
   */
  public static String relpathProblem(String relpath) {
    int n = relpath.length();
    if (n == 0) {
      return "is empty";
    }
    if (relpath.charAt(0) == '/') {
      return "is absolute";
    }
    int segStart = 0;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? relpath.charAt(i) : '/';
      if (c == '/') {
        int len = i - segStart;
        if (len == 0) {
          return "has an empty segment";
        }
        if (len == 1 && relpath.charAt(segStart) == '.') {
          return "has a '.' segment";
        }
        if (len == 2 && relpath.charAt(segStart) == '.' && relpath.charAt(segStart + 1) == '.') {
          return "has a '..' segment";
        }
        segStart = i + 1;
      } else if (c == '\\') {
        return "contains a backslash";
      } else if (c == 0) {
        return "contains NUL";
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 >= n || !Character.isLowSurrogate(relpath.charAt(i + 1))) {
          return "contains a lone surrogate";
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return "contains a lone surrogate";
      }
    }
    return null;
  }
}
