package io.jdvc.cli;

import static io.jdvc.cli.HistoryFixture.md5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote index (ADR 0003) when someone deletes a file of a pushed directory on the remote but keeps its
 * manifest: commands that ask the remote forget the directory, and {@code push --no-remote-index} asks anyway.
 */
class RemoteIndexIT {
  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  Path root;
  Path store;

  @BeforeEach
  void setUp() throws Exception {
    repo = TempGitRepo.create(tmp.resolve("project"));
    root = repo.root();
    jdvc = new CliRunner(root);
    jdvc.ok("init");
    store = Files.createDirectories(tmp.resolve("store"));
    jdvc.ok("remote", "add", "-d", "loc", store.toString());
    for (int i = 1; i <= 3; i++) {
      Files.createDirectories(root.resolve("d"));
      Files.writeString(root.resolve("d/x" + i), i + "\n");
    }
    jdvc.ok("add", "d");
    jdvc.ok("push");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private Path onRemote(String content) {
    String m = md5(content);
    return store.resolve("files/md5/" + m.substring(0, 2) + "/" + m.substring(2));
  }

  private void deleteFromRemote(String content) throws IOException {
    Files.delete(onRemote(content));
  }

  @Test
  void statusOfTheRemoteMakesTheNextPushRestoreAFileDeletedThere() throws Exception {
    deleteFromRemote("3\n");
    CliResult status = jdvc.ok("status", "-c");
    assertTrue(status.out().contains("new:") && status.out().contains("d/x3"), status.out());

    CliResult push = jdvc.ok("push");
    assertTrue(push.out().contains("1 file pushed"), push.out());
    assertEquals(0, jdvc.run("status", "-c", "-q").exitCode());
  }

  @Test
  void anAuditThatFindsAFileMissingOnTheRemoteMakesTheNextPushRestoreIt() throws Exception {
    repo.commitAll("data");
    deleteFromRemote("3\n");
    CliResult audit = jdvc.run("audit");
    assertEquals(3, audit.exitCode(), audit.out() + audit.err());

    CliResult push = jdvc.ok("push");
    assertTrue(push.out().contains("1 file pushed"), push.out());
    assertEquals(0, jdvc.run("audit").exitCode());
  }

  @Test
  void pushWithoutTheRemoteIndexRestoresAFileDeletedThere() throws Exception {
    deleteFromRemote("3\n");
    CliResult push = jdvc.ok("push", "--no-remote-index");
    assertTrue(push.out().contains("1 file pushed"), push.out());
    assertEquals(0, jdvc.run("status", "-c", "-q").exitCode());
    // the directory is recorded as complete again: the next push trusts it
    assertTrue(jdvc.ok("push").out().contains("0 files pushed"));
  }

  @Test
  void fetchThatFindsAFileMissingOnTheRemoteMakesTheNextPushReportIt() throws Exception {
    deleteFromRemote("3\n");
    String m = md5("3\n");
    Path cached = root.resolve(".dvc/cache/files/md5/" + m.substring(0, 2) + "/" + m.substring(2));
    Files.copy(cached, tmp.resolve("x3-backup"));
    cached.toFile().setWritable(true);
    Files.delete(cached);
    CliResult fetch = jdvc.run("fetch");
    assertEquals(1, fetch.exitCode(), fetch.err());

    // the user restores the object in the cache; push no longer trusts the directory and uploads it
    Files.copy(tmp.resolve("x3-backup"), cached);
    CliResult push = jdvc.ok("push");
    assertTrue(push.out().contains("1 file pushed"), push.out());
  }

  @Test
  void aChangedDirectoryIsPushedByItsNewFilesOnlyWhileItsLastPushedVersionIsOnTheRemote() throws Exception {
    // the remote lost a file both versions share, behind jdvc's back: the old .dir there vouches for it
    deleteFromRemote("2\n");
    Files.writeString(root.resolve("d/x1"), "changed\n");
    jdvc.ok("add", "d");
    CliResult push = jdvc.ok("push");
    assertTrue(push.out().contains("2 files pushed"), push.out()); // x1 and the new .dir
    assertFalse(Files.exists(onRemote("2\n")), "x2 was not asked about");

    // without the index every file is asked about, and the lost one is restored
    CliResult full = jdvc.ok("push", "--no-remote-index");
    assertTrue(full.out().contains("1 file pushed"), full.out());
    assertEquals(0, jdvc.run("status", "-c", "-q").exitCode());
  }

  @Test
  void aChangedDirectoryWhoseLastPushedVersionIsGoneFromTheRemoteIsCheckedFileByFile() throws Exception {
    deleteFromRemote("2\n");
    try (var s = Files.walk(store)) {
      for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".dir")).toList()) {
        Files.delete(p);
      }
    }
    Files.writeString(root.resolve("d/x1"), "changed\n");
    jdvc.ok("add", "d");
    CliResult push = jdvc.ok("push");
    assertTrue(push.out().contains("3 files pushed"), push.out()); // x1, x2 and the new .dir
    assertEquals(0, jdvc.run("status", "-c", "-q").exitCode());
  }
}
