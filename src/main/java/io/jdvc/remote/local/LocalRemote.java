package io.jdvc.remote.local;

import io.jdvc.TempFiles;
import io.jdvc.object.ObjectInfo;
import io.jdvc.object.ObjectLayout;
import io.jdvc.object.Oid;
import io.jdvc.remote.ObjectNotFoundException;
import io.jdvc.remote.Remote;
import io.jdvc.remote.RemoteUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A remote that is a plain directory (a mounted share, a second disk), laid out exactly like a DVC local remote:
 * {@code files/md5/ab/cdef...} and legacy {@code ab/cdef...}. Objects are written to a temp file
 * {@code .<random>.tmp} next to the target and renamed into place, so readers never see a partial object, then
 * made read-only (0444) as DVC does.
 *
 * <p>The root directory must exist: a remote that silently creates its own root would turn a typo or an
 * unmounted share into a fresh, empty remote.
 */
public final class LocalRemote implements Remote {
  private static final Pattern TWO_HEX = Pattern.compile("[0-9a-f]{2}");
  /** Progress granularity: big enough to keep callbacks cheap, small enough for a smooth bar. */
  private static final long CHUNK = 8L << 20;

  private static final SecureRandom RANDOM = new SecureRandom();
  private final String name;
  private final Path root;

