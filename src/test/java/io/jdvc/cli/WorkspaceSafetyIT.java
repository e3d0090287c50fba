package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkout, pull, push and remove never destroy or spread data: no writes through symlinks, no corrupt cache
 * objects handed on, no lost data after remove and gc with linked outputs, long names and hostile manifests
 * handled before anything is written.
 */
class WorkspaceSafetyIT {
  /** 'hello\n', whose MD5 is b1946ac92492d2347c6235b4d2611184. */
  private static final String HELLO_OBJECT = ".dvc/cache/files/md5/b1/946ac92492d2347c6235b4d2611184";

  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  Path root;

  @BeforeEach
  void setUp() {
    repo = TempGitRepo.create(tmp.resolve("project"));
    root = repo.root();
    jdvc = new CliRunner(root);
    jdvc.ok("init");
    repo.commitAll("init");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private static void assertRefused(CliResult r, String expected) {
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
  }

  // ----------------------------------------------------------------------------------------- symlinks

  /**
   * Tracks directory 'data' holding raw/y = "v1", then replaces {@code linked} ("data/raw" or "data" itself) by a
   * symlink to a directory outside the repository whose 'y' holds another project's data; returns that directory.
   */
  private Path trackDataThenLinkOutside(String linked) throws IOException {
    repo.write("data/raw/y", "v1\n");
    repo.write("data/top", "t\n");
    jdvc.ok("add", "data");
    repo.commitAll("data");
    Path outside = Files.createDirectories(tmp.resolve("bigdisk"));
    Files.writeString(outside.resolve("y"), "other project\n");
    deleteTree(root.resolve(linked));
    Files.createSymbolicLink(root.resolve(linked), outside);
    return outside;
  }

  @ParameterizedTest
  @ValueSource(strings = {"data/raw", "data"})
  void checkoutRefusesToWriteThroughASymlinkedDirectory(String linked) throws IOException {
    Path outside = trackDataThenLinkOutside(linked);

    assertRefused(jdvc.run("checkout"), linked + " (a symlink)");
    assertEquals("other project\n", Files.readString(outside.resolve("y")));
    assertTrue(Files.isSymbolicLink(root.resolve(linked)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"data/raw", "data"})
  void forcedCheckoutReplacesTheSymlinkNotWhatItPointsTo(String linked) throws IOException {
    Path outside = trackDataThenLinkOutside(linked);

    jdvc.ok("checkout", "-f");
    assertEquals("other project\n", Files.readString(outside.resolve("y")));
    assertFalse(Files.isSymbolicLink(root.resolve(linked)));
    assertEquals("v1\n", Files.readString(root.resolve("data/raw/y")));
    assertTrue(jdvc.ok("status").out().contains("up to date"));
  }

  /** Outside the repository, loading the pointer refuses the path; inside, checkout refuses to write through. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void checkoutAndPullNeverWriteBelowASymlinkedParentDirectory(boolean linkLeavesTheRepository)
      throws IOException {
    repo.write("sub/y", "v1\n");
    jdvc.ok("add", "sub/y");
    // a pointer beside 'sub' naming a file inside it: the case where a parent of an output can be a link
    Files.move(root.resolve("sub/y.dvc"), root.resolve("y.dvc"));
    Files.writeString(root.resolve("y.dvc"), Files.readString(root.resolve("y.dvc")).replace("path: y",
        "path: sub/y"));
    Path remote = Files.createDirectories(tmp.resolve("remote"));
    jdvc.ok("remote", "add", "-d", "r", remote.toString());
    jdvc.ok("push");
    Path target = Files.createDirectories(linkLeavesTheRepository ? tmp.resolve("elsewhere")
        : root.resolve("elsewhere"));
    deleteTree(root.resolve("sub"));
    Files.createSymbolicLink(root.resolve("sub"), target);
    String refusal = linkLeavesTheRepository ? "'sub/y' is reached through a symlink that leads outside"
        : "'sub' is a symbolic link";

    assertRefused(jdvc.run("checkout", "-f"), refusal);
    deleteTree(root.resolve(".dvc/cache"));
    assertRefused(jdvc.run("pull", "-f"), refusal);
    assertFalse(Files.exists(target.resolve("y")));
  }

  @Test
  void reAddingASymlinkCheckoutIsANoOpButAnyOtherSymlinkIsRefused() throws IOException {
    jdvc.ok("config", "cache.type", "symlink");
    repo.write("p.bin", "precious\n");
    jdvc.ok("add", "p.bin");
    assertTrue(Files.isSymbolicLink(root.resolve("p.bin")));
    String pointer = Files.readString(root.resolve("p.bin.dvc"));
    assertTrue(jdvc.ok("add", "p.bin").out().contains("Unchanged p.bin"));
    assertEquals(pointer, Files.readString(root.resolve("p.bin.dvc")));

    repo.write("real.txt", "data\n");
    Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("real.txt"));
    assertRefused(jdvc.run("add", "alias.txt"), "'alias.txt' is a symlink");
  }

  @Test
  void addRemovesTempLinksAKilledRunLeftInsideTheDirectory() throws IOException {
    jdvc.ok("config", "cache.type", "symlink");
    repo.write("d/a.txt", "one\n");
    jdvc.ok("add", "d");
    // what a kill -9 between creating a temp link and renaming it over d/b.txt leaves behind
    Path temp = root.resolve("d/.b.txt.jdvc-999999-3.tmp");
    Files.createSymbolicLink(temp, root.resolve("d/a.txt").toRealPath());
    assertTrue(jdvc.ok("add", "d").out().contains("Unchanged d"));
    assertFalse(Files.exists(temp, java.nio.file.LinkOption.NOFOLLOW_LINKS), "the stale temp link is gone");
    assertTrue(Files.exists(root.resolve("d/a.txt")), "the file it pointed to is kept");
  }

  // ------------------------------------------------------------------------------ remove unprotects

  @ParameterizedTest
  @ValueSource(strings = {"symlink", "hardlink"})
  void removeThenGcKeepsLinkedFilesAsIndependentCopies(String linkType) throws IOException {
    jdvc.ok("config", "cache.type", linkType);
    repo.write("p.bin", "precious\n");
    repo.write("d/a", "in a directory\n");
    jdvc.ok("add", "p.bin", "d");
    repo.commitAll("p");
    assertTrue(Files.isSymbolicLink(root.resolve("p.bin")) || linkType.equals("hardlink"));

    jdvc.ok("remove", "p.bin.dvc", "d.dvc");
    for (Path p : new Path[] {root.resolve("p.bin"), root.resolve("d/a")}) {
      assertFalse(Files.isSymbolicLink(p));
      assertEquals(1, (int) Files.getAttribute(p, "unix:nlink"), p + " shares nothing with the cache");
      assertTrue(Files.getPosixFilePermissions(p).contains(PosixFilePermission.OWNER_WRITE),
          p + " is writable like any file of the user's");
    }
    repo.commitAll("rm");
    jdvc.ok("gc", "-w", "-f");

    assertEquals("precious\n", Files.readString(root.resolve("p.bin")));
    assertEquals("in a directory\n", Files.readString(root.resolve("d/a")));
  }

  // -------------------------------------------------------------------------- corrupt cache objects

  private void trackHello() throws IOException {
    repo.write("a.txt", "hello\n");
    jdvc.ok("add", "a.txt");
    repo.commitAll("a");
  }

  /** Overwrites the object of 'hello\n' as a user or a broken tool might: made writable, then written. */
  private Path overwriteHelloObject(String content) throws IOException {
    Path object = root.resolve(HELLO_OBJECT);
    Files.setPosixFilePermissions(object, PosixFilePermissions.fromString("rw-r--r--"));
    Files.writeString(object, content);
    return object;
  }

  @Test
  void checkoutRemovesACorruptObjectInsteadOfWritingIt() throws IOException {
    trackHello();
    overwriteHelloObject("EVIL\n");
    Files.delete(root.resolve("a.txt"));

    CliResult r = jdvc.run("checkout");
    assertRefused(r, "object b1946ac92492d2347c6235b4d2611184 for a.txt is corrupt in the cache");
    assertTrue(r.err().contains("jdvc pull"), r.err());
    assertFalse(Files.exists(root.resolve("a.txt")));
    assertFalse(Files.exists(root.resolve(HELLO_OBJECT)));
    assertFalse(jdvc.run("status").out().contains("up to date"));
  }

  @Test
  void checkoutOfADirectoryNamesTheCorruptFileAndWritesTheRest() throws IOException {
    repo.write("d/a.txt", "hello\n");
    repo.write("d/b.txt", "fine\n");
    jdvc.ok("add", "d");
    repo.commitAll("d");
    overwriteHelloObject("EVIL\n");
    deleteTree(root.resolve("d"));

    assertRefused(jdvc.run("checkout"), "for d/a.txt is corrupt in the cache");
    assertFalse(Files.exists(root.resolve("d/a.txt")));
    assertEquals("fine\n", Files.readString(root.resolve("d/b.txt")));
  }

  @Test
  void pushNeverUploadsACorruptObjectAndPullRestoresAGoodOne() throws IOException {
    trackHello();
    Path good = Files.createDirectories(tmp.resolve("good"));
    jdvc.ok("remote", "add", "good", good.toString());
    jdvc.ok("push", "-r", "good");
    overwriteHelloObject("EVIL\n");

    Path fresh = Files.createDirectories(tmp.resolve("fresh"));
    jdvc.ok("remote", "add", "fresh", fresh.toString());
    assertRefused(jdvc.run("push", "-r", "fresh"), "corrupt in the local cache");
    try (Stream<Path> files = Files.walk(fresh)) {
      assertEquals(0, files.filter(Files::isRegularFile).count());
    }

    Files.delete(root.resolve("a.txt"));
    jdvc.ok("pull", "-r", "good");
    assertEquals("hello\n", Files.readString(root.resolve("a.txt")));
  }

  @Test
  void aWritableButIntactObjectIsUsedAndMadeReadOnlyAgain() throws IOException {
    trackHello();
    Path object = overwriteHelloObject("hello\n");
    Files.delete(root.resolve("a.txt"));

    jdvc.ok("checkout");
    assertEquals("hello\n", Files.readString(root.resolve("a.txt")));
    assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(object)),
        "an intact object checked by its hash is made read-only again");
  }

