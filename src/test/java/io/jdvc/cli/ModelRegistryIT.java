package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model registry as GTO's tags, checked with {@code git tag -n} and {@code git cat-file}. */
class ModelRegistryIT {
  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  Path root;

  @BeforeEach
  void setUp() {
    repo = TempGitRepo.create(tmp.resolve("project"));
    root = repo.root();
    jdvc = new CliRunner(root);
    jdvc.ok("init");
    repo.write("train.py", ExperimentsIT.TRAIN_PY);
    repo.write("dvc.yaml", ExperimentsIT.DVC_YAML + "artifacts:\n  model:\n    path: model.txt\n    type: model\n");
    repo.write("params.yaml", "train:\n  n_est: 50\n");
    repo.write(".gitignore", "/model.txt\n");
    jdvc.ok("repro");
    repo.commitAll("model v1");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  String git(String... args) {
    return git(root, args);
  }

  /** Runs {@code git -C root args...}, asserting it succeeds; its stdout, trimmed. */
  static String git(Path root, String... args) {
    try {
      List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.getErrorStream().readAllBytes();
      assertEquals(0, p.waitFor(), "git " + args[0]);
      return out.strip();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void versionsAndStagesAreGtoTags() {
    String first = repo.head();
    CliResult r = jdvc.ok("artifacts", "register", "model");
    assertTrue(r.out().contains("Created git tag 'model@v0.0.1' that registers version"), r.out());
    assertEquals("tag", git("cat-file", "-t", "model@v0.0.1"));
    assertEquals("model@v0.0.1    Registering artifact model version v0.0.1", git("tag", "-n", "model@v0.0.1"));
    assertEquals(first, git("rev-parse", "model@v0.0.1^{commit}"));

    repo.write("params.yaml", "train:\n  n_est: 60\n");
    jdvc.ok("repro");
    String second = repo.commitAll("model v2");
    jdvc.ok("artifacts", "register", "model", "--version", "v1.3.0");
    jdvc.ok("artifacts", "assign", "model", "v1.3.0", "prod"); // NAME [VERSION] STAGE
    assertEquals("model#prod#1    Assigning stage prod to artifact model version v1.3.0", git("tag", "-n",
        "model#prod#1"));
    assertEquals(second, git("rev-parse", "model#prod#1^{commit}"));
    jdvc.ok("artifacts", "assign", "model", "dev", "--version", "v0.0.1");
    assertEquals(first, git("rev-parse", "model#dev#2^{commit}"));

    String show = jdvc.ok("artifacts", "show").out();
    assertEquals(List.of("name   latest  #dev    #prod", "model  v1.3.0  v0.0.1  v1.3.0"), show.lines().toList());
    assertTrue(jdvc.ok("artifacts", "show", "--json").out().contains("\"prod\": \"v1.3.0\""));
    String history = jdvc.ok("artifacts", "history", "model").out();
    assertTrue(history.contains("assignment") && history.contains("registration"), history);

    String lineage = jdvc.ok("artifacts", "lineage", "model#prod").out();
    assertTrue(lineage.contains("model v1.3.0 (model#prod) = model.txt at commit " + second), lineage);
    assertTrue(lineage.contains("param  params.yaml:train.n_est = 60"), lineage);
    assertTrue(lineage.contains("dep    train.py"), lineage);
    assertTrue(lineage.contains("in cache: yes"), lineage);

    // GTO's shortcuts narrow 'show NAME'
    assertEquals(List.of("artifact  version  stage  commit", "model     v1.3.0   prod   " + second.substring(0, 7)),
        jdvc.ok("artifacts", "show", "model#prod").out().lines().toList());
    assertTrue(jdvc.ok("artifacts", "show", "model@v0.0.1").out().contains("v0.0.1   dev"));
    assertEquals(2, jdvc.ok("artifacts", "show", "model@latest").out().lines().count());

    // gto deprecate NAME VERSION STAGE / NAME VERSION / NAME, with GTO's default tag forms and messages
    jdvc.ok("artifacts", "deprecate", "model", "v0.0.1", "dev");
    assertEquals("model#dev!#3    Unassigning stage 'dev' to artifact 'model' version 'v0.0.1'",
        git("tag", "-n", "model#dev!#3"));
    jdvc.ok("artifacts", "deprecate", "model", "v0.0.1");
    assertEquals("model@v0.0.1!   Deregistering artifact model version v0.0.1", git("tag", "-n", "model@v0.0.1!"));
    assertEquals(List.of("name   latest  #dev  #prod", "model  v1.3.0  -     v1.3.0"),
        jdvc.ok("artifacts", "show").out().lines().toList());
    jdvc.ok("artifacts", "deprecate", "model");
    assertEquals("model@deprecated Deprecating artifact 'model'", git("tag", "-n", "model@deprecated"));
    assertEquals(git("rev-parse", "model@v0.0.1!^{commit}"), git("rev-parse", "model@deprecated^{commit}"),
        "on the commit of the artifact's latest event, as GTO");
    assertEquals(List.of("name  latest  #dev  #prod"), jdvc.ok("artifacts", "show").out().lines().toList());
    CliResult twice = jdvc.run("artifacts", "deprecate", "model");
    assertEquals(1, twice.exitCode());
    assertTrue(twice.err().contains("Artifact was deprecated already"), twice.err());
  }

  @Test
  void pushSendsTheTagsToTheGitRemote() {
    Path bare = tmp.resolve("origin.git");
    git("init", "-q", "--bare", bare.toString());
    git("remote", "add", "origin", bare.toString());
    CliResult r = jdvc.ok("artifacts", "assign", "model", "prod", "--push");
    assertTrue(r.out().contains("Pushed refs/tags/model@v0.0.1 to 'origin': success"), r.out());
    assertEquals(List.of("model#prod#1    Assigning stage prod to artifact model version v0.0.1",
        "model@v0.0.1    Registering artifact model version v0.0.1"),
        git("--git-dir", bare.toString(), "tag", "-n").lines().toList());
    assertEquals(repo.head(), git("--git-dir", bare.toString(), "rev-parse", "model#prod#1^{commit}"));
  }

  @Test
  void badRegistryInputIsRefused() {
    jdvc.ok("artifacts", "register", "model", "--version", "v1.0.0");
    CliResult sameCommit = jdvc.run("artifacts", "register", "model", "--version", "v1.1.0");
    assertNotEquals(0, sameCommit.exitCode());
    assertTrue(sameCommit.err().contains("v1.0.0 of 'model' is already registered at this commit"),
        sameCommit.err());
    jdvc.ok("artifacts", "assign", "model", "v1.0.0", "prod");
    CliResult twice = jdvc.run("artifacts", "assign", "model", "v1.0.0", "prod");
    assertNotEquals(0, twice.exitCode());
    assertTrue(twice.err().contains("version v1.0.0 of 'model' is already in stage 'prod'"), twice.err());
    repo.write("notes.txt", "a new commit\n");
    repo.commitAll("next");
    CliResult again = jdvc.run("artifacts", "register", "model", "--version", "v1.0.0");
    assertNotEquals(0, again.exitCode());
    assertTrue(again.err().contains("version v1.0.0 of 'model' already exists"), again.err());
    CliResult badVersion = jdvc.run("artifacts", "register", "model", "--version", "1.2");
    assertNotEquals(0, badVersion.exitCode());
    assertTrue(badVersion.err().contains("'1.2' is not a valid version"), badVersion.err());
    assertEquals(List.of("model#prod#1", "model@v1.0.0"), git("tag").lines().toList(), "no tag from bad input");
    CliResult undeclared = jdvc.run("artifacts", "register", "other");
    assertNotEquals(0, undeclared.exitCode());
    assertTrue(undeclared.err().contains("not declared in dvc.yaml"), undeclared.err());
    CliResult noStage = jdvc.run("artifacts", "lineage", "model#staging");
    assertNotEquals(0, noStage.exitCode());
    assertTrue(noStage.err().contains("no version of 'model' is in stage 'staging'"), noStage.err());
  }
}
