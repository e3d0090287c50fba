package io.jdvc.pipeline;

import io.jdvc.object.Oid;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code deps} or {@code outs} entry of a {@code dvc.lock} stage (DVC's {@code DATA_SCHEMA}).
 *
 * @param path as written: relative to the directory of the {@code dvc.yaml}, {@code /}-separated
 * @param hashName {@code "md5"}, or null for an entry DVC 2.x wrote (its {@code md5} is md5-dos2unix)
 * @param md5 the content's oid (legacy when {@code hashName} is null); null when not recorded
 * @param size bytes (a directory: all its files), or null
 * @param nfiles files in a directory, or null
 * @param isexec the file is executable
 * @param extra the other keys DVC allows ({@code files}, {@code cloud}, {@code etag}, {@code checksum},
 *     {@code version_id}, {@code dataset}) in file order, kept so that a rewrite reproduces them
 */
public record LockEntry(String path, String hashName, Oid md5, Long size, Long nfiles, boolean isexec,
    Map<String, Object> extra) {
  /** The keys {@link #extra} may hold, as DVC's lock schema allows them. */
  public static final Set<String> EXTRA_KEYS = Set.of("files", "cloud", "etag", "checksum", "version_id", "dataset");

  public LockEntry {
    Objects.requireNonNull(path, "path");
    extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    for (String k : extra.keySet()) {
      if (!EXTRA_KEYS.contains(k)) {
        throw new IllegalArgumentException("'" + k + "' is not a key of a dvc.lock entry");
      }
    }
  }

  /** A 3.x entry ({@code hash: md5}) with no extra keys. */
  public static LockEntry of(String path, Oid md5, Long size, Long nfiles, boolean isexec) {
    return new LockEntry(path, "md5", md5, size, nfiles, isexec, Map.of());
  }

  /** True for an entry DVC 2.x wrote: no {@code hash} key, so its md5 is md5-dos2unix. */
  public boolean legacy() {
    return hashName == null;
  }
}