  // ------------------------------------------------------------------------------------- long names

  /** ASCII 'n' and 2-byte 'é' names of exactly {@code bytes} UTF-8 bytes. */
  private static String[] namesOf(int bytes) {
    return new String[] {"n".repeat(bytes), "é".repeat((bytes - 1) / 2) + "n".repeat(1 + (bytes - 1) % 2)};
  }

  @Test
  void addAndCheckoutHandleNamesAtTheFileSystemLimit() throws IOException {
    for (String name : namesOf(255)) {
      assertEquals(255, name.getBytes(StandardCharsets.UTF_8).length);
      repo.write("d/" + name, "inside " + name.length() + "\n");
    }
    // a single-file output leaves room for ".dvc" on its pointer
    for (String name : namesOf(251)) {
      repo.write(name, "single " + name.length() + "\n");
      jdvc.ok("add", name);
      Files.delete(root.resolve(name));
    }
    jdvc.ok("add", "d");
    deleteTree(root.resolve("d"));

    jdvc.ok("checkout");
    for (String name : namesOf(255)) {
      assertEquals("inside " + name.length() + "\n", Files.readString(root.resolve("d/" + name)));
    }
    for (String name : namesOf(251)) {
      assertEquals("single " + name.length() + "\n", Files.readString(root.resolve(name)));
    }
    assertTrue(jdvc.ok("status").out().contains("up to date"));
  }

