package io.jdvc.remote;

import io.jdvc.TempFiles;
import io.jdvc.object.ObjectInfo;
import io.jdvc.object.Oid;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where objects live besides the local cache: a directory or an S3 bucket prefix, laid out by
 * {@link io.jdvc.object.ObjectLayout} exactly as DVC lays out its remotes.
 *
 * <p>Implementations are thread-safe: the transfer layer calls every method from many threads at once. They do
 * no retries of their own beyond what their client library does, never print, and never verify content on
 * download (the caller hashes what it receives). A missing object is never an exception from {@link #stat} or
 * {@link #existing}; a missing bucket or directory is ({@link RemoteUnavailableException}).
 */
public interface Remote extends AutoCloseable {

  /** The remote's name from the config, for messages. */
  String name();

  /** A human-readable location, e.g. {@code s3://bucket/prefix}, never containing credentials. */
  String location();

  /** Size (and MD5 where the store vouches for it) of one object; empty if absent. */
  Optional<ObjectInfo> stat(Oid oid) throws IOException;

  /**
   * The subset of {@code oids} present on the remote. May LIST prefixes instead of asking for each object when
   * that is cheaper (DVC's {@code oids_exist} strategy).
   */
  Set<Oid> existing(Collection<Oid> oids) throws IOException;

  /**
   * {@link #stat} for many objects at once: absent objects are left out. Stores that can list cheaply answer
   * from listings (an S3 listing carries size and ETag), so an audit of 100,000 objects needs no HEAD each.
   */
  default java.util.Map<Oid, ObjectInfo> statAll(Collection<Oid> oids) throws IOException {
    java.util.Map<Oid, ObjectInfo> found = new java.util.HashMap<>();
    for (Oid oid : oids) {
      stat(oid).ifPresent(info -> found.put(oid, info));
    }
    return found;
  }

  /**
   * Uploads {@code source} as object {@code oid}. Idempotent; a reader never sees a partial object (S3 PUT and
   * multipart completion are atomic; local remotes write a temp file and rename). {@code bytesDone} receives
   * progress in bytes as they are sent (negative when a retried attempt takes back what the failed one
   * reported) and may be called from any thread.
   *
   * <p>The caller guarantees that the content hashes to {@code oid} (for legacy oids under md5-dos2unix, which
   * no remote can check from raw bytes). A remote may check this and fail the upload with an
   * {@link IOException} on a mismatch, so a corrupt cache file never reaches the remote; the S3 remote does,
   * through Content-MD5 (added to the contract because tests and callers must not upload content under
   * arbitrary names).
   */
  void upload(Oid oid, Path source, Consumer<Long> bytesDone) throws IOException;

  /**
   * Writes the object's raw bytes to {@code target}, replacing it. The caller passes a temp path and verifies the
   * content before moving it into place. Throws {@link ObjectNotFoundException} if absent.
   */
  void download(Oid oid, Path target, Consumer<Long> bytesDone) throws IOException;

  /** Streams the object's raw bytes; for audits that re-hash without keeping a copy. */
  InputStream open(Oid oid) throws IOException;

  /** Reads an object's bytes and makes something of them; see {@link #read}. */
  @FunctionalInterface
  interface BodyReader<T> {
    T read(InputStream in) throws IOException;
  }

  /**
   * Streams the object's raw bytes through {@code reader} and returns what it returns. A store reached over a
   * network may call {@code reader} again, on a fresh stream from the first byte, after a transient failure:
   * the connection broke, or the reader threw an {@link io.jdvc.ContentMismatch} (the bytes may have been damaged
   * on the way). So a reader must start over each time it is called. After the last attempt the reader's own
   * exception, or the store's, is thrown. Throws {@link ObjectNotFoundException} if the object is absent.
   */
  default <T> T read(Oid oid, BodyReader<T> reader) throws IOException {
    try (InputStream in = open(oid)) {
      return reader.read(in);
    }
  }

  /** {@link #read} of {@code length} bytes from {@code offset}, for objects fetched in parallel parts. */
  default <T> T readRange(Oid oid, long offset, long length, BodyReader<T> reader) throws IOException {
    try (InputStream in = openRange(oid, offset, length)) {
      return reader.read(in);
    }
  }

  /**
   * Streams {@code length} bytes of the object from {@code offset}, so that a large object can be fetched in
   * parallel parts. The default reads the whole object and skips; stores with ranged reads override it.
   */
  default InputStream openRange(Oid oid, long offset, long length) throws IOException {
    InputStream in = open(oid);
    in.skipNBytes(offset);
    return new java.io.FilterInputStream(in) {
      private long left = length;

      @Override
      public int read() throws IOException {
        if (left <= 0) {
          return -1;
        }
        int b = super.read();
        if (b >= 0) {
          left--;
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
          left -= n;
        }
        return n;
      }
    };
  }

  /** Every object on the remote, in both the 3.x and the legacy layout, for gc and audits. */
  void list(Consumer<Oid> sink) throws IOException;

  /** Deletes one object; deleting an absent object is not an error. */
  void delete(Oid oid) throws IOException;

  /**
   * Deletes what uploads killed outright left behind and that is older than {@code age} (for a directory remote,
   * its {@code .<random>.tmp} files); returns how many. Stores with nothing of the kind do nothing.
   */
  default int deleteStaleTemps(java.time.Duration age) throws IOException {
    return 0;
  }

  /**
   * A file of DVC's run cache, relative to the remote's root: {@code runs/<key[:2]>/<key>/<value>}, both names
   * SHA-256 hex. DVC keeps these beside the objects ({@code dvc push --run-cache}); nothing else is ever read or
   * written outside the object layout.
   */
  java.util.regex.Pattern RUN_CACHE_FILE = java.util.regex.Pattern.compile(
      "runs/([0-9a-f]{2})/\\1[0-9a-f]{62}/[0-9a-f]{64}");

  /** Throws {@link IllegalArgumentException} unless {@code relativePath} is a {@link #RUN_CACHE_FILE}. */
  static String requireRunCacheFile(String relativePath) {
    if (!RUN_CACHE_FILE.matcher(relativePath).matches()) {
      throw new IllegalArgumentException("not a run-cache file: " + relativePath);
    }
    return relativePath;
  }

  /** Every run-cache file on the remote, as {@link #RUN_CACHE_FILE} paths; nothing when it has no {@code runs/}. */
  void listRunCache(Consumer<String> sink) throws IOException;

  /**
   * Uploads one run-cache file (a few hundred bytes of YAML), replacing any file of that name; a reader never
   * sees it partly written.
   */
  void uploadRunCache(String relativePath, Path source) throws IOException;

  /**
   * Writes one run-cache file's bytes to {@code target}, replacing it. Throws
   * {@link java.nio.file.NoSuchFileException} if the remote has no such file.
   */
  void downloadRunCache(String relativePath, Path target) throws IOException;

  /**
   * {@link #read} for a run-cache file: streams its bytes through {@code reader}, which a store reached over a
   * network may call again on a fresh stream, as for objects. Throws {@link java.nio.file.NoSuchFileException} if
   * the remote has no such file. The default reads a {@link #downloadRunCache downloaded} copy, once.
   */
  default <T> T readRunCache(String relativePath, BodyReader<T> reader) throws IOException {
    Path tmp = TempFiles.track(Files.createTempFile("jdvc-run", ".yaml"));
    try {
      downloadRunCache(relativePath, tmp);
      try (InputStream in = Files.newInputStream(tmp)) {
        return reader.read(in);
      }
    } finally {
      TempFiles.delete(tmp);
    }
  }

  /**
   * Where jdvc keeps side files on a remote (shared data profiles): {@code jdvc/...} beside DVC's {@code files/md5/}
   * and legacy {@code ab/} shards. DVC's {@code gc -c} and jdvc's own listing walk only those, so side files are
   * never taken for objects, listed or deleted by them.
   */
  String SIDE_PREFIX = "jdvc/";

  /** Writes a side file (key under {@link #SIDE_PREFIX}), replacing it; readers never see a partial one. */
  default void putSideFile(String key, byte[] content) throws IOException {
    throw new UnsupportedOperationException("remote '" + name() + "' keeps no side files");
  }

  /** A side file's content, or empty if absent. */
  default Optional<byte[]> getSideFile(String key) throws IOException {
    return Optional.empty();
  }

  /** The keys of the side files under {@code prefix} (itself under {@link #SIDE_PREFIX}). */
  default Set<String> listSideFiles(String prefix) throws IOException {
    return Set.of();
  }

  /** Refuses keys outside {@link #SIDE_PREFIX} or with {@code ..}: a side file can never overwrite an object. */
  static String checkSideKey(String key) {
    if (!key.startsWith(SIDE_PREFIX) || key.contains("..") || key.contains("\\") || key.contains("//")) {
      throw new IllegalArgumentException("not a side file key: " + key);
    }
    return key;
  }

  /**
   * Where notes live, relative to the remote's root: DVC lists only object paths ({@code files/md5/ab/...} and
   * legacy {@code ab/...}), so it neither sees nor deletes them.
   */
  String NOTES = ".jdvc/notes/";

  /**
   * Leaves a small text note on the remote for other clones to read ({@code name}: letters, digits, '-', '.'),
   * replacing one of that name. Notes say what is going on at the remote (a push or a gc in progress), not
   * what it holds. Stores without a place for notes ignore them.
   */
  default void putNote(String name, String text) throws IOException {}

  /** Every note on the remote, by name. */
  default java.util.Map<String, String> notes() throws IOException {
    return java.util.Map.of();
  }

  /** Removes a note; an absent one is not an error. */
  default void deleteNote(String name) throws IOException {}

  /**
   * The most parallel transfers jdvc runs against one remote, whatever {@code -j} or the remote's {@code jobs}
   * asks: the launcher keeps {@code http.maxConnections=64} connections alive per host, so more threads only
   * open new connections, and each costs a thread stack (tens of thousands ran out of memory).
   */
  int MAX_JOBS = 64;

  /** How many transfers this remote serves well at once, at most {@link #MAX_JOBS}; the default for {@code -j}. */
  int defaultJobs();

  @Override
  void close();
}
