package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.DvcHttpServer;
import io.jdvc.testing.TempGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** push / status -c / fetch / pull / audit against DVC's http remote, served by a real server on 127.0.0.1. */
class HttpRemoteIT {
  private static final String A_TXT = "files/md5/b1/946ac92492d2347c6235b4d2611184";
  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  DvcHttpServer server;

  @BeforeEach
  void setUp() throws Exception {
    server = DvcHttpServer.serve(tmp.resolve("www")).basicAuth("alice", "pw-123");
    repo = TempGitRepo.create(tmp.resolve("project"));
    jdvc = new CliRunner(repo.root());
    jdvc.ok("init");
    jdvc.ok("remote", "add", "-d", "web", server.url("dvcstore"));
    jdvc.ok("remote", "modify", "web", "auth", "basic");
    jdvc.ok("remote", "modify", "web", "user", "alice");
    jdvc.ok("remote", "modify", "web", "method", "PUT");
    jdvc.ok("remote", "modify", "--local", "web", "password", "pw-123");
    repo.write("a.txt", "hello\n");
    repo.write("data/x.txt", "x\n");
    repo.write("data/sub/y.txt", "y\n");
    jdvc.ok("add", "a.txt", "data");
    repo.commitAll("data");
  }

  @AfterEach
  void tearDown() {
    server.close();
    repo.close();
  }

  private CliRunner cloneProject() throws Exception {
    Path clone = tmp.resolve("clone");
    Git.cloneRepository().setURI(repo.root().toUri().toString()).setDirectory(clone.toFile()).call().close();
    Files.writeString(clone.resolve(".dvc/config.local"), "['remote \"web\"']\n    password = pw-123\n");
    return new CliRunner(clone);
  }

  @Test
  void pushStatusPullAndAuditRoundTripThroughTheServer() throws Exception {
    assertFalse(Files.readString(repo.root().resolve(".dvc/config")).contains("pw-123"),
        "the password stays in config.local");
    assertTrue(jdvc.ok("status", "-c").out().contains("new:"));
    CliResult push = jdvc.ok("push");
    assertTrue(push.out().contains("pushed"), push.out());
    assertTrue(Files.isRegularFile(server.root().resolve("dvcstore").resolve(A_TXT)));
    assertEquals(0, jdvc.run("-q", "status", "-c").exitCode());

    CliRunner clone = cloneProject();
    clone.ok("pull");
    assertEquals("hello\n", Files.readString(tmp.resolve("clone/a.txt")));
    assertEquals("y\n", Files.readString(tmp.resolve("clone/data/sub/y.txt")));
    CliResult audit = clone.ok("audit", "--deep");
    assertTrue(audit.out().contains("web"), audit.out());
  }

  /** DVC's http remote uploads with POST unless {@code method} says otherwise; audit asks by HEAD, never GET. */
  @Test
  void pushUsesPostByDefaultAndAuditOnlyAsksWithHead() throws Exception {
    jdvc.ok("remote", "modify", "--unset", "web", "method");
    jdvc.ok("push");
    assertTrue(Files.isRegularFile(server.root().resolve("dvcstore").resolve(A_TXT)));
    List<String> uploads = server.requests.stream().filter(r -> r.contains(" /dvcstore/files/md5/")
        && !r.startsWith("HEAD ")).toList();
    assertFalse(uploads.isEmpty());
    assertTrue(uploads.stream().allMatch(r -> r.startsWith("POST ")), uploads.toString());

    server.requests.clear();
    CliResult audit = jdvc.ok("audit", "-r", "web");
    assertTrue(audit.out().contains("web"), audit.out());
    assertFalse(server.requests.isEmpty());
    assertTrue(server.requests.stream().allMatch(r -> r.startsWith("HEAD /dvcstore/files/md5/")),
        "presence without downloading: " + server.requests);
    Files.delete(server.root().resolve("dvcstore").resolve(A_TXT));
    CliResult missing = jdvc.run("audit", "-r", "web");
    assertEquals(ExitCode.AUDIT_MISSING, missing.exitCode(), missing.out());
    assertTrue(missing.out().contains("a.txt"), missing.out());
  }

  @Test
  void wrongBytesFromTheServerAreRefusedAndNothingLands() throws Exception {
    jdvc.ok("push");
    server.replace("/dvcstore/" + A_TXT, "evil!\n".getBytes());
    CliRunner clone = cloneProject();
    CliResult pull = clone.run("pull", "a.txt");
    assertNotEquals(0, pull.exitCode(), pull.out());
    assertTrue((pull.out() + pull.err()).contains("b1946ac92492d2347c6235b4d2611184"), pull.out() + pull.err());
    assertFalse(Files.exists(tmp.resolve("clone/.dvc/cache").resolve(A_TXT)), "nothing enters the cache");
    assertFalse(Files.exists(tmp.resolve("clone/a.txt")), "nothing lands in the workspace");
    assertEquals(4, clone.run("audit", "--deep").exitCode(), "a deep audit finds the remote's copy corrupt");
  }

  @Test
  void aMissingObjectAndAWrongPasswordAreNamed() throws Exception {
    CliRunner clone = cloneProject();
    CliResult pull = clone.run("pull");
    assertNotEquals(0, pull.exitCode());
    assertTrue((pull.out() + pull.err()).contains("missing on remote 'web'"), pull.out() + pull.err());
    Files.writeString(tmp.resolve("clone/.dvc/config.local"), "['remote \"web\"']\n    password = nope-xyz\n");
    CliResult denied = clone.run("fetch");
    assertNotEquals(0, denied.exitCode());
    assertTrue(denied.err().contains("401") && denied.err().contains(server.url("dvcstore")), denied.err());
    assertFalse(denied.err().contains("nope-xyz"), denied.err());
  }

  @Test
  void aPasswordInTheTrackedConfigStillWorksButIsWarnedAbout() throws Exception {
    jdvc.ok("remote", "modify", "--local", "--unset", "web", "password");
    CliResult set = jdvc.ok("remote", "modify", "web", "password", "pw-123");
    assertTrue(set.err().contains("a file Git tracks"), set.err());
    CliResult push = jdvc.ok("push");
    assertTrue(push.err().contains("password is set in .dvc/config"), push.err());
  }
}
