package io.jdvc.pointer;

import io.jdvc.object.Oid;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a {@code .dvc} file's {@code outs}: a workspace path and the object it should hold. Every key DVC's
 * schema allows is kept, so reading and re-writing a file loses nothing a user wrote.
 *
 * <p>{@code path} is POSIX, relative to the {@code .dvc} file's directory, never absolute and never containing
 * {@code ..}. {@code hashName} is {@code "md5"} for DVC 3.x or null for a legacy (2.x, md5-dos2unix) output; the
 * {@code md5} oid's legacy flag always agrees with it. {@code meta}, {@code cloud}, {@code files} and
 * {@code fsConfig} are free-form YAML trees (maps, lists, strings, {@link PlainScalar}) or null. {@code cache} and
 * {@code push} are null when absent (DVC's default: true).
 */
public record Output(
    String path,
    Oid md5,
    Long size,
    Long nfiles,
    boolean isexec,
    String hashName,
    String etag,
    String checksum,
    String versionId,
    String desc,
    String type,
    List<String> labels,
    Object meta,
    Boolean cache,
    boolean persist,
    String remote,
    Boolean push,
    Object cloud,
    Object files,
    Object fsConfig) {

  public static final String MD5 = "md5";

  public Output {
    Objects.requireNonNull(path, "path");
    String problem = pathProblem(path);
    if (problem != null) {
      throw new IllegalArgumentException("output path '" + path + "' " + problem);
    }
    if (hashName != null && !hashName.equals(MD5)) {
      throw new IllegalArgumentException("hash must be 'md5', was '" + hashName + "'");
    }
    if (size != null && size < 0 || nfiles != null && nfiles < 0) {
      throw new IllegalArgumentException("size and nfiles must not be negative");
    }
    if (md5 != null) {
      md5 = md5.withLegacy(hashName == null);
    }
    labels = labels == null ? null : List.copyOf(labels);
  }

  /** A fresh DVC 3.x output (or legacy, if the oid is), as {@code dvc add} writes it. */
  public static Output of(String path, Oid md5, Long size, Long nfiles) {
    return new Output(path, md5, size, nfiles, false, md5 != null && md5.legacy() ? null : MD5, null, null, null,
        null, null, null, null, null, false, null, null, null, null, null);
  }

  /**
   * The same output pointing at new content: the hash name follows the oid's legacy flag, which is how DVC moves
   * an output to 3.x only when its content changed. Annotations and flags are kept.
   */
  public Output withContent(Oid newMd5, Long newSize, Long newNfiles, boolean newIsexec) {
    return new Output(path, newMd5, newSize, newNfiles, newIsexec, newMd5 != null && newMd5.legacy() ? null : MD5,
        etag, checksum, versionId, desc, type, labels, meta, cache, persist, remote, push, cloud, files, fsConfig);
  }

  /** The same output with DVC's {@code cache} flag set ({@code null}: absent, the default true). */
  public Output withCache(Boolean newCache) {
    return new Output(path, md5, size, nfiles, isexec, hashName, etag, checksum, versionId, desc, type, labels, meta,
        newCache, persist, remote, push, cloud, files, fsConfig);
  }

  /** True if the output is a directory, i.e. its oid names a {@code .dir} manifest. */
  public boolean isDir() {
    return md5 != null && md5.isDir();
  }

  /** True for a DVC 2.x output (no {@code hash:} key): md5-dos2unix hashes and the legacy cache layout. */
  public boolean isLegacy() {
    return hashName == null;
  }

  /** DVC's {@code cache} flag: false means the data is not kept in the cache (and not pushed). */
  public boolean usesCache() {
    return cache == null || cache;
  }

  /** DVC's {@code push} flag. */
  public boolean canPush() {
    return push == null || push;
  }

  /**
   * Why {@code path} is not a safe output path, or null if it is: it must be non-empty, relative, POSIX
   * ({@code /}-separated, no backslash), without NUL and without any {@code ..} segment, so that it can never name
   * a file outside the {@code .dvc} file's directory.
   */
  static String pathProblem(String path) {
    if (path.isEmpty()) {
      return "is empty";
    }
    // 'C:/x' is absolute on Windows; 'a: b' or 'x:' are names, as DVC reads them on POSIX
    if (path.startsWith("/") || path.length() >= 3 && path.charAt(1) == ':' && path.charAt(2) == '/'
        && (path.charAt(0) | 0x20) >= 'a' && (path.charAt(0) | 0x20) <= 'z') {
      return "is absolute";
    }
    if (path.indexOf('\\') >= 0) {
      return "contains a backslash";
    }
    if (path.indexOf('\0') >= 0) {
      return "contains NUL";
    }
    for (String seg : path.split("/", -1)) {
      if (seg.equals("..")) {
        return "escapes its directory with '..'";
      }
    }
    return null;
  }
}
