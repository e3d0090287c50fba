package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor's question through {@code audit}, {@code which} and {@code log}: a registered model's version or
 * stage, or an experiment name, in place of a Git revision.
 */
class LineageIT {
  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  Path root;
  String v1;
  String v2;

  @BeforeEach
  void setUp() throws IOException {
    Files.createDirectories(tmp.resolve("full"));
    Files.createDirectories(tmp.resolve("partial"));
    repo = TempGitRepo.create(tmp.resolve("project"));
    root = repo.root();
    jdvc = new CliRunner(root);
    jdvc.ok("init");
    jdvc.ok("remote", "add", "-d", "full", tmp.resolve("full").toString());
    jdvc.ok("remote", "add", "partial", tmp.resolve("partial").toString());
    repo.write("train.py", ExperimentsIT.TRAIN_PY);
    repo.write("dvc.yaml", ExperimentsIT.DVC_YAML + "artifacts:\n  model:\n    path: model.txt\n    type: model\n");
    repo.write("params.yaml", "train:\n  n_est: 50\n");
    repo.write(".gitignore", "/model.txt\n");
    jdvc.ok("repro");
    v1 = repo.commitAll("model v1");
    jdvc.ok("push", "-r", "partial");
    repo.write("params.yaml", "train:\n  n_est: 70\n");
    jdvc.ok("repro");
    v2 = repo.commitAll("model v2");
    jdvc.ok("push");
    jdvc.ok("artifacts", "register", "model", v1, "--version", "v1.0.0");
    jdvc.ok("artifacts", "register", "model", v2, "--version", "v1.1.0");
    jdvc.ok("artifacts", "assign", "model", "prod", "--version", "v1.1.0");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  String git(String... args) {
    return ModelRegistryIT.git(root, args);
  }

  String md5OfModelAt(String commit) {
    String lock = git("show", commit + ":dvc.lock");
    int at = lock.indexOf("path: model.txt");
    int md5 = lock.indexOf("md5: ", at) + 5;
    return lock.substring(md5, md5 + 32);
  }

  @Test
  void auditOfAStageNamesTheModelItsMakersAndEveryRemote() {
    assertEquals(v2, git("rev-parse", "model#prod#1^{commit}"));
    CliResult r = jdvc.run("audit", "model#prod", "--all-remotes");
    // v2's model was pushed to 'full' only: missing from 'partial' is the exit code for missing
    assertEquals(ExitCode.AUDIT_MISSING, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("Lineage of model#prod (v1.1.0) = model.txt at commit " + v2), r.out());
    assertTrue(r.out().contains("md5: " + md5OfModelAt(v2) + "  cache: present  full: present  partial: missing"),
        r.out());
    assertTrue(r.out().contains("stage train: python3 train.py"), r.out());
    assertTrue(r.out().contains("param  params.yaml:train.n_est = 70"), r.out());
    assertTrue(r.out().contains("metrics metrics.json: {"), r.out());

    CliResult old = jdvc.run("audit", "model@v1.0.0", "-r", "partial", "--json");
    assertEquals(0, old.exitCode(), old.out() + old.err());
    assertTrue(old.out().contains("\"revision\": \"model@v1.0.0\""), old.out());
    assertTrue(old.out().contains("\"md5\": \"" + md5OfModelAt(v1) + "\""), old.out());
    assertTrue(old.out().contains("\"train.n_est\": \"50\"") || old.out().contains("\"train.n_est\": 50"),
        old.out());

    CliResult unknown = jdvc.run("audit", "model#staging");
    assertNotEquals(0, unknown.exitCode());
    assertTrue(unknown.err().contains("no version of 'model' is in stage 'staging'"), unknown.err());
    CliResult neither = jdvc.run("audit", "no-such-thing");
    assertNotEquals(0, neither.exitCode());
    assertTrue(neither.err().contains("not a Git revision, an experiment name or a registry reference"),
        neither.err());
  }

  @Test
  void anExperimentNameIsARevisionForAuditWhichAndLog() throws IOException {
    jdvc.ok("exp", "run", "-S", "train.n_est=90", "-n", "e1");
    String exp = git("for-each-ref", "--format=%(objectname)", "refs/exps/");
    String expModel = md5OfModelAt(exp);
    Files.writeString(root.resolve("model.txt"), "local edit\n");

    CliResult audit = jdvc.run("audit", "e1");
    assertEquals(ExitCode.AUDIT_MISSING, audit.exitCode(), audit.out() + audit.err()); // not pushed
    assertTrue(audit.out().contains("Lineage of e1 at commit " + exp), audit.out());
    assertTrue(audit.out().contains("param  params.yaml:train.n_est = 90"), audit.out());

    CliResult which = jdvc.run("which", "model.txt", "--rev", "e1");
    assertEquals(0, which.exitCode(), which.out() + which.err());
    assertTrue(which.out().startsWith(expModel + " found at"), which.out());
    assertTrue(which.out().contains(exp) && which.out().contains("[exp e1]"), which.out());

    List<String> log = jdvc.ok("log", "model.txt", "--rev", "e1", "--json").out().lines()
        .filter(l -> l.contains("\"oid\"")).toList();
    assertEquals(3, log.size(), log.toString());
    assertTrue(log.get(0).contains(expModel), log.toString());
  }

  @Test
  void whichAndLogTakeARegistryReference() {
    CliResult which = jdvc.run("which", "model#prod");
    assertEquals(0, which.exitCode(), which.out() + which.err());
    assertTrue(which.out().startsWith(md5OfModelAt(v2) + " found at 1 path(s):"), which.out());
    assertTrue(which.out().contains("model#prod#1") && which.out().contains("model@v1.1.0"), which.out());
    assertTrue(which.out().contains("produced by stage 'train'"), which.out());

    String log = jdvc.ok("log", "model@v1.0.0").out();
    assertTrue(log.contains("commit " + v1) && !log.contains("commit " + v2), log);
    assertTrue(log.contains("model.txt (dvc.lock): " + md5OfModelAt(v1)), log);
    CliResult missing = jdvc.run("which", "model@v9.0.0");
    assertNotEquals(0, missing.exitCode());
    assertTrue(missing.err().contains("'model' has no version v9.0.0"), missing.err());
  }
}
