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

  @Test
  void transfersIgnoreUncachedOutputs() throws IOException {
    repo.write("a.txt", "cached\n");
    jdvc.ok("add", "a.txt");
    repo.write("e.txt", "hello\n");
    repo.write("e.txt.dvc", pointer("e.txt", "  cache: false\n"));
    jdvc.ok("push");
    assertEquals(1, remoteObjects(), "only the cached output's object");
    assertEquals("Cache and remote 'store' are in sync.\n", jdvc.ok("status", "-c").out());
    jdvc.ok("pull");
    assertEquals("hello\n", Files.readString(root.resolve("e.txt")));
  }
}
