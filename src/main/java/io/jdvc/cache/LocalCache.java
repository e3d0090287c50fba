package io.jdvc.cache;

import io.jdvc.ProgressListener;
import io.jdvc.TempFiles;
import io.jdvc.AtomicFiles;
import io.jdvc.hash.FileHasher;
import io.jdvc.object.ObjectLayout;
import io.jdvc.object.Oid;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The local object cache ({@code .dvc/cache} by default) in DVC's layout. Objects are immutable, read-only (0444)
 * and written temp-then-rename, so a killed process leaves at most a stale {@code .*.tmp} file, never a
 * half-written object. Thread-safe: concurrent inserts of the same object are harmless because content is
 * addressed.
 */
public final class LocalCache {
  private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r--r--");
  private static final String TMP_SUFFIX = ".tmp";
  /**
   * Workspace temp files are {@code .<name>.jdvc-<pid>-<n>.tmp}: recognisable, so a walk can skip one that a
   * killed checkout left behind.
   */
  public static final String WORKSPACE_TEMP_MARK = ".jdvc-";
  private static final java.util.concurrent.atomic.AtomicLong TEMP_COUNTER =
      new java.util.concurrent.atomic.AtomicLong();
  private final Set<Path> knownDirs = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Below this size a single thread that hashes while it copies is cheaper than a second thread. */
  private static final long PARALLEL_COPY_THRESHOLD = 16L << 20;
  /** One kernel copy call: a system call per 16 MiB costs nothing measurable and lets a bar move ~20 times/GiB. */
  private static final long COPY_STEP = 16L << 20;

  /** DVC's {@code LocalHashFileDB} dir mode with {@code cache.shared = group}: group-writable and setgid. */
  private static final int SHARED_DIR_MODE = 02775;

  private final Path root;
  private final boolean shared;
  private volatile BiConsumer<Oid, byte[]> sha256Listener;

  public LocalCache(Path root) {
    this(root, false);
  }

  /**
   * With {@code shared} ({@code cache.shared = group}), every directory the cache creates gets mode 2775 and
   * every object an explicit 0444, whatever the umask, so that the whole group can use the cache.
   */
  public LocalCache(Path root, boolean shared) {
    this.root = root;
    this.shared = shared;
  }

  /**
   * Asks every later insert of a DVC 3.x object to also compute the SHA-256 of its bytes, from the same buffer
   * as the MD5, and hand it to {@code listener} (for the tamper-evidence record); null stops it. Thread-safe.
   */
  public void onInsertSha256(BiConsumer<Oid, byte[]> listener) {
    this.sha256Listener = listener;
  }

  private MessageDigest sha256For(boolean legacy) {
    if (legacy || sha256Listener == null) {
      return null;
    }
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  private void reportSha256(Oid oid, MessageDigest sha) {
    BiConsumer<Oid, byte[]> listener = sha256Listener;
    if (sha != null && listener != null) {
      listener.accept(oid, sha.digest());
    }
  }

  public Path root() {
    return root;
  }

  public Path pathOf(Oid oid) {
    return root.resolve(ObjectLayout.keyOf(oid));
  }

  public boolean contains(Oid oid) {
    return Files.exists(pathOf(oid));
  }

  /** What {@link #check(Oid)} found. */
  public enum ObjectCheck {
    INTACT,
    ABSENT,
    /** The file did not hash to its name and was deleted: the object is absent now. */
    CORRUPT_REMOVED
  }

  /** Whether the object is present and intact, as {@link #check(Oid)} decides; a corrupt one is deleted. */
  public boolean verify(Oid oid) throws IOException {
    return check(oid) == ObjectCheck.INTACT;
  }

  /**
   * Checks an object before it is handed on (to the workspace, a remote). Like DVC, a 0444 file is trusted
   * without re-hashing (only jdvc and DVC make such files), so the usual cost is one stat; any other file is
   * re-hashed, deleted if it does not match, and made 0444 if it does.
   */
  public ObjectCheck check(Oid oid) throws IOException {
    Path p = pathOf(oid);
    if (!Files.exists(p)) {
      // answered without an exception: a fetch into an empty cache asks this for 20k absent objects, and two
      // exceptions with stack traces per miss cost it a second
      return ObjectCheck.ABSENT;
    }
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(p);
    } catch (NoSuchFileException e) {
      return ObjectCheck.ABSENT;
    } catch (UnsupportedOperationException e) {
      return Files.exists(p) ? ObjectCheck.INTACT : ObjectCheck.ABSENT; // no modes to tell by: as DVC on Windows
    }
    if (perms.equals(READ_ONLY)) {
      return ObjectCheck.INTACT;
    }
    Oid actual = FileHasher.hash(p, oid.legacy());
    if (!actual.value().equals(oid.md5())) {
      delete(oid);
      return ObjectCheck.CORRUPT_REMOVED;
    }
    protect(p);
    return ObjectCheck.INTACT;
  }