  // ------------------------------------------------------------------------------ hostile manifests

  @Test
  void checkoutRejectsAManifestWhereAPathIsBothFileAndDirectoryBeforeWritingAnything() throws Exception {
    repo.write("d/a", "hello\n");
    jdvc.ok("add", "d");
    String manifest = "[{\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"relpath\": \"a\"}, "
        + "{\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"relpath\": \"a/b\"}]";
    String md5 = md5(manifest);
    Path object = root.resolve(".dvc/cache/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2) + ".dir");
    Files.createDirectories(object.getParent());
    Files.writeString(object, manifest);
    Path pointer = root.resolve("d.dvc");
    Files.writeString(pointer, Files.readString(pointer).replaceAll("md5: [0-9a-f]{32}\\.dir",
        "md5: " + md5 + ".dir"));
    deleteTree(root.resolve("d"));

    assertRefused(jdvc.run("checkout", "d"), "'a' is both a file and a directory");
    assertFalse(Files.exists(root.resolve("d"), LinkOption.NOFOLLOW_LINKS));
  }

  private static String md5(String s) throws NoSuchAlgorithmException {
    byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
    return String.format("%032x", new BigInteger(1, d));
  }

  private static void deleteTree(Path p) throws IOException {
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> children = Files.list(p)) {
        for (Path c : children.toList()) {
          deleteTree(c);
        }
      }
    }
    Files.deleteIfExists(p);
  }
}
