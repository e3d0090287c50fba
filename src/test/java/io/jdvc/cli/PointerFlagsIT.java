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
 * Pointer keys that change what jdvc does with an output, as DVC's {@code Output} reads them: {@code cache: false},
 * {@code push: false}, repository imports ({@code deps: - repo:}) and {@code wdir}.
 */
class PointerFlagsIT {
  /** md5 of "hello\n". */
  static final String HELLO = "b1946ac92492d2347c6235b4d2611184";

  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  Path root;
  Path remote;

  @BeforeEach
  void setUp() throws IOException {
    repo = TempGitRepo.create(tmp.resolve("project"));
    root = repo.root();
    jdvc = new CliRunner(root);
    jdvc.ok("init");
    remote = Files.createDirectories(tmp.resolve("remote"));
    jdvc.ok("remote", "add", "-d", "store", remote.toString());
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private static String pointer(String path, String extra) {
    return "outs:\n- md5: " + HELLO + "\n  size: 6\n  hash: md5\n  path: " + path + "\n" + extra;
  }

  private long remoteObjects() throws IOException {
    try (Stream<Path> files = Files.walk(remote)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void uncachedOutputIsCheckedAgainstTheWorkspaceOnly() throws IOException {
    repo.write("e.txt", "hello\n");
    repo.write("e.txt.dvc", pointer("e.txt", "  cache: false\n"));
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());
    repo.write("e.txt", "changed\n");
    assertTrue(jdvc.ok("status").out().contains("modified:           e.txt"), jdvc.run("status").out());
  }

  @Test
  void checkoutLeavesADeletedUncachedOutputAloneAndSucceeds() throws IOException {
    repo.write("e.txt.dvc", pointer("e.txt", "  cache: false\n"));
    assertTrue(jdvc.ok("status").out().contains("deleted:            e.txt"));
    jdvc.ok("checkout");
    assertFalse(Files.exists(root.resolve("e.txt")), "DVC never writes an uncached output on checkout");
  }

  /**
   * Tracks a.txt as usual and {@code name} ("hello\n") through {@code pointerText}, committing it into the cache
   * if {@code commit}; pushes, and checks that only a.txt's object went and that status -c agrees.
   */
  private void pushBesideACachedFile(String name, String pointerText, boolean commit) throws IOException {
    repo.write("a.txt", "cached\n");
    jdvc.ok("add", "a.txt");
    repo.write(name, "hello\n");
    repo.write(name + ".dvc", pointerText);
    if (commit) {
      jdvc.ok("commit", name + ".dvc");
    }
    jdvc.ok("push");
    assertEquals(1, remoteObjects(), "only a.txt's object is pushed");
    assertEquals("Cache and remote 'store' are in sync.\n", jdvc.ok("status", "-c").out());
  }

  @Test
  void transfersIgnoreUncachedOutputs() throws IOException {
    pushBesideACachedFile("e.txt", pointer("e.txt", "  cache: false\n"), false);
    jdvc.ok("pull");
    assertEquals("hello\n", Files.readString(root.resolve("e.txt")));
  }

  @Test
  void pushAndCloudStatusSkipOutputsThatAreNeverPushed() throws IOException {
    pushBesideACachedFile("p.txt", pointer("p.txt", "  push: false\n"), true);
  }

  private static final String IMPORT = "md5: 0123456789abcdef0123456789abcdef\nfrozen: true\ndeps:\n"
      + "- path: data/x.csv\n  repo:\n    url: https://example.com/source.git\n"
      + "    rev_lock: e65ad3b0ae87bbd15e2aeea4ec7e0d9826e6c6c4\n";

  @Test
  void pushAndCloudStatusSkipRepositoryImports() throws IOException {
    // DVC never pushes an import's data: its source repository has it
    pushBesideACachedFile("x.csv", IMPORT + pointer("x.csv", ""), true);
  }

  @Test
  void pullOfAnImportWhoseSourceIsGoneNamesItAndFetchesTheRest() throws IOException {
    repo.write("a.txt", "cached\n");
    jdvc.ok("add", "a.txt");
    jdvc.ok("push");
    String gone = root.resolveSibling("no-such-source").toString();
    repo.write("x.csv.dvc", IMPORT.replace("https://example.com/source.git", gone) + pointer("x.csv", ""));
    Files.delete(root.resolve("a.txt"));
    try (Stream<Path> files = Files.walk(root.resolve(".dvc/cache"))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    CliResult pull = jdvc.run("pull");
    assertEquals(1, pull.exitCode(), pull.err());
    assertEquals("cached\n", Files.readString(root.resolve("a.txt")), "the rest is pulled");
    assertTrue(pull.err().contains("x.csv") && pull.err().contains(gone), pull.err());
    assertFalse(Files.exists(root.resolve("x.csv")));
  }

  @Test
  void outputsResolveThroughWdirAndCommitKeepsIt() throws IOException {
    repo.write("sub/f.txt", "hello\n");
    String pointer = "wdir: ../sub\n" + pointer("f.txt", "");
    repo.write("other/f.txt.dvc", pointer);
    jdvc.ok("commit", "other/f.txt.dvc");
    assertEquals(pointer, Files.readString(root.resolve("other/f.txt.dvc")), "wdir and the relative path are kept");
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());
    Files.delete(root.resolve("sub/f.txt"));
    assertTrue(jdvc.ok("status").out().contains("deleted:            sub/f.txt"));
    jdvc.ok("checkout");
    assertEquals("hello\n", Files.readString(root.resolve("sub/f.txt")));
    assertFalse(Files.exists(root.resolve("other/f.txt")));
    jdvc.ok("push");
    assertEquals(1, remoteObjects());
    jdvc.ok("move", "sub/f.txt", "moved.txt");
    assertEquals(pointer("moved.txt", ""), Files.readString(root.resolve("moved.txt.dvc")),
        "the moved pointer sits beside its output, so wdir is dropped");
  }

  @Test
  void aWdirLeavingTheRepositoryIsRefused() throws IOException {
    repo.write("other/f.txt.dvc", "wdir: ../..\n" + pointer("f.txt", ""));
    CliResult status = jdvc.run("status");
    assertEquals(1, status.exitCode());
    assertTrue(status.err().contains("other/f.txt.dvc") && status.err().contains("wdir '../..'")
        && status.err().contains("outside the repository"), status.err());
  }
}
