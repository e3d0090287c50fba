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
  void jsonGivesThePlanAndWhatWasRemovedForScripts() {
    assertEquals(ExitCode.USAGE, jdvc.run("gc", "-w", "--json").exitCode(), "no prompt while printing JSON");
    Set<String> before = HistoryFixture.objects(cache);
    CliResult dry = jdvc.ok("gc", "-w", "--dry", "--json");
    assertEquals(before, HistoryFixture.objects(cache));
    assertTrue(dry.out().trim().startsWith("{") && dry.out().trim().endsWith("}"), dry.out());
    assertTrue(dry.out().contains("\"dry_run\": true") && dry.out().contains("\"performed\": false"), dry.out());
    assertTrue(dry.out().contains(md5(HistoryFixture.ALPHA)), "v1-only object is listed: " + dry.out());
    assertTrue(dry.out().contains("\"remote\": null"), dry.out());

    CliResult done = jdvc.ok("gc", "-w", "-f", "--json");
    assertTrue(done.out().contains("\"performed\": true"), done.out());
    int removed = before.size() - HistoryFixture.objects(cache).size();
    assertTrue(removed > 0 && done.out().contains("\"removed\": " + removed), removed + " " + done.out());
    assertTrue(done.err().contains("WARNING: these branches and tags"), "warnings stay on stderr: " + done.err());
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
    assertTrue((r.out() + r.err()).contains("if other projects push there, name them with -p"), r.out());
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

  /** Two projects, this one and "other", with one cache outside both; "other" tracks data this one does not. */
  private SharedCache sharedCache() {
    Path shared = tmp.resolve("shared-cache");
    jdvc.ok("config", "cache.dir", shared.toString());
    TempGitRepo other = TempGitRepo.create(tmp.resolve("other"));
    CliRunner otherJdvc = new CliRunner(other.root());
    otherJdvc.ok("init");
    otherJdvc.ok("config", "cache.dir", shared.toString());
    otherJdvc.ok("config", "cache.type", "symlink");
    other.write("precious.txt", "only the other project has this\n");
    otherJdvc.ok("add", "precious.txt");
    other.commitAll("precious");
    HistoryFixture.copyTree(cache, shared);
    return new SharedCache(shared, other, otherJdvc);
  }

  private record SharedCache(Path dir, TempGitRepo other, CliRunner otherJdvc) {}

  @Test
  void refusesWhenTheCacheIsOutsideTheRepositoryAndNoProjectIsNamed() {
    SharedCache s = sharedCache();
    Set<String> before = HistoryFixture.objects(s.dir());
    CliResult r = jdvc.run("gc", "-w", "-f");
    assertEquals(ExitCode.ERROR, r.exitCode());
    assertTrue(r.err().contains(s.dir().toString()) && r.err().contains("outside"), r.err());
    assertTrue(r.err().contains("-p") && r.err().contains("--no-other-projects"), r.err());
    assertEquals(before, HistoryFixture.objects(s.dir()));
    s.other().close();
  }

  @Test
  void projectsKeepTheOtherProjectsDataInASharedCache() throws Exception {
    SharedCache s = sharedCache();
    String precious = md5("only the other project has this\n");
    CliResult r = jdvc.ok("gc", "-w", "-f", "-p", s.other().root().toString());
    Set<String> left = HistoryFixture.objects(s.dir());
    assertTrue(left.contains(precious), "the other project's data must stay");
    assertFalse(left.contains(md5(HistoryFixture.ALPHA)), "this project's old data still goes");
    assertTrue(r.out().contains("Projects: " + repo.root().toRealPath() + " (this one), "
        + s.other().root().toRealPath()), r.out());
    Files.delete(s.other().path("precious.txt"));
    s.otherJdvc().ok("checkout");
    assertEquals("only the other project has this\n", Files.readString(s.other().path("precious.txt")));
    s.other().close();
  }

  @Test
  void noOtherProjectsLetsGcCleanASharedCacheAlone() {
    SharedCache s = sharedCache();
    jdvc.ok("gc", "-w", "-f", "--no-other-projects");
    assertFalse(HistoryFixture.objects(s.dir()).contains(md5("only the other project has this\n")),
        "the user said no other project uses the cache");
    s.other().close();
  }

  @Test
  void projectsMustBeRepositories() throws Exception {
    SharedCache s = sharedCache();
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    Set<String> before = HistoryFixture.objects(s.dir());
    CliResult r = jdvc.run("gc", "-w", "-f", "-p", plain.toString());
    assertEquals(ExitCode.ERROR, r.exitCode());
    assertTrue(r.err().contains(plain.toString()) && r.err().contains("not a DVC repository"), r.err());
    assertEquals(before, HistoryFixture.objects(s.dir()));
    CliResult both = jdvc.run("gc", "-w", "-f", "--no-other-projects", "-p", s.other().root().toString());
    assertEquals(ExitCode.USAGE, both.exitCode(), both.err());
    assertTrue(both.err().contains("--no-other-projects contradicts -p"), both.err());
    assertEquals(before, HistoryFixture.objects(s.dir()));
    s.other().close();
  }

  @Test
  void projectsAlsoKeepTheirObjectsOnTheRemote() throws Exception {
    SharedCache s = sharedCache();
    Path remote = tmp.resolve("remote");
    HistoryFixture.copyTree(s.dir(), remote);
    jdvc.ok("remote", "add", "-d", "store", remote.toString());
    String precious = md5("only the other project has this\n");
    Set<String> before = HistoryFixture.objects(remote);
    assertEquals(ExitCode.ERROR, jdvc.run("gc", "-w", "-c", "-f").exitCode());
    assertEquals(before, HistoryFixture.objects(remote));
    jdvc.ok("gc", "-w", "-c", "-f", "-p", s.other().root().toString());
    assertTrue(HistoryFixture.objects(remote).contains(precious));
    assertFalse(HistoryFixture.objects(remote).contains(md5(HistoryFixture.ALPHA)));
    s.other().close();
  }
}