  /**
   * Hashes {@code source} while copying it into a temp file, then moves the copy into place: each byte is read
   * once. Returns the object id; an object that was already cached is left untouched.
   */
  public Oid insertFile(Path source, boolean legacy) throws IOException {
    return insertFile(source, Files.size(source), legacy);
  }

  /** As {@link #insertFile(Path, boolean)} for a caller that already knows the size from its walk. */
  public Oid insertFile(Path source, long size, boolean legacy) throws IOException {
    return insertFile(source, size, legacy, ProgressListener.NONE);
  }

  /** As {@link #insertFile(Path, long, boolean)}, reporting the bytes hashed to {@code progress} as it goes. */
  public Oid insertFile(Path source, long size, boolean legacy, ProgressListener progress) throws IOException {
    Path dir = ensureDirectory(root.resolve(ObjectLayout.MD5_ROOT));
    // created read-only in the same open that writes it: one system call instead of create, open and chmod
    Path tmp = TempFiles.track(dir.resolve(tempName()));
    boolean committed = false;
    try {
      MessageDigest sha = sha256For(legacy);
      Oid oid;
      if (size < PARALLEL_COPY_THRESHOLD) {
        try (InputStream in = Files.newInputStream(source); OutputStream out = createReadOnly(tmp)) {
          oid = FileHasher.hash(in, legacy, out, sha, progress);
        }
      } else {
        // Large files: one read pass, the MD5 on this thread, the SHA-256 and a write that bypasses the page
        // cache on a second one (BigFileCopy, ADR 0005)
        oid = BigFileCopy.copy(source, tmp, legacy, sha, progress);
      }
      if (Files.size(tmp) != size) {
        throw new IOException("'" + source + "' changed while it was being added; add it again");
      }
      committed = commitTemp(tmp, oid, size < PARALLEL_COPY_THRESHOLD);
      reportSha256(oid, sha);
      return oid;
    } finally {
      TempFiles.release(tmp, committed);
    }
  }

