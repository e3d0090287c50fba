package io.jdvc.pointer;

import io.jdvc.object.Oid;
import java.util.ArrayList;
import java.util.List;

/**
 * A fast reader for the one shape {@code dvc add} and {@code jdvc add} write: {@code outs} entries holding only
 * md5, size, nfiles, isexec, hash and path. Starting a YAML parser costs more than the rest of a warm
 * {@code status}, so pointers of this shape are read line by line; the caller accepts the result only if writing
 * it back reproduces the text exactly, so anything unusual (quoting, comments, other keys) goes to the full
 * YAML reader and its error messages.
 */
final class CanonicalPointer {
  private CanonicalPointer() {}

  /** The pointer, or null when the text is not in the canonical shape. */
  static DvcFile tryParse(String text) {
    if (!text.startsWith("outs:\n") || !text.endsWith("\n")) {
      return null;
    }
    String[] lines = text.substring("outs:\n".length()).split("\n");
    List<Output> outs = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      if (!lines[i].startsWith("- md5: ")) {
        return null;
      }
      String md5 = lines[i++].substring(7);
      Long size = null;
      Long nfiles = null;
      boolean isexec = false;
      String hash = null;
      String path = null;
      while (i < lines.length && lines[i].startsWith("  ")) {
        String line = lines[i++];
        int colon = line.indexOf(": ");
        if (colon < 0) {
          return null;
        }
        String key = line.substring(2, colon);
        String value = line.substring(colon + 2);
        switch (key) {
          case "size":
            size = digits(value);
            break;
          case "nfiles":
            nfiles = digits(value);
            break;
          case "isexec":
            isexec = value.equals("true");
            break;
          case "hash":
            hash = value;
            break;
          case "path":
            path = value;
            break;
          default:
            return null;
        }
        if ((key.equals("size") && size == null) || (key.equals("nfiles") && nfiles == null)) {
          return null;
        }
      }
      if (path == null || !Oid.isValid(md5) || hash != null && !hash.equals(Output.MD5)
          || Output.pathProblem(path) != null) {
        return null;
      }
      Output out = Output.of(path, Oid.parse(md5, hash == null), size, nfiles);
      if (isexec) {
        out = out.withContent(out.md5(), size, nfiles, true);
      }
      outs.add(out);
    }
    return outs.isEmpty() ? null : DvcFile.of(outs);
  }

  private static Long digits(String v) {
    if (v.isEmpty() || v.length() > 18) {
      return null;
    }
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return null;
      }
    }
    return Long.parseLong(v);
  }
}
