package io.jdvc.cli;

import static io.jdvc.cli.HistoryFixture.md5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** diff, log and which end to end over the three-version fixture. */
class HistoryCommandsIT {
  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  HistoryFixture fx;

  @BeforeEach
  void setUp() {
    repo = TempGitRepo.create(tmp.resolve("project"));
    jdvc = new CliRunner(repo.root());
    fx = new HistoryFixture().build(repo, jdvc);
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  // ---------------------------------------------------------------------------------------------------- diff

  @Test
  void diffInsideDirectoriesWithRenames() {
    CliResult r = jdvc.ok("diff", "v1", fx.v2);
    String out = r.out();
    assertTrue(out.contains("Added:\n    data/d.txt\n"), out);
    assertTrue(out.contains("Modified:\n    data/a.txt\n    model.bin\n"), out);
    assertTrue(out.contains("Renamed:\n    data/b.txt -> data/sub/b2.txt\n"), out);
    assertFalse(out.contains("Deleted:"), out);
    assertTrue(out.contains("files summary: 1 added, 0 deleted, 2 modified, 1 renamed"), out);

    CliResult json = jdvc.ok("diff", "v1", "v3", "--json");
    assertTrue(json.out().contains("\"old_rev\": \"" + fx.v1 + "\""), json.out());
    assertTrue(json.out().contains("\"path\": \"data/e.txt\",\n      \"hash\": \"" + md5(HistoryFixture.ECHO)),
        json.out());
    assertTrue(json.out().contains("\"old\": \"data/b.txt\""), json.out());
  }

  @Test
  void diffDefaultsToHeadAgainstWorkspaceAndHonoursTargets() {
    assertTrue(jdvc.ok("diff").out().contains("No data changes."));
    repo.write("data/a.txt", "edited\n");
    repo.write("data/new.txt", "new\n");
    CliResult r = jdvc.ok("diff");
    assertTrue(r.out().contains("Added:\n    data/new.txt"), r.out());
    assertTrue(r.out().contains("Modified:\n    data/a.txt"), r.out());
    CliResult t = jdvc.ok("diff", "--targets", "data/new.txt");
    assertFalse(t.out().contains("a.txt"), t.out());
    assertTrue(t.out().contains("data/new.txt"), t.out());
    CliResult two = jdvc.ok("diff", "exp", "--targets", "data/d.txt");
    assertTrue(two.out().contains("Deleted:\n    data/d.txt"), two.out());
    assertFalse(two.out().contains("a.txt"), two.out());
  }

  @Test
  void diffTargetsTakeOnePathEachAndAnUntrackedOneIsAnError() {
    CliResult r = jdvc.ok("diff", "--targets", "data/d.txt", "v1", fx.v2);
    assertTrue(r.out().contains("Added:\n    data/d.txt"), "v1 and v2 stay revisions: " + r.out());
    CliResult two = jdvc.ok("diff", "--targets", "data/d.txt", "--targets", "model.bin", "v1", fx.v2);
    assertTrue(two.out().contains("data/d.txt") && two.out().contains("model.bin"), two.out());
    assertFalse(two.out().contains("data/a.txt"), two.out());
    CliResult nope = jdvc.run("diff", "--targets", "nope");
    assertEquals(1, nope.exitCode(), nope.err());
    assertTrue(nope.err().contains("target 'nope' is not a tracked output in HEAD or the workspace"), nope.err());
    assertEquals(1, jdvc.run("diff", "v1", fx.v2, "--targets", "nope").exitCode());
  }

  @Test
  void quietStillPrintsTheResultOfQueries() {
    assertTrue(jdvc.ok("-q", "diff", "v1", fx.v2).out().contains("Added:\n    data/d.txt"));
    assertTrue(jdvc.ok("-q", "log", "data").out().contains(fx.v1));
    assertTrue(jdvc.ok("-q", "which", "data/e.txt").out().contains("data/e.txt"));
  }

  // ----------------------------------------------------------------------------------------------------- log

  @Test
  void logOfAPointerAcrossVersions() {
    CliResult r = jdvc.ok("log", "data");
    String out = r.out();
    int i3 = out.indexOf(fx.v3);
    int i2 = out.indexOf(fx.v2);
    int i1 = out.indexOf(fx.v1);
    assertTrue(i3 >= 0 && i2 > i3 && i1 > i2, out);
    assertTrue(out.contains("4 files"), out);
    CliResult json = jdvc.ok("log", "data.dvc", "--json", "-n", "2");
    assertTrue(json.out().contains("\"commit\": \"" + fx.v3 + "\""), json.out());
    assertFalse(json.out().contains(fx.v1), json.out());
    assertTrue(json.out().contains("\"nfiles_change\": 0"), json.out());
    assertTrue(json.out().contains("\"nfiles_change\": 1"), json.out());
  }

  @Test
  void logOfAFileInsideATrackedDirectory() {
    CliResult a = jdvc.ok("log", "data/a.txt", "--json");
    assertTrue(a.out().contains(fx.v2) && a.out().contains(fx.v1), a.out());
    assertFalse(a.out().contains(fx.v3), "a.txt did not change in v3: " + a.out());
    assertTrue(a.out().contains("\"oid\": \"" + md5(HistoryFixture.ALPHA2) + "\""), a.out());
    CliResult c = jdvc.ok("log", "data/sub/c.txt");
    assertTrue(c.out().contains(fx.v1) && !c.out().contains(fx.v2), c.out());
    CliResult model = jdvc.ok("log", "model.bin");
    assertTrue(model.out().contains(fx.v2) && model.out().contains(fx.v1) && !model.out().contains(fx.v3),
        model.out());
  }

  @Test
  void logFollowsADatasetThroughJdvcMv() {
    jdvc.ok("mv", "data", "dataset");
    String renamed = repo.commitAll("rename data to dataset");
    jdvc.ok("mv", "model.bin", "model-final.bin");
    repo.commitAll("rename the model");

    CliResult a = jdvc.ok("log", "dataset/a.txt");
    assertTrue(a.out().contains(fx.v2) && a.out().contains(fx.v1), "history before the rename: " + a.out());
    assertFalse(a.out().contains(renamed), "a rename does not change the content: " + a.out());
    assertTrue(a.out().contains("data/a.txt (data.dvc)"), "older versions under their old name: " + a.out());
    CliResult model = jdvc.ok("log", "model-final.bin");
    assertTrue(model.out().contains(fx.v2) && model.out().contains(fx.v1), model.out());
  }

  // --------------------------------------------------------------------------------------------------- which

  @Test
  void whichByFileAndByHash() {
    CliResult byFile = jdvc.ok("which", "data/e.txt");
    assertTrue(byFile.out().contains(md5(HistoryFixture.ECHO) + " found at 1 path(s)"), byFile.out());
    assertTrue(byFile.out().contains("data/e.txt  (data.dvc, in output data)"), byFile.out());
    assertTrue(byFile.out().contains("[main, v3]"), byFile.out());

    CliResult byHash = jdvc.ok("which", md5(HistoryFixture.BRAVO), "--json");
    assertTrue(byHash.out().contains("\"path\": \"data/b.txt\""), byHash.out());
    assertTrue(byHash.out().contains("\"path\": \"data/sub/b2.txt\""), byHash.out());
    assertTrue(byHash.out().contains("\"commit\": \"" + fx.v1 + "\""), byHash.out());

    CliResult none = jdvc.run("which", "0".repeat(32));
    assertEquals(ExitCode.ERROR, none.exitCode());
  }

  @Test
  void whichNamesTheProducingStageFromDvcLock() {
    String model = md5("m2");
    repo.write("dvc.lock", "schema: '2.0'\nstages:\n  train:\n    cmd: python train.py\n    deps:\n"
        + "    - path: data\n      hash: md5\n      md5: 0123456789abcdef0123456789abcdef.dir\n      size: 12\n"
        + "      nfiles: 2\n    params:\n      params.yaml:\n        lr: 0.01\n    outs:\n    - path: out/model.pkl\n"
        + "      hash: md5\n      md5: " + model + "\n      size: 2\n");
    repo.commitAll("train");
    CliResult r = jdvc.ok("which", model, "--json");
    assertTrue(r.out().contains("\"path\": \"out/model.pkl\""), r.out());
    assertTrue(r.out().contains("\"cmd\": \"python train.py\""), r.out());
    assertTrue(r.out().contains("\"lr\": 0.01"), r.out());
    assertTrue(r.out().contains("\"path\": \"model.bin\""), r.out());
    CliResult text = jdvc.ok("which", model);
    assertTrue(text.out().contains("produced by stage 'train': python train.py"), text.out());
  }
  // --------------------------------------------------------------------------------- manifests gone from cache

  @Test
  void diffComparesADirectoryWholeAndWarnsWhenItsManifestIsMissing() {
    jdvc.ok("gc", "-w", "-f");
    CliResult r = jdvc.ok("diff", "v1", "v3");
    assertTrue(r.out().contains("Modified:\n    data\n"), r.out());
    assertFalse(r.out().contains("Deleted:") || r.out().contains("Added:"), "not a deleted directory: " + r.out());
    assertTrue(r.err().contains("manifest of data at " + fx.v1.substring(0, 7)), r.err());
    assertTrue(r.err().contains("jdvc fetch"), r.err());
    CliResult json = jdvc.ok("diff", "v1", "--targets", "data/a.txt", "--json");
    assertTrue(json.out().contains("\"unexpanded\": [\n    {\n      \"commit\": \"" + fx.v1), json.out());
    assertTrue(json.out().contains("\"path\": \"data\""), "the directory as a whole: " + json.out());
  }

  @Test
  void whichSaysTheContentMayBeInDirectoriesItCouldNotSearch() {
    jdvc.ok("gc", "-w", "-f");
    CliResult r = jdvc.run("which", md5(HistoryFixture.ALPHA));
    assertEquals(ExitCode.ERROR, r.exitCode());
    assertFalse(r.out().contains("not in the data of any commit"), r.out());
    assertTrue(r.out().contains("may be in the directories whose manifest is missing"), r.out());
    assertTrue(r.err().contains(fx.v1.substring(0, 7)) && r.err().contains(fx.v2.substring(0, 7)), r.err());
    CliResult found = jdvc.ok("which", "data/sub/b2.txt", "--json");
    assertTrue(found.out().contains("\"unexpanded\": [") && found.out().contains(fx.v2), found.out());
  }

  @Test
  void logMarksVersionsWhoseManifestIsMissingAsUnknown() {
    jdvc.ok("gc", "-w", "-f");
    CliResult r = jdvc.ok("log", "data/a.txt");
    assertTrue(r.out().contains("commit " + fx.v1), "v1 must not vanish from the log: " + r.out());
    assertTrue(r.out().contains("data/a.txt (data.dvc): unknown (the manifest of"), r.out());
    assertTrue(r.err().contains(fx.v1.substring(0, 7)), r.err());
    CliResult json = jdvc.ok("log", "data/a.txt", "--json");
    assertTrue(json.out().contains("\"unexpanded_dir\": \""), json.out());
  }
  @Test
  void whichSkipsABrokenPointerInAnOldCommitAndNamesIt() {
    String oops = HistoryFixture.brokenPointerInHistory(repo);
    CliResult r = jdvc.ok("which", "data/e.txt");
    assertTrue(r.out().contains("data/e.txt  (data.dvc, in output data)"), r.out());
    assertTrue(r.err().contains("skipped bad.dvc in commit " + oops.substring(0, 7) + " 'oops'"), r.err());
  }
}
