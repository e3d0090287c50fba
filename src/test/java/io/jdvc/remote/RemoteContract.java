package io.jdvc.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.object.ObjectInfo;
import io.jdvc.object.ObjectLayout;
import io.jdvc.object.Oid;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link Remote} must have, run against each real implementation (restic's backend suite,
 * DVC's TestRemote). A subclass supplies a fresh, empty remote per test and a way to look at the backing store
 * without going through the remote.
 */
public abstract class RemoteContract {
  @TempDir protected Path tmp;
  protected Remote remote;
  private final Random random = new Random(42);
  private int files;

  /** A new, empty remote; closed after the test. */
  protected abstract Remote newRemote() throws Exception;

  /** Whether the backing store holds {@code relativeKey} (relative to the remote root), bypassing the remote. */
  protected abstract boolean rawExists(String relativeKey) throws Exception;

  /**
   * Whether the store can list its objects. An HTTP server cannot (nor can DVC's http remote): the listing test is
   * skipped, and such a subclass overrides {@link #listAll} to look at the backing store directly.
   */
  protected boolean canList() {
    return true;
  }

  /** Big enough to take the implementation's large-file path (e.g. S3 multipart with a small part size). */
  protected int largeFileSize() {
    return 12 << 20;
  }

  @BeforeEach
  void openRemote() throws Exception {
    remote = newRemote();
  }

  @AfterEach
  void closeRemote() {
    remote.close();
  }

  // ---- fixtures ----

  /** A file in the temp dir with the given bytes. */
  protected Path file(byte[] content) throws IOException {
    Path p = tmp.resolve("f" + files++);
    Files.write(p, content);
    return p;
  }

  protected byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  protected static Oid oidOf(byte[] content) {
    return Oid.parse(DigestUtils.md5Hex(content));
  }

  /** Uploads content under its own MD5 (as the cache does) and returns the oid. */
  protected Oid put(byte[] content) throws IOException {
    Oid oid = oidOf(content);
    remote.upload(oid, file(content), n -> {});
    return oid;
  }

  protected byte[] read(Oid oid) throws IOException {
    try (InputStream in = remote.open(oid)) {
      return in.readAllBytes();
    }
  }

  protected Set<Oid> listAll() throws IOException {
    Set<Oid> all = new HashSet<>();
    remote.list(all::add);
    return all;
  }

  private static Oid absent(int i) {
    return Oid.parse(DigestUtils.md5Hex("absent-" + i));
  }

  // ---- the contract ----

  @Test
  void uploadedObjectHasItsSizeAndNoWrongMd5() throws Exception {
    byte[] content = randomBytes(1234);
    Oid oid = put(content);
    ObjectInfo info = remote.stat(oid).orElseThrow();
    assertEquals(1234, info.size());
    if (info.hasMd5()) {
      assertEquals(oid.md5(), info.md5());
    }
  }

  @Test
  void statOfAbsentObjectIsEmpty() throws Exception {
    assertEquals(Optional.empty(), remote.stat(absent(1)));
  }

  @Test
  void objectsLandAtTheirLayoutKeys() throws Exception {
    byte[] content = randomBytes(100);
    Oid current = put(content);
    Oid legacy = Oid.parse(DigestUtils.md5Hex("legacy"), true);
    remote.upload(legacy, file(randomBytes(10)), n -> {});
    byte[] manifest = "[{\"md5\": \"x\", \"relpath\": \"a\"}]".getBytes();
    Oid dir = Oid.ofDir(DigestUtils.md5Hex(manifest), false);
    remote.upload(dir, file(manifest), n -> {});

    assertTrue(rawExists("files/md5/" + current.value().substring(0, 2) + "/" + current.value().substring(2)));
    assertTrue(rawExists(legacy.value().substring(0, 2) + "/" + legacy.value().substring(2)));
    assertTrue(rawExists(ObjectLayout.keyOf(dir)));
    assertTrue(ObjectLayout.keyOf(dir).endsWith(".dir"));
  }

  @Test
  void legacyAndCurrentLayoutsAreSeparateNamespaces() throws Exception {
    byte[] content = randomBytes(64);
    Oid current = put(content);
    Oid legacy = current.withLegacy(true);
    assertEquals(Optional.empty(), remote.stat(legacy));
    assertEquals(Set.of(current), remote.existing(List.of(current, legacy)));

    remote.upload(legacy, file(content), n -> {});
    remote.delete(current);
    assertEquals(Optional.empty(), remote.stat(current));
    assertEquals(64, remote.stat(legacy).orElseThrow().size());
    assertArrayEquals(content, read(legacy));
  }

  @Test
  void downloadWritesExactBytesAndReplacesTarget() throws Exception {
    byte[] content = randomBytes(70_000);
    Oid oid = put(content);
    Path target = tmp.resolve("download");
    Files.write(target, randomBytes(10));
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
    AtomicLong progress = new AtomicLong();
    remote.download(oid, target, progress::addAndGet);
    assertArrayEquals(content, Files.readAllBytes(target));
    assertEquals(content.length, progress.get());
  }

  @Test
  void downloadOfAbsentObjectThrowsObjectNotFound() {
    Oid oid = absent(2);
    ObjectNotFoundException e =
        assertThrows(ObjectNotFoundException.class, () -> remote.download(oid, tmp.resolve("t"), n -> {}));
    assertEquals(oid, e.oid());
  }

  @Test
  void openStreamsExactBytesAndFailsForAbsentObject() throws Exception {
    byte[] content = randomBytes(5000);
    Oid oid = put(content);
    assertArrayEquals(content, read(oid));
    assertThrows(ObjectNotFoundException.class, () -> remote.open(absent(3)).close());
  }

  @Test
  void emptyFileRoundTrips() throws Exception {
    Oid oid = put(new byte[0]);
    assertEquals("d41d8cd98f00b204e9800998ecf8427e", oid.value());
    assertEquals(0, remote.stat(oid).orElseThrow().size());
    Path target = tmp.resolve("empty");
    remote.download(oid, target, n -> {});
    assertEquals(0, Files.size(target));
  }

  @Test
  void existingReturnsExactlyThePresentSubset() throws Exception {
    Oid a = put(randomBytes(10));
    Oid b = put(randomBytes(11));
    assertEquals(Set.of(), remote.existing(List.of()));
    assertEquals(Set.of(a, b), remote.existing(List.of(a, absent(4), b, absent(5), a)));
  }

  @Test
  void reuploadIsIdempotent() throws Exception {
    byte[] content = randomBytes(3000);
    Oid oid = put(content);
    remote.upload(oid, file(content), n -> {});
    assertEquals(3000, remote.stat(oid).orElseThrow().size());
    assertArrayEquals(content, read(oid));
    assertEquals(Set.of(oid), listAll());
  }

  @Test
  void deleteRemovesTheObjectAndIgnoresAbsentOnes() throws Exception {
    Oid keep = put(randomBytes(20));
    Oid gone = put(randomBytes(21));
    remote.delete(gone);
    remote.delete(gone);
    remote.delete(absent(6));
    assertEquals(Optional.empty(), remote.stat(gone));
    assertEquals(Set.of(keep), listAll());
  }

  @Test
  void listFindsEveryObjectInBothLayoutsAndNothingOnAnEmptyRemote() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(canList(), "this store cannot be listed");
    assertEquals(Set.of(), listAll());
    Set<Oid> expected = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      expected.add(put(randomBytes(5 + i)));
    }
    Oid legacy = Oid.parse(DigestUtils.md5Hex("legacy-list"), true);
    remote.upload(legacy, file(randomBytes(7)), n -> {});
    expected.add(legacy);
    byte[] manifest = "[]".getBytes();
    Oid dir = Oid.ofDir(DigestUtils.md5Hex(manifest), false);
    remote.upload(dir, file(manifest), n -> {});
    expected.add(dir);
    assertEquals(expected, listAll());
  }

  @Test
  void burstOfConcurrentSmallUploadsIsFullyVisible() throws Exception {
    int n = 300;
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      contents.add(randomBytes(200 + i));
    }
    List<Path> paths = new ArrayList<>();
    for (byte[] c : contents) {
      paths.add(file(c));
    }
    Set<Oid> uploaded = ConcurrentHashMap.newKeySet();
    ExecutorService workers = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // Every tenth object goes to the legacy layout, so existence checks mix both.
        Oid oid = i % 10 == 0 ? oidOf(contents.get(i)).withLegacy(true) : oidOf(contents.get(i));
        Path p = paths.get(i);
        fs.add(workers.submit(() -> {
          remote.upload(oid, p, x -> {});
          uploaded.add(oid);
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      workers.shutdownNow();
    }
    List<Oid> asked = new ArrayList<>(uploaded);
    for (int i = 0; i < 100; i++) {
      asked.add(absent(100 + i));
    }
    assertEquals(uploaded, remote.existing(asked));
    assertEquals(uploaded, listAll());
  }

  @Test
  void largeFileRoundTripsWithProgress() throws Exception {
    byte[] content = randomBytes(largeFileSize());
    Oid oid = oidOf(content);
    AtomicLong up = new AtomicLong();
    remote.upload(oid, file(content), up::addAndGet);
    assertEquals(content.length, up.get());
    assertEquals(content.length, remote.stat(oid).orElseThrow().size());
    Path target = tmp.resolve("large");
    AtomicLong down = new AtomicLong();
    remote.download(oid, target, down::addAndGet);
    assertEquals(content.length, down.get());
    assertEquals(oid.value(), DigestUtils.md5Hex(Files.readAllBytes(target)));
  }

  @Test
  void contentIsNotModifiedBySourceChangesAfterUpload() throws Exception {
    byte[] content = randomBytes(100);
    Oid oid = oidOf(content);
    Path source = file(content);
    remote.upload(oid, source, n -> {});
    Files.write(source, randomBytes(100));
    assertArrayEquals(content, read(oid));
    assertFalse(remote.location().isEmpty());
  }

  // ---- run cache ----

  private static String runFile(char keyChar, char valueChar) {
    String key = String.valueOf(keyChar).repeat(64);
    return "runs/" + key.substring(0, 2) + "/" + key + "/" + String.valueOf(valueChar).repeat(64);
  }

  private List<String> runFiles() throws IOException {
    List<String> found = new ArrayList<>();
    remote.listRunCache(found::add);
    found.sort(null);
    return found;
  }

  @Test
  void runCacheFilesRoundTripBesideTheObjects() throws Exception {
    if (canList()) {
      assertEquals(List.of(), runFiles());
    }
    byte[] a = "cmd: echo a\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] b = "cmd: echo b\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    remote.uploadRunCache(runFile('a', '1'), file(a));
    remote.uploadRunCache(runFile('a', '2'), file(b));
    remote.uploadRunCache(runFile('b', '1'), file(b));
    remote.uploadRunCache(runFile('b', '1'), file(b)); // again: replaces
    assertTrue(rawExists(runFile('a', '1')), "DVC's layout: <remote>/runs/<key[:2]>/<key>/<value>");
    if (canList()) { // an HTTP server cannot be listed: its run cache neither
      assertEquals(List.of(runFile('a', '1'), runFile('a', '2'), runFile('b', '1')), runFiles());
      assertEquals(Set.of(), listAll(), "run-cache files are not objects");
    }
    Path target = tmp.resolve("run");
    remote.downloadRunCache(runFile('a', '2'), target);
    assertArrayEquals(b, Files.readAllBytes(target));
    assertThrows(java.nio.file.NoSuchFileException.class,
        () -> remote.downloadRunCache(runFile('c', '1'), tmp.resolve("none")));
    assertArrayEquals(b, remote.readRunCache(runFile('a', '2'), java.io.InputStream::readAllBytes));
    assertThrows(java.nio.file.NoSuchFileException.class, () -> remote.readRunCache(runFile('c', '1'), in -> null));
  }

  @Test
  void nothingOutsideRunsIsWrittenAsARunCacheFile() throws Exception {
    Path source = file(new byte[] {1});
    for (String bad : List.of("runs/../x", "files/md5/ab/cdef", "runs/ab/" + "c".repeat(64) + "/" + "d".repeat(64),
        runFile('a', '1') + "/x")) {
      assertThrows(IllegalArgumentException.class, () -> remote.uploadRunCache(bad, source), bad);
    }
  }
}
