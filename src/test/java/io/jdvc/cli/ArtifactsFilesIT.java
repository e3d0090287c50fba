package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code artifacts add/list} (the artifacts: section of dvc.yaml) and {@code artifacts get} (a model's bytes). */
class ArtifactsFilesIT {
  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  Path root;

  @BeforeEach
  void setUp() throws IOException {
    repo = TempGitRepo.create(tmp.resolve("project"));
    root = repo.root();
    jdvc = new CliRunner(root);
    jdvc.ok("init");
    Files.createDirectories(tmp.resolve("store"));
    jdvc.ok("remote", "add", "-d", "store", tmp.resolve("store").toString());
    repo.write("train.py", ExperimentsIT.TRAIN_PY);
    repo.write("dvc.yaml", "# the pipeline\n" + ExperimentsIT.DVC_YAML);
    repo.write("params.yaml", "train:\n  n_est: 50\n");
    repo.write(".gitignore", "/model.txt\n");
    jdvc.ok("repro");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  void git(Path dir, String... args) {
    try {
      List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), "git " + String.join(" ", args) + ": " + out);
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void addWritesTheDeclarationAsDvcDoesAndListShowsIt() throws IOException {
    String before = Files.readString(root.resolve("dvc.yaml"));
    CliResult added = jdvc.ok("artifacts", "add", "model", "model.txt", "--type", "model", "--desc", "A model",
        "--label", "nlp", "--label", "small", "--meta", "owner=ann");
    assertTrue(added.out().contains("Added artifact 'model' (model.txt) to dvc.yaml."), added.out());
    assertEquals(before + String.join("\n", "artifacts:", "  model:", "    path: model.txt", "    desc: A model",
        "    type: model", "    labels:", "    - nlp", "    - small", "    meta:", "      owner: ann", ""),
        Files.readString(root.resolve("dvc.yaml")));
    jdvc.ok("artifacts", "add", "data", "data/raw", "--type", "dataset");
    assertTrue(Files.readString(root.resolve("dvc.yaml")).endsWith("      owner: ann\n  data:\n    path: data/raw\n"
        + "    type: dataset\n"));

    CliResult again = jdvc.run("artifacts", "add", "model", "other.pkl");
    assertEquals(1, again.exitCode());
    assertTrue(again.err().contains("artifact 'model' already exists in 'dvc.yaml'"), again.err());
    assertTrue(Files.readString(root.resolve("dvc.yaml")).contains("path: model.txt"));
    jdvc.ok("artifacts", "add", "model", "model2.txt", "-f");
    String forced = Files.readString(root.resolve("dvc.yaml"));
    assertTrue(forced.contains("  model:\n    path: model2.txt\n  data:"), forced);
    CliResult badName = jdvc.run("artifacts", "add", "bad name", "x.pkl");
    assertEquals(1, badName.exitCode());
    assertTrue(badName.err().contains("Can't use 'bad name' as artifact name (ID)."), badName.err());

    jdvc.ok("artifacts", "add", "clf", "clf.pkl", "--dvc-file", "sub/dvc.yaml");
    assertEquals("artifacts:\n  clf:\n    path: clf.pkl\n", Files.readString(root.resolve("sub/dvc.yaml")));
    List<String> list = jdvc.ok("artifacts", "list").out().lines().toList();
    assertEquals("name     path         type     desc  labels", list.get(0));
    assertTrue(list.contains("data     data/raw     dataset  -     -"), list.toString());
    assertTrue(list.contains("sub:clf  sub/clf.pkl  -        -     -"), list.toString());
    String json = jdvc.ok("artifacts", "list", "--json").out();
    assertTrue(json.contains("\"sub/dvc.yaml\": {") && json.contains("\"path\": \"clf.pkl\""), json);
    // DVC's pipeline still loads: the stage runs as before
    jdvc.ok("repro");
  }

  @Test
  void getFetchesTheBytesOfAVersionOrStageFromTheRemote() throws IOException {
    jdvc.ok("artifacts", "add", "model", "model.txt", "--type", "model");
    repo.commitAll("v1");
    jdvc.ok("push");
    jdvc.ok("artifacts", "register", "model");
    repo.write("params.yaml", "train:\n  n_est: 60\n");
    jdvc.ok("repro");
    repo.commitAll("v2");
    jdvc.ok("push");
    jdvc.ok("artifacts", "assign", "model", "prod");
    // nothing in the local cache: the bytes must come from the remote
    deleteTree(root.resolve(".dvc/cache"));

    CliResult first = jdvc.ok("artifacts", "get", "model@v0.0.1", "-o", "m1.txt");
    assertEquals("model with 50 trees\n", Files.readString(root.resolve("m1.txt")));
    assertTrue(first.out().contains("Downloaded model v0.0.1 (model.txt at "), first.out());
    CliResult exists = jdvc.run("artifacts", "get", "model@v0.0.1", "-o", "m1.txt");
    assertEquals(1, exists.exitCode());
    assertTrue(exists.err().contains("already exists"), exists.err());

    Path bare = tmp.resolve("registry.git");
    git(tmp, "clone", "--bare", root.toString(), bare.toString());
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    CliRunner outside = new CliRunner(elsewhere);
    String json = outside.ok("artifacts", "get", bare.toString(), "model#prod", "--json").out();
    assertEquals("model with 60 trees\n", Files.readString(elsewhere.resolve("model.txt")));
    assertTrue(json.contains("\"version\": \"v0.0.2\""), json);
    CliResult unknown = outside.run("artifacts", "get", bare.toString(), "model#staging", "-o", "x.txt");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("no version of 'model' is in stage 'staging'"), unknown.err());
    assertFalse(Files.exists(elsewhere.resolve("x.txt")));
    CliResult noRepo = outside.run("artifacts", "get", "model#prod");
    assertNotEquals(0, noRepo.exitCode());
    assertTrue(noRepo.err().contains("no REPO_URL given"), noRepo.err());
  }

  static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
