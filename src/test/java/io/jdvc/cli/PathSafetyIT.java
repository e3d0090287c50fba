package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths that would let a command write or delete where it must not: pointer files naming {@code .git}, the cache
 * or themselves, outputs tracked twice, move destinations add refuses, and symlinks leading out of the work tree.
 */
class PathSafetyIT {
  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  String dataDirOid;

  @BeforeEach
  void setUp() throws IOException {
    repo = TempGitRepo.create(tmp.resolve("project"));
    jdvc = new CliRunner(repo.root());
    jdvc.ok("init");
    repo.write("data/x", "1\n");
    jdvc.ok("add", "data");
    dataDirOid = read("data.dvc").lines().filter(l -> l.contains("md5:")).findFirst().orElseThrow()
        .replaceAll(".*md5: ", "");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private String read(String rel) throws IOException {
    return Files.readString(repo.path(rel));
  }

  private void pointer(String rel, String outputPath) throws IOException {
    repo.write(rel, "outs:\n- md5: " + dataDirOid + "\n  nfiles: 1\n  hash: md5\n  path: " + outputPath + "\n");
  }

  private static void assertRefused(CliResult r, String... expected) {
    assertEquals(1, r.exitCode(), r.err());
    for (String e : expected) {
      assertTrue(r.err().contains(e), "expected '" + e + "' in: " + r.err());
    }
    assertFalse(r.err().contains("\tat "), "no stack trace without -v: " + r.err());
  }

  private long fileCount(String rel) throws IOException {
    try (Stream<Path> s = Files.walk(repo.path(rel))) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  // ------------------------------------------------------------------------------------ pointer file outputs

  @Test
  void aPointerNamingGitIsRefusedAndForcedCheckoutLeavesGitIntact() throws IOException {
    pointer("evil.dvc", ".git");
    long gitFiles = fileCount(".git");
    assertRefused(jdvc.run("status"), "evil.dvc", "'.git'");
    assertRefused(jdvc.run("checkout", "-f", "evil.dvc"), "evil.dvc", ".git");
    assertEquals(gitFiles, fileCount(".git"));
    jdvc.ok("remove", "evil.dvc");
    assertTrue(jdvc.ok("status").out().contains("up to date"));
  }

  @Test
  void aPointerNamingTheCacheIsRefusedAndForcedCheckoutKeepsTheCache() throws IOException {
    pointer("evil.dvc", ".dvc/cache");
    long cached = fileCount(".dvc/cache");
    assertRefused(jdvc.run("checkout", "-f"), "evil.dvc", "'.dvc/cache'");
    assertEquals(cached, fileCount(".dvc/cache"));
  }

  @Test
  void aPointerNamingItsOwnDirectoryIsRefusedAndDeletesNothing() throws IOException {
    repo.write("sub/notes.txt", "mine\n");
    pointer("sub/evil.dvc", ".");
    assertRefused(jdvc.run("checkout", "-f", "sub/evil.dvc"), "sub/evil.dvc", "contains the .dvc file itself");
    assertEquals("mine\n", read("sub/notes.txt"));
    assertTrue(Files.exists(repo.path("sub/evil.dvc")));
  }

  @Test
  void aPointerNamingTheRepositoryRootIsRefused() throws IOException {
    pointer("evil.dvc", ".");
    assertRefused(jdvc.run("status"), "evil.dvc", "repository root");
  }

  @Test
  void twoPointersForOneOutputAreRefusedNamingBoth() throws IOException {
    pointer("again.dvc", "./data");
    CliResult r = jdvc.run("checkout", "-f");
    assertRefused(r, "again.dvc", "data.dvc", "'data'");
    assertEquals("1\n", read("data/x"));
    jdvc.ok("remove", "again.dvc");
    assertTrue(jdvc.ok("status").out().contains("up to date"));
  }

  @Test
  void anOutputInsideAnotherPointersOutputIsRefused() throws IOException {
    repo.write("inner.dvc", "outs:\n- md5: b026324c6904b2a9cb4b88d6d61c81d1\n  size: 2\n  hash: md5\n  path: data/x\n");
    assertRefused(jdvc.run("status"), "inner.dvc", "data.dvc", "overlap");
    assertRefused(jdvc.run("checkout", "-f"), "overlap");
  }

  // ---------------------------------------------------------------------------------------------- move

  @Test
  void moveRefusesDestinationsAddRefuses() throws IOException {
    repo.write("a.txt", "hi\n");
    repo.write("other/y", "2\n");
    jdvc.ok("add", "a.txt", "other");

    assertRefused(jdvc.run("move", "a.txt", "b.dvc"), "'b.dvc' is a .dvc file");
    assertRefused(jdvc.run("move", "a.txt", "other/a.txt"), "overlaps 'other'");
    assertRefused(jdvc.run("move", "data", ".dvc/data"), "inside .dvc/");
    assertRefused(jdvc.run("move", "data", ".git/data"), "inside .git/");
    assertRefused(jdvc.run("move", "data", "data/sub"), "into itself");
    assertEquals("hi\n", read("a.txt"));
    assertEquals("1\n", read("data/x"));
    assertFalse(Files.exists(repo.path("b.dvc")) || Files.exists(repo.path("other/a.txt")));
    assertTrue(jdvc.ok("status").out().contains("up to date"));
  }

  @Test
  void moveIntoDotDvcDirectoryIsRefused() throws IOException {
    // 'jdvc mv data .dvc' would put the data at .dvc/data because .dvc is a directory
    assertRefused(jdvc.run("move", "data", ".dvc"), "inside .dvc/");
    assertEquals("1\n", read("data/x"));
  }

  // ------------------------------------------------------------------------------------------- symlinks

  @Test
  void addRefusesATargetWhoseDirectoryIsASymlinkOutOfTheRepository() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(outside.resolve("o.txt"), "x\n");
    Files.createSymbolicLink(repo.path("out"), outside);
    assertRefused(jdvc.run("add", "out/o.txt"), "outside the repository");
    try (Stream<Path> s = Files.list(outside)) {
      assertEquals(1, s.count(), "nothing written outside the repository");
    }
  }

  @Test
  void commitRefusesAnOutputReplacedByASymlink() throws IOException {
    repo.write("a.txt", "hello\n");
    jdvc.ok("add", "a.txt");
    Path secret = Files.writeString(tmp.resolve("secret"), "secret\n");
    Files.delete(repo.path("a.txt"));
    Files.createSymbolicLink(repo.path("a.txt"), secret);
    String before = read("a.txt.dvc");
    assertRefused(jdvc.run("commit"), "'a.txt' is a symlink");
    assertEquals(before, read("a.txt.dvc"));
  }

  // ------------------------------------------------------------------------------------------- messages

  @Test
  void addingTheRepositoryRootSaysSo() {
    assertRefused(jdvc.run("add", "."), "'.' is the repository root itself", "inside it");
  }

  @Test
  void aBadOptionValueShowsTheRealCommandName() {
    for (String[] args : new String[][] {{"push", "-j", "0"}, {"pull", "-j", "0"}, {"status", "-c", "-j", "0"}}) {
      CliResult r = jdvc.run(args);
      assertEquals(2, r.exitCode(), r.err());
      assertTrue(r.err().contains("Usage: jdvc " + args[0]), r.err());
      assertTrue(r.err().contains("Run 'jdvc " + args[0] + " --help'"), r.err());
      assertFalse(r.err().contains("<main class>"), r.err());
    }
  }
}