  /**
   * Copies {@code size} bytes in the kernel (copy_file_range or sendfile), never through a Java buffer, in
   * steps of {@link #COPY_STEP} so that {@code progress} hears of a big copy as it goes.
   */
  private static void kernelCopy(Path source, Path target, long size, ProgressListener progress)
      throws IOException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
        FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long pos = 0;
      while (pos < size) {
        long n = in.transferTo(pos, Math.min(COPY_STEP, size - pos), out);
        if (n <= 0) {
          break;
        }
        pos += n;
        progress.advance(0, n);
      }
    }
  }

  /** Writes an object's content to a stream. */
  @FunctionalInterface
  public interface ContentWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Stores content produced by {@code writer}, hashing it as it is written, so a large directory manifest is
   * never held in memory whole. {@code dir} gives the id the {@code .dir} suffix. Returns the id.
   */
  public Oid insertWritten(ContentWriter writer, boolean dir, boolean legacy) throws IOException {
    Path tmp = newTempFile();
    boolean committed = false;
    try {
      MessageDigest md5 = io.jdvc.hash.Md5.newDigest();
      MessageDigest sha = sha256For(legacy);
      try (OutputStream file = Files.newOutputStream(tmp);
          OutputStream out = new java.security.DigestOutputStream(
              sha == null ? file : new java.security.DigestOutputStream(file, sha), md5)) {
        writer.writeTo(out);
      }
      String hex = io.jdvc.hash.Md5.hex(md5);
      Oid oid = dir ? Oid.ofDir(hex, legacy) : Oid.parse(hex, legacy);
      committed = commitTemp(tmp, oid);
      reportSha256(oid, sha);
      return oid;
    } finally {
      TempFiles.release(tmp, committed);
    }
  }

  /** Stores bytes whose id the caller computed (directory manifests). */
  public void insertBytes(Oid oid, byte[] content) throws IOException {
    MessageDigest sha = sha256For(oid.legacy());
    if (sha != null) {
      sha.update(content);
      reportSha256(oid, sha);
    }
    if (contains(oid)) {
      return;
    }
    Path tmp = newTempFile();
    try {
      Files.write(tmp, content);
      commitTemp(tmp, oid);
    } finally {
      TempFiles.delete(tmp);
    }
  }

  /**
   * Moves a downloaded temp file into the cache after checking that its content really is {@code expected}.
   * On a mismatch the temp file is deleted and {@link CorruptObjectException} names where it came from.
   */
  public void adopt(Oid expected, Path tmp, String source) throws IOException {
    try {
      Oid actual = FileHasher.hash(tmp, expected.legacy());
      Oid comparable = expected.isDir() ? Oid.ofDir(actual.value(), expected.legacy()) : actual;
      if (!comparable.equals(expected)) {
        throw new CorruptObjectException(expected, actual, source);
      }
      commitTemp(tmp, expected);
    } finally {
      TempFiles.delete(tmp);
    }
  }

  /**
   * Stores a downloaded stream as object {@code expected}, hashing while writing so each byte is handled once;
   * the object appears in the cache only if the content matches, otherwise {@link CorruptObjectException}
   * names {@code source}. Returns the number of bytes written.
   */
  public long insertStream(Oid expected, InputStream in, String source) throws IOException {
    return insertStream(expected, in, source, null);
  }

  /**
   * As {@link #insertStream(Oid, InputStream, String)}, also writing every byte to {@code copy} (may be null);
   * the caller publishes the copy once this returns, as only then are the bytes known to be right.
   */
  public long insertStream(Oid expected, InputStream in, String source, WorkspaceCopy copy) throws IOException {
    Path dir = ensureDirectory(root.resolve(ObjectLayout.MD5_ROOT));
    Path tmp = TempFiles.track(dir.resolve(tempName()));
    boolean committed = false;
    try {
      Oid actual;
      try (OutputStream file = createReadOnly(tmp);
          OutputStream out = copy == null ? file : new Tee(file, copy.channel())) {
        actual = FileHasher.hash(in, expected.legacy(), out);
      }
      long size = Files.size(tmp);
      Oid comparable = expected.isDir() ? Oid.ofDir(actual.value(), expected.legacy()) : actual;
      if (!comparable.equals(expected)) {
        throw new CorruptObjectException(expected, actual, source);
      }
      committed = commitTemp(tmp, expected, true);
      return size;
    } finally {
      TempFiles.release(tmp, committed);
    }
  }

  /** Writes to a stream and, at the same time, to a copy's channel. Closing closes the stream only. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final FileChannel second;

    Tee(OutputStream first, FileChannel second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b, off, len);
      while (bb.hasRemaining()) {
        second.write(bb);
      }
    }

    @Override
    public void close() throws IOException {
      first.close();
    }
  }

  /** A new file created read-only (0444 under the usual umask) in the same open that writes it: no chmod. */
  private static OutputStream createReadOnly(Path p) throws IOException {
    return java.nio.channels.Channels.newOutputStream(Files.newByteChannel(p,
        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(READ_ONLY)));
  }

  /**
   * Moves a temp file into the cache whose content the caller has already hashed to {@code oid} while writing
   * it (a parallel ranged download). Never call it with unverified bytes.
   */
  public void insertVerified(Oid oid, Path tmp) throws IOException {
    try {
      commitTemp(tmp, oid);
    } finally {
      TempFiles.delete(tmp);
    }
  }

  /** A fresh temp file on the cache's file system, so that the final move is a rename. */
  public Path newTempFile() throws IOException {
    Path dir = ensureDirectory(root.resolve(ObjectLayout.MD5_ROOT));
    return Files.createFile(TempFiles.track(dir.resolve(tempName())));
  }

  /** Unique within this process by a counter and across processes by the pid: cheaper than a random UUID. */
  private static String tempName() {
    return "." + ProcessHandle.current().pid() + "-" + TEMP_COUNTER.incrementAndGet() + TMP_SUFFIX;
  }

  /** Creates a directory once per cache instance: adding 20k files must not ask the file system 20k times. */
  private Path ensureDirectory(Path dir) throws IOException {
    if (!knownDirs.contains(dir)) {
      if (shared) {
        createSharedDirectories(dir);
      } else {
        Files.createDirectories(dir);
      }
      knownDirs.add(dir);
    }
    return dir;
  }

  /**
   * Creates {@code dir} and its missing parents with mode 2775 set explicitly (a umask would clear bits of a
   * mode given at creation), as dvc-objects' {@code makedirs(path, mode=0o2775)} does.
   */
  private static void createSharedDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      createSharedDirectories(parent);
    }
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      return; // another thread or process made it
    }
    Files.setAttribute(dir, "unix:mode", SHARED_DIR_MODE);
  }

  /** Moves the temp file into place; returns false when the object already existed (the temp file remains). */
  private boolean commitTemp(Path tmp, Oid oid) throws IOException {
    return commitTemp(tmp, oid, false);
  }

  private boolean commitTemp(Path tmp, Oid oid, boolean createdReadOnly) throws IOException {
    Path target = pathOf(oid);
    if (Files.exists(target)) {
      return false;
    }
    ensureDirectory(target.getParent());
    if (!createdReadOnly || shared) {
      protect(tmp); // explicit 0444: a file created 0444 loses group and other read bits under a strict umask
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      return false; // another thread or process stored the same content first
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return true;
  }

  private static void protect(Path p) {
    try {
      Files.setPosixFilePermissions(p, READ_ONLY);
    } catch (IOException | UnsupportedOperationException e) {
      // DVC ignores this too: a writable cache file is merely re-hashed on verify
    }
  }

  /**
   * Removes temp files left by a killed process. Call only while holding the repository lock. The repository lock
   * does not cover a cache shared by several repositories ({@code cache.dir}), so a temp file is only removed when
   * its writer is gone: the pid in jdvc's names ({@code .<pid>-<n>.tmp}) is not running, or, for a name without
   * one, the file has not changed for {@link #FOREIGN_TEMP_AGE}.
   */
  public int removeStaleTempFiles() throws IOException {
    Path dir = root.resolve(ObjectLayout.MD5_ROOT);
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*" + TMP_SUFFIX)) {
      for (Path p : ds) {
        if (isAbandoned(p) && Files.deleteIfExists(p)) {
          removed++;
        }
      }
    }
    return removed;
  }

  /** How long a temp file without a pid in its name must stay unchanged before it counts as abandoned. */
  static final java.time.Duration FOREIGN_TEMP_AGE = java.time.Duration.ofHours(1);

  private static boolean isAbandoned(Path temp) throws IOException {
    String name = temp.getFileName().toString();
    int dash = name.indexOf('-');
    if (dash > 1) {
      try {
        long pid = Long.parseLong(name.substring(1, dash));
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
      } catch (NumberFormatException notJdvcs) {
        // another tool's temp file: judged by age below
      }
    }
    try {
      return Files.getLastModifiedTime(temp).toInstant()
          .isBefore(java.time.Instant.now().minus(FOREIGN_TEMP_AGE));
    } catch (NoSuchFileException gone) {
      return false;
    }
  }

  /**
   * Materialises object {@code oid} at {@code target}, trying the link types in order (reflink is not available
   * from Java and is skipped, as DVC skips a type the file system refuses). The target is replaced atomically:
   * the link or copy is made under a temp name beside it and renamed over it.
   */
  public LinkType linkOut(Oid oid, Path target, List<LinkType> types) throws IOException {
    return linkOut(oid, target, types, ProgressListener.NONE);
  }

  /**
   * As {@link #linkOut(Oid, Path, List)}, reporting the bytes of a copy to {@code progress} as they are written;
   * a link writes no bytes, so it reports the object's size at once.
   */
  public LinkType linkOut(Oid oid, Path target, List<LinkType> types, ProgressListener progress)
      throws IOException {
    Path source = pathOf(oid);
    if (!Files.exists(source)) {
      throw new NoSuchFileException(source.toString(), null, "object " + oid + " is not in the cache");
    }
    Files.createDirectories(target.getParent());
    Path tmp = TempFiles.track(workspaceTempFor(target));
    try {
      LinkType made = linkVia(source, tmp, target, types, progress);
      if (made != LinkType.COPY) {
        progress.advance(0, Files.size(source));
      }
      return made;
    } finally {
      TempFiles.delete(tmp);
    }
  }

  /**
   * A fresh temp name beside a workspace file: {@code .<name>.jdvc-<pid>-<n>.tmp}, the name cut short if the
   * whole would exceed the file name limit.
   */
  static Path workspaceTempFor(Path target) {
    return AtomicFiles.tempBeside(target, WORKSPACE_TEMP_MARK + ProcessHandle.current().pid() + "-"
        + TEMP_COUNTER.incrementAndGet() + TMP_SUFFIX);
  }

  private LinkType linkVia(Path source, Path tmp, Path target, List<LinkType> types, ProgressListener progress)
      throws IOException {
    for (LinkType type : types) {
      try {
        switch (type) {
          case REFLINK:
            continue;
          case HARDLINK:
            Files.createLink(tmp, source);
            break;
          case SYMLINK:
            Files.createSymbolicLink(tmp, source.toAbsolutePath());
            break;
          case COPY:
            copyWritable(source, tmp, progress);
            break;
          default:
            throw new IllegalStateException(type.name());
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return type;
      } catch (UnsupportedOperationException | IOException e) {
        Files.deleteIfExists(tmp);
        if (type == LinkType.COPY) {
          throw e instanceof IOException io ? io : new IOException(e);
        }
      }
    }
    // no configured type worked: DVC falls back to copy as the last resort
    copyWritable(source, tmp, progress);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return LinkType.COPY;
  }

  /**
   * Makes {@code file} an independent, writable copy if it is a link to object {@code oid} (a symlink to it or a
   * hardlink of it, as {@code cache.type} symlink or hardlink make them), replacing it atomically through a temp
   * file beside it: DVC's "unprotect", so that the file survives the object's removal by gc. Returns whether it
   * was such a link.
   */
  public boolean unlinkOut(Oid oid, Path file) throws IOException {
    Path object = pathOf(oid);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || !Files.exists(object)
        || !Files.isSameFile(file, object)) {
      return false;
    }
    Path tmp = TempFiles.track(workspaceTempFor(file));
    try {
      copyWritable(object, tmp, ProgressListener.NONE);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      TempFiles.delete(tmp);
    }
    return true;
  }

  /**
   * A kernel copy into a new file with the default (writable) mode, as DVC's shutil.copyfile does: the cache's
   * read-only mode is not copied, so no chmod is needed per file.
   */
  private static void copyWritable(Path source, Path target, ProgressListener progress) throws IOException {
    kernelCopy(source, target, Files.size(source), progress);
  }

  /** Workspace copies are writable, as DVC's shutil.copyfile makes them (mode 0644 under the usual umask). */
  private static void makeWritable(Path p) {
    try {
      Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(p));
      perms.add(PosixFilePermission.OWNER_WRITE);
      Files.setPosixFilePermissions(p, perms);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort on file systems without POSIX modes
    }
  }

  public void delete(Oid oid) throws IOException {
    Path p = pathOf(oid);
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      makeWritable(p);
      Files.deleteIfExists(p); // another thread may have deleted the same corrupt object meanwhile
    }
  }

  public long size(Oid oid) throws IOException {
    return Files.size(pathOf(oid));
  }

  /** Every object in both the 3.x and the legacy layout; temp files and the run cache are skipped. */
  public void list(Consumer<Oid> sink) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          String rel = relative(dir);
          return rel.equals("runs") || rel.equals("fs") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          ObjectLayout.oidOf(relative(file)).ifPresent(sink);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private String relative(Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }
}
