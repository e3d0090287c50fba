package io.jdvc.cli;

import static io.jdvc.cli.HistoryFixture.md5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcCommandIT {
  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  Path cache;
  HistoryFixture fx;

  @BeforeEach
  void setUp() {
    repo = TempGitRepo.create(tmp.resolve("project"));
    jdvc = new CliRunner(repo.root());
    fx = new HistoryFixture().build(repo, jdvc);
    cache = repo.root().resolve(".dvc/cache");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  @Test
  void requiresAScopeFlag() {
    CliResult r = jdvc.run("gc");
    assertEquals(ExitCode.USAGE, r.exitCode());
    assertTrue(r.err().contains("-w|--workspace"), r.err());
  }

  @Test
  void dryRunDeletesNothingAndSaysWhatWouldGo() {
    Set<String> before = HistoryFixture.objects(cache);
    CliResult r = jdvc.ok("gc", "-w", "--dry");
    assertEquals(before, HistoryFixture.objects(cache));
    assertTrue(r.out().contains("would remove from cache: " + md5(HistoryFixture.ALPHA)), r.out());
    assertTrue(r.out().contains("Dry run"), r.out());
  }

  @Test
  void quietDryRunPrintsOnlyTheListAndQuietForcedRunPrintsNothing() {
    CliResult dry = jdvc.ok("-q", "gc", "-w", "--dry");
    assertFalse(dry.out().isEmpty());
    assertTrue(dry.out().lines().allMatch(l -> l.startsWith("would remove from ")), dry.out());
    assertEquals("", dry.err());
    CliResult done = jdvc.ok("gc", "-w", "-f", "-q");
    assertEquals("", done.out());
    assertEquals("", done.err());
  }

  @Test
  void refusesOffTerminalWithoutForce() {
    Set<String> before = HistoryFixture.objects(cache);
    CliResult r = jdvc.run("gc", "-w");
    assertEquals(ExitCode.ERROR, r.exitCode());
    assertTrue(r.err().contains("no terminal"), r.err());
    assertTrue(r.out().contains("To remove from the cache: "), r.out());
    assertEquals(before, HistoryFixture.objects(cache));
  }

  @Test
  void workspaceScopeKeepsWorkspaceDataAndNamesTagsItBreaks() {
    CliResult r = jdvc.ok("gc", "-w", "-f");
    Set<String> left = HistoryFixture.objects(cache);
    assertTrue(left.contains(md5(HistoryFixture.ALPHA2)));
    assertTrue(left.contains(md5(HistoryFixture.ECHO)));
    assertTrue(left.contains(md5("m2")));
    assertFalse(left.contains(md5(HistoryFixture.ALPHA)), "v1-only object must go");
    assertFalse(left.contains(md5(HistoryFixture.DELTA)), "v2-only object must go");
    assertFalse(left.contains(md5("m1")));
    assertTrue(r.err().contains("WARNING: these branches and tags would no longer have complete data"), r.err());
    assertTrue(r.err().contains("v1 ("), r.err());
    assertTrue(r.err().contains("exp ("), r.err());
    assertFalse(r.err().contains("v3 ("), "v3 is the workspace's data: " + r.err());
    // the workspace is still complete: status finds nothing missing from the cache
    assertTrue(jdvc.ok("status").out().contains("up to date"));
  }

  @Test
  void tagScopeKeepsEveryTaggedVersion() {
    jdvc.ok("gc", "-T", "-f");
    Set<String> left = HistoryFixture.objects(cache);
    assertTrue(left.contains(md5(HistoryFixture.ALPHA)), "v1 is tagged");
    assertTrue(left.contains(md5("m1")));
    assertFalse(left.contains(md5(HistoryFixture.DELTA)), "only v2 (untagged) had d.txt");
    assertTrue(left.contains(md5("m2")));
  }

  @Test
  void allBranchesAndRevScopes() {
    jdvc.ok("gc", "-a", "-f");
    assertTrue(HistoryFixture.objects(cache).contains(md5(HistoryFixture.DELTA)), "branch exp is v2");
    assertFalse(HistoryFixture.objects(cache).contains(md5(HistoryFixture.ALPHA)));
    CliResult r = jdvc.ok("gc", "--rev", "HEAD", "-n", "2", "-f");
    assertTrue(HistoryFixture.objects(cache).contains(md5(HistoryFixture.DELTA)), "HEAD~1 is v2: " + r.out());
  }

  @Test
  void allCommitsKeepsEverything() {
    Set<String> before = HistoryFixture.objects(cache);
    CliResult r = jdvc.ok("gc", "-A", "-f");
    assertEquals(before, HistoryFixture.objects(cache));
    assertTrue(r.out().contains("Nothing to remove"), r.out());
  }

  @Test
  void cloudRemovesUnreferencedRemoteObjectsToo() throws Exception {
    Path remote = tmp.resolve("remote");
    HistoryFixture.copyTree(cache, remote);
    Files.writeString(repo.root().resolve(".dvc/config"),
        "[core]\n    remote = store\n['remote \"store\"']\n    url = " + remote + "\n");
    Set<String> before = HistoryFixture.objects(remote);
    CliResult r = jdvc.ok("gc", "-T", "-c", "--dry");
    assertEquals(before, HistoryFixture.objects(remote));
    assertTrue(r.out().contains("would remove from remote 'store': " + md5(HistoryFixture.DELTA)), r.out());

    r = jdvc.ok("gc", "-T", "-c", "-f");
    Set<String> left = HistoryFixture.objects(remote);
    assertFalse(left.contains(md5(HistoryFixture.DELTA)));
    assertTrue(left.contains(md5(HistoryFixture.ALPHA)));
    assertTrue(left.contains(md5(HistoryFixture.ECHO)));
    assertTrue(r.err().contains("FOR GOOD"), r.err());
    assertTrue(r.err().contains("exp ("), r.err());
    assertEquals(HistoryFixture.objects(cache), left);
  }

  @Test
  void refusesWhenAManifestInScopeIsNowhere() throws Exception {
    jdvc.ok("gc", "-w", "-f");
    // v1's manifest is gone now; asking to keep v1 cannot be honoured file by file
    Set<String> before = HistoryFixture.objects(cache);
    CliResult r = jdvc.run("gc", "--rev", "v1", "-f");
    assertEquals(ExitCode.ERROR, r.exitCode());
    assertTrue(r.err().contains("manifest"), r.err());
    assertEquals(before, HistoryFixture.objects(cache));
  }
  /** A pipeline in a subdirectory whose dvc.lock Git does not know yet: only the work tree names its output. */
  private String uncommittedPipeline() {
    String weights = "trained-weights\n";
    repo.write("pipe/model.pkl", weights);
    jdvc.ok("add", "pipe/model.pkl");
    repo.delete("pipe/model.pkl.dvc");
    repo.write("pipe/dvc.yaml", "stages:\n  train:\n    cmd: python train.py\n    outs:\n    - model.pkl\n");
    repo.write("pipe/dvc.lock", "schema: '2.0'\nstages:\n  train:\n    cmd: python train.py\n    outs:\n"
        + "    - path: model.pkl\n      hash: md5\n      md5: " + md5(weights) + "\n      size: 16\n");
    return md5(weights);
  }

  @Test
  void workspaceScopeKeepsOutputsOfAnUncommittedSubdirectoryLockFile() throws Exception {
    String weights = uncommittedPipeline();
    jdvc.ok("gc", "-w", "-f");
    assertTrue(HistoryFixture.objects(cache).contains(weights), "a stage output in the work tree must stay");
    assertEquals("trained-weights\n", Files.readString(repo.path("pipe/model.pkl")));
  }

  @Test
  void refusesWhenAWorkspaceLockFileCannotBeRead() {
    uncommittedPipeline();
    repo.write("pipe/dvc.lock", "stages: [unclosed\n");
    Set<String> before = HistoryFixture.objects(cache);
    CliResult r = jdvc.run("gc", "-w", "-f");
    assertEquals(ExitCode.ERROR, r.exitCode());
    assertTrue(r.err().contains("pipe/dvc.lock"), r.err());
    assertEquals(before, HistoryFixture.objects(cache));
  }
  @Test
  void allCommitsRefusesABrokenPointerInHistoryAndNamesTheCommit() {
    String oops = HistoryFixture.brokenPointerInHistory(repo);
    Set<String> before = HistoryFixture.objects(cache);
    CliResult r = jdvc.run("gc", "-A", "-f");
    assertEquals(ExitCode.ERROR, r.exitCode());
    assertTrue(r.err().contains("bad.dvc") && r.err().contains("in commit " + oops.substring(0, 7) + " 'oops'"),
        r.err());
    assertTrue(r.err().contains("Git history"), r.err());
    assertFalse(r.err().contains("git checkout --"), r.err());
    assertEquals(before, HistoryFixture.objects(cache));
  }
}
