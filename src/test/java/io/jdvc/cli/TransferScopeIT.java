package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What push, fetch, pull and {@code status -c} select and report against a local directory remote: a fresh
 * clone's push, {@code --glob} on file outputs, a damaged cached object; and what pull and checkout clean up
 * after a killed run.
 */
class TransferScopeIT {
  static final String SINGLE_OID = "f4d5d0c0671be202bc241807c243e80b"; // "s\n"
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
    repo.write("single.txt", "s\n");
    repo.write("data/f1.txt", "a\n");
    jdvc.ok("add", "single.txt", "data");
    repo.commitAll("data");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private Path cloneProject() throws Exception {
    Path clone = tmp.resolve("clone");
    Git.cloneRepository().setURI(root.toUri().toString()).setDirectory(clone.toFile()).call().close();
    return clone;
  }

  private static Path cached(Path project, String oid) {
    return project.resolve(".dvc/cache/files/md5/" + oid.substring(0, 2) + "/" + oid.substring(2));
  }

  @Test
  void pushFromAFreshCloneWhoseRemoteHasEverythingSucceedsWithNothingToUpload() throws Exception {
    jdvc.ok("push");
    Path clone = cloneProject();
    CliResult push = new CliRunner(clone).run("push");
    assertEquals(0, push.exitCode(), push.err());
    assertTrue(push.out().contains("0 files pushed") && push.out().contains("(2 already there)"), push.out());
  }

  @Test
  void pushOfADirectoryWhoseManifestIsNowhereFailsWithAHintThatFitsPush() throws Exception {
    Path clone = cloneProject();
    CliResult push = new CliRunner(clone).run("push");
    assertEquals(1, push.exitCode(), push.out());
    assertTrue(push.err().contains("failed to push 'data'") && push.err().contains("not in the local cache"),
        push.err());
    assertFalse(push.err().contains("--allow-missing"), "push has no --allow-missing: " + push.err());
    assertTrue(push.err().contains("jdvc fetch"), push.err());
  }

  @Test
  void globLeavesFileOutputsOutsideItAlone() throws Exception {
    CliResult push = jdvc.ok("push", "--glob", "data/f1.txt");
    assertTrue(push.out().contains("1 file pushed"), push.out());
    assertFalse(Files.exists(cached(store, SINGLE_OID)), "single.txt does not match the glob");
    assertTrue(jdvc.ok("status", "-c", "--glob", "nomatch/*").out().contains("in sync"),
        "single.txt is not pushed, but the glob excludes it");
    jdvc.ok("push");

    Path clone = cloneProject();
    CliRunner cloned = new CliRunner(clone);
    cloned.ok("fetch", "--glob", "nomatch*");
    assertFalse(Files.exists(cached(clone, SINGLE_OID)), "fetch --glob fetched a file output outside it");
    cloned.ok("pull", "--glob", "data/f1.txt");
    assertEquals("a\n", Files.readString(clone.resolve("data/f1.txt")));
    assertFalse(Files.exists(clone.resolve("single.txt")), "pull --glob checked out a file output outside it");
  }

  @Test
  void pushOfADamagedCachedObjectSaysItWasRemovedAndHowToRestoreIt() throws Exception {
    Path object = cached(root, SINGLE_OID);
    object.toFile().setWritable(true);
    Files.writeString(object, "damaged\n");
    CliResult push = jdvc.run("push", "--json");
    assertEquals(1, push.exitCode(), push.out());
    assertTrue(push.out().contains("\"corrupt\": true") || push.out().contains("\"corrupt\":true"), push.out());
    assertFalse(push.err().contains("run the command again"), push.err());
    assertFalse(push.err().contains("remote's copy is damaged"), push.err());
    assertTrue(push.err().contains("damaged and removed") && push.err().contains("jdvc fetch"), push.err());
  }

  /**
   * The temps a kill -9 during checkout or pull leaves beside file outputs ({@code .<name>.jdvc-<pid>-<n>.tmp},
   * as large as the file), and files of the user's that only look alike.
   */
  private void leaveInterruptedRunBehind() throws Exception {
    repo.write("models/model.bin", "model\n");
    jdvc.ok("add", "models/model.bin");
    Files.delete(root.resolve("single.txt"));
    repo.write(".single.txt.jdvc-4242-1.tmp", "par");
    repo.write("models/.model.bin.jdvc-4242-2.tmp", "tial");
    repo.write(".single.txt.jdvc-backup.tmp", "mine");
    repo.write("models/notes.tmp", "mine too");
  }

  private void assertOnlyTheTempsWereRemoved(CliResult r) throws Exception {
    assertTrue(r.err().contains("removed 2 temporary file(s) left by an interrupted run"), r.err());
    assertFalse(Files.exists(root.resolve(".single.txt.jdvc-4242-1.tmp")));
    assertFalse(Files.exists(root.resolve("models/.model.bin.jdvc-4242-2.tmp")));
    assertEquals("mine", Files.readString(root.resolve(".single.txt.jdvc-backup.tmp")));
    assertEquals("mine too", Files.readString(root.resolve("models/notes.tmp")));
    assertEquals("s\n", Files.readString(root.resolve("single.txt")));
  }

  @Test
  void pullRemovesTheTempsAKilledPullLeftBesideFileOutputs() throws Exception {
    jdvc.ok("push");
    leaveInterruptedRunBehind();
    assertOnlyTheTempsWereRemoved(jdvc.ok("pull"));
  }

  @Test
  void checkoutRemovesTheTempsAKilledCheckoutLeftBesideFileOutputs() throws Exception {
    leaveInterruptedRunBehind();
    assertOnlyTheTempsWereRemoved(jdvc.ok("checkout"));
  }

  @Test
  void jobsAboveTheMaximumAreCappedWithANotice() throws Exception {
    CliResult push = jdvc.ok("push", "-j", "100000");
    assertTrue(push.err().contains("-j 100000 is more than jdvc's maximum of 64 parallel transfers; using 64"),
        push.err());
    assertTrue(push.out().contains("3 files pushed"), push.out());
    assertEquals("", jdvc.ok("fetch", "-j", "64").err(), "64 itself is allowed");
  }

  @Test
  void anS3RemotesJobsAboveTheMaximumAreCappedWithANotice() throws Exception {
    Files.writeString(root.resolve(".dvc/config"), "[core]\n    remote = s3\n['remote \"s3\"']\n"
        + "    url = s3://bucket/p\n    endpointurl = http://127.0.0.1:1\n    jobs = 100000\n");
    CliResult status = jdvc.run("status", "-c");
    assertTrue(status.err().contains("remote 's3' sets jobs = 100000, more than jdvc's maximum of 64 parallel "
        + "transfers; using 64"), status.err());
  }
}