  public LocalRemote(String name, Path root) {
    this.name = name;
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String location() {
    return root.toString();
  }

  private Path pathOf(Oid oid) {
    return root.resolve(ObjectLayout.keyOf(oid));
  }

  @Override
  public Optional<ObjectInfo> stat(Oid oid) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(pathOf(oid), BasicFileAttributes.class);
      // A directory never is an object; the local file system cannot vouch for an MD5 without reading it.
      return a.isRegularFile() ? Optional.of(new ObjectInfo(a.size(), null)) : Optional.empty();
    } catch (NoSuchFileException e) {
      requireRoot();
      return Optional.empty();
    } catch (FileSystemException e) {
      requireRoot(); // a root that is a file fails with "Not a directory"
      throw e;
    }
  }

  @Override
  public Set<Oid> existing(Collection<Oid> oids) throws IOException {
    requireRoot();
    // A stat per oid is as cheap as a directory listing on a local disk, and needs no strategy.
    Set<Oid> found = new HashSet<>();
    for (Oid oid : oids) {
      if (Files.isRegularFile(pathOf(oid))) {
        found.add(oid);
      }
    }
    return found;
  }

  @Override
  public void upload(Oid oid, Path source, Consumer<Long> bytesDone) throws IOException {
    requireRoot();
    Path target = pathOf(oid);
    Files.createDirectories(target.getParent());
    Path temp = TempFiles.track(target.resolveSibling("." + randomToken() + ".tmp"));
    try {
      copy(source, temp, bytesDone);
      makeReadOnly(temp);
      // rename(2) replaces a read-only target too: only the directory's write permission matters. No fsync,
      // as in DVC: a crash may lose the object, never expose a partial one under its final name.
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      TempFiles.delete(temp);
    }
  }

  @Override
  public void putSideFile(String key, byte[] content) throws IOException {
    requireRoot();
    Path target = root.resolve(Remote.checkSideKey(key));
    Files.createDirectories(target.getParent());
    Path temp = TempFiles.track(target.resolveSibling("." + randomToken() + ".tmp"));
    try {
      Files.write(temp, content);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      TempFiles.delete(temp);
    }
  }

  @Override
  public Optional<byte[]> getSideFile(String key) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(root.resolve(Remote.checkSideKey(key))));
    } catch (NoSuchFileException e) {
      requireRoot();
      return Optional.empty();
    }
  }

  @Override
  public Set<String> listSideFiles(String prefix) throws IOException {
    requireRoot();
    Path dir = root.resolve(Remote.checkSideKey(prefix));
    Set<String> keys = new java.util.TreeSet<>();
    if (Files.isDirectory(dir)) {
      try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
        s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
            .forEach(p -> keys.add(root.relativize(p).toString().replace('\\', '/')));
      }
    }
    return keys;
  }

  @Override
  public void download(Oid oid, Path target, Consumer<Long> bytesDone) throws IOException {
    Path source = pathOf(oid);
    if (!Files.isRegularFile(source)) {
      requireRoot();
      throw new ObjectNotFoundException(oid, location());
    }
    Files.deleteIfExists(target); // it may be a read-only leftover
    copy(source, target, bytesDone);
  }

  @Override
  public InputStream open(Oid oid) throws IOException {
    try {
      return Files.newInputStream(pathOf(oid));
    } catch (NoSuchFileException e) {
      requireRoot();
      throw new ObjectNotFoundException(oid, location());
    } catch (FileSystemException e) {
      requireRoot();
      throw e;
    }
  }

  @Override
  public void list(Consumer<Oid> sink) throws IOException {
    requireRoot();
    listShards(root, "", sink); // legacy xx/
    Path md5 = root.resolve(ObjectLayout.MD5_ROOT);
    if (Files.isDirectory(md5)) {
      listShards(md5, ObjectLayout.MD5_ROOT, sink);
    }
  }

  /** Calls sink for every object file in the two-hex shard directories of {@code dir}. */
  private static void listShards(Path dir, String keyPrefix, Consumer<Oid> sink) throws IOException {
    try (DirectoryStream<Path> shards = Files.newDirectoryStream(dir, p -> isShard(p))) {
      for (Path shard : shards) {
        String shardKey = keyPrefix + shard.getFileName() + "/";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
          for (Path f : files) {
            // oidOf rejects temp files (".xyz.tmp") and anything else that is not an object name.
            ObjectLayout.oidOf(shardKey + f.getFileName()).filter(o -> Files.isRegularFile(f)).ifPresent(sink);
          }
        }
      }
    }
  }

  private static boolean isShard(Path p) {
    return TWO_HEX.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p);
  }

  @Override
  public void delete(Oid oid) throws IOException {
    requireRoot();
    Files.deleteIfExists(pathOf(oid));
  }

  /**
   * Deletes the {@code .<random>.tmp} files that pushes killed outright (kill -9, power loss) left in the shard
   * directories. Only those older than {@code age}: the directory is shared, and a younger one may belong to a
   * push still running on another machine.
   */
  @Override
  public int deleteStaleTemps(Duration age) throws IOException {
    requireRoot();
    FileTime cutoff = FileTime.from(Instant.now().minus(age));
    int deleted = 0;
    for (Path dir : List.of(root, root.resolve(ObjectLayout.MD5_ROOT))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (DirectoryStream<Path> shards = Files.newDirectoryStream(dir, p -> isShard(p))) {
        for (Path shard : shards) {
          try (DirectoryStream<Path> temps = Files.newDirectoryStream(shard, ".*.tmp")) {
            for (Path t : temps) {
              if (Files.getLastModifiedTime(t).compareTo(cutoff) < 0 && Files.deleteIfExists(t)) {
                deleted++;
              }
            }
          }
        }
      }
    }
    return deleted;
  }

  @Override
  public void listRunCache(Consumer<String> sink) throws IOException {
    requireRoot();
    Path runs = root.resolve("runs");
    if (!Files.isDirectory(runs)) {
      return;
    }
    try (var walk = Files.walk(runs, 3)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (RUN_CACHE_FILE.matcher(rel).matches() && Files.isRegularFile(p)) {
          sink.accept(rel);
        }
      }
    }
  }

  @Override
  public void uploadRunCache(String relativePath, Path source) throws IOException {
    requireRoot();
    Path target = root.resolve(Remote.requireRunCacheFile(relativePath));
    Files.createDirectories(target.getParent());
    Path temp = TempFiles.track(target.resolveSibling("." + randomToken() + ".tmp"));
    try {
      copy(source, temp, n -> { });
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      TempFiles.delete(temp);
    }
  }

  @Override
  public void downloadRunCache(String relativePath, Path target) throws IOException {
    Path source = runCacheFile(relativePath);
    Files.deleteIfExists(target);
    copy(source, target, n -> { });
  }

  /** Straight from the file, without the default's temp copy. */
  @Override
  public <T> T readRunCache(String relativePath, BodyReader<T> reader) throws IOException {
    try (InputStream in = Files.newInputStream(runCacheFile(relativePath))) {
      return reader.read(in);
    }
  }

  private Path runCacheFile(String relativePath) throws IOException {
    Path source = root.resolve(Remote.requireRunCacheFile(relativePath));
    if (!Files.isRegularFile(source)) {
      requireRoot();
      throw new NoSuchFileException(relativePath, null, "not on remote '" + name + "'");
    }
    return source;
  }

  /** Local disks gain little beyond a few parallel copies; DVC's 4 x cpu, capped for small machines' sake. */
  @Override
  public int defaultJobs() {
    return Math.min(16, 4 * Runtime.getRuntime().availableProcessors());
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "LocalRemote[" + name + " at " + root + "]";
  }

  private void requireRoot() {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new RemoteUnavailableException("remote '" + name + "': " + root + " is not a directory",
          "point the remote at a directory: 'jdvc remote modify " + name + " url <directory>'", null);
    }
    if (!Files.isDirectory(root)) {
      throw new RemoteUnavailableException(
          "remote '" + name + "': directory " + root + " does not exist",
          "create it (mkdir -p " + root + "), mount it, or fix the remote's url in .dvc/config",
          null);
    }
  }

  private static void copy(Path source, Path target, Consumer<Long> bytesDone) throws IOException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
        FileChannel out =
            FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long size = in.size();
      long pos = 0;
      while (pos < size) {
        long n = in.transferTo(pos, Math.min(CHUNK, size - pos), out);
        if (n <= 0) {
          throw new IOException("short read from " + source + " at byte " + pos + " of " + size);
        }
        pos += n;
        bytesDone.accept(n);
      }
    }
  }

  private static void makeReadOnly(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    } catch (UnsupportedOperationException | IOException e) {
      // As in DVC's protect(): a file system without POSIX modes (or a share that refuses chmod) still works;
      // read-only is a safeguard, not part of the contract.
    }
  }

  private static String randomToken() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  // ---- notes -------------------------------------------------------------------------------------------------

  @Override
  public void putNote(String name, String text) throws IOException {
    requireRoot();
    Path notes = Files.createDirectories(root.resolve(NOTES));
    io.jdvc.AtomicFiles.write(notes.resolve(name), text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public java.util.Map<String, String> notes() throws IOException {
    requireRoot();
    Path notes = root.resolve(NOTES);
    java.util.Map<String, String> found = new java.util.TreeMap<>();
    if (!Files.isDirectory(notes)) {
      return found;
    }
    try (java.util.stream.Stream<Path> s = Files.list(notes)) {
      for (Path p : s.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
        try {
          found.put(p.getFileName().toString(), Files.readString(p));
        } catch (java.nio.file.NoSuchFileException gone) {
          // deleted while we listed: its activity ended
        }
      }
    }
    return found;
  }

  @Override
  public void deleteNote(String name) throws IOException {
    requireRoot();
    Files.deleteIfExists(root.resolve(NOTES).resolve(name));
  }
}
