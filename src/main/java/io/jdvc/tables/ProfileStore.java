package io.jdvc.tables;

import io.jdvc.AtomicFiles;
import io.jdvc.object.Oid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The local profile cache, {@code .dvc/tmp/jdvc/profiles/p2/ab/cdef….FORMAT.json.gz}: one profile per object and
 * format, never stale because objects never change. Written temp-then-rename; an unreadable entry counts as absent
 * and is recomputed. The same relative keys name the shared copies on a remote ({@code jdvc/profiles/...}).
 */
public final class ProfileStore {
  private final Path dir;

  public ProfileStore(Path dir) {
    this.dir = dir;
  }

  /** {@code p2/ab/cdef….parquet.json.gz}: the key of a file's profile, locally and on a remote. */
  public static String key(Oid oid, TableFormat format) {
    return key(oid, format, ReadOptions.NONE);
  }

  /** {@code p2/ab/cdef….csv-0123456789ab.json.gz} for a CSV read with pinned options. */
  public static String key(Oid oid, TableFormat format, ReadOptions options) {
    String md5 = oid.value();
    return TableProfile.SPEC + "/" + md5.substring(0, 2) + "/" + md5.substring(2) + "." + format.id()
        + options.keySuffix() + ".json.gz";
  }

  public Path dir() {
    return dir;
  }

  public Path pathOf(String key) {
    return dir.resolve(key);
  }

  public Optional<TableProfile> get(Oid oid, TableFormat format) throws IOException {
    return get(oid, format, ReadOptions.NONE);
  }

  public Optional<TableProfile> get(Oid oid, TableFormat format, ReadOptions options) throws IOException {
    try {
      TableProfile p = ProfileCodec.decode(Files.readAllBytes(pathOf(key(oid, format, options))));
      return p.spec().equals(TableProfile.SPEC) ? Optional.of(p) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // a damaged entry is recomputed and overwritten
    }
  }

  public void put(Oid oid, TableFormat format, ReadOptions options, TableProfile profile) throws IOException {
    Path target = pathOf(key(oid, format, options));
    Files.createDirectories(target.getParent());
    AtomicFiles.write(target, ProfileCodec.encode(profile));
  }
}
