package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment as DVC leaves it, built with plain {@code git} plumbing from docs' format reference
 * ({@code dvc-experiments.md} section 1): one commit whose only parent is the baseline, message {@code dvc: commit
 * experiment <sha256>}, the ref {@code refs/exps/<B[:2]>/<B[2:]>/<name>} (packed), beside DVC's bookkeeping refs
 * ({@code exec/EXEC_*}, {@code celery/stash}) that are no experiments. jdvc lists, shows, applies and pulls it.
 */
class DvcMadeExperimentIT {
  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  Path root;
  String base;
  String exp;
  String modelMd5;
  byte[] model = "model with 77 trees\n".getBytes(StandardCharsets.UTF_8);

  @BeforeEach
  void setUp() throws Exception {
    repo = TempGitRepo.create(tmp.resolve("project"));
    root = repo.root();
    jdvc = new CliRunner(root);
    jdvc.ok("init");
    base = ExperimentsIT.commitTrainProject(repo, jdvc);

    // the experiment commit DVC's executor makes: the baseline's tree with the run's params, lock and metrics
    modelMd5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(model));
    String lock = git(null, "show", base + ":dvc.lock");
    String oldMd5 = lock.replaceAll("(?s).*path: model.txt\\s+hash: md5\\s+md5: (\\w+).*", "$1");
    lock = lock.replace("train.n_est: 50", "train.n_est: 77").replace(oldMd5, modelMd5)
        .replaceAll("(path: model.txt\\s+hash: md5\\s+md5: \\w+\\s+size: )\\d+", "$1" + model.length) + "\n";
    Map<String, String> index = Map.of("GIT_INDEX_FILE", tmp.resolve("exp-index").toString());
    git(index, "read-tree", base);
    for (String[] f : new String[][] {{"params.yaml", "train:\n  n_est: 77\n  seed: 1\n"}, {"dvc.lock", lock},
        {"metrics.json", "{\"acc\": 0.577, \"loss\": 0.123456789}"}}) {
      Path tmpFile = tmp.resolve("blob");
      Files.writeString(tmpFile, f[1]);
      String blob = git(null, "hash-object", "-w", tmpFile.toString());
      git(index, "update-index", "--cacheinfo", "100644," + blob + "," + f[0]);
    }
    String tree = git(index, "write-tree");
    exp = git(null, "commit-tree", tree, "-p", base, "-m", "dvc: commit experiment " + "ab".repeat(32));
    git(null, "update-ref", "refs/exps/" + base.substring(0, 2) + "/" + base.substring(2) + "/dvc-made", exp);
    // DVC's leftovers: not experiments
    git(null, "update-ref", "refs/exps/exec/EXEC_HEAD", base);
    git(null, "update-ref", "refs/exps/exec/EXEC_BASELINE", base);
    git(null, "update-ref", "refs/exps/celery/stash", base);
    git(null, "pack-refs", "--all");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  /** Runs {@code git -C root args...} with extra environment; its stdout, trimmed. */
  String git(Map<String, String> env, String... args) {
    try {
      List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString()));
      cmd.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(cmd);
      if (env != null) {
        pb.environment().putAll(env);
      }
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), "git " + String.join(" ", args) + ": " + err);
      return out.strip();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  void putObject(Path filesRoot) throws IOException {
    Path obj = filesRoot.resolve("files/md5/" + modelMd5.substring(0, 2) + "/" + modelMd5.substring(2));
    Files.createDirectories(obj.getParent());
    Files.write(obj, model);
  }

  @Test
  void jdvcListsShowsAndAppliesIt() throws IOException {
    assertEquals("main:\n\t" + exp.substring(0, 7) + " [dvc-made]\n", jdvc.ok("exp", "list").out());
    String json = jdvc.ok("exp", "show", "--json").out();
    assertTrue(json.contains("\"rev\": \"" + exp + "\""), json);
    assertTrue(json.contains("\"name\": \"dvc-made\""), json);
    assertTrue(json.replaceAll("\\s", "").contains("\"train\":{\"n_est\":77"), json);
    assertFalse(json.contains("EXEC_") || json.contains("stash"), "DVC's bookkeeping refs are no experiments");
    String csv = jdvc.ok("exp", "show", "--csv").out();
    assertTrue(csv.contains("dvc-made," + exp.substring(0, 7) + ",branch_base,"), csv);
    assertTrue(csv.contains(",0.577,"), csv);

    putObject(root.resolve(".dvc/cache"));
    jdvc.ok("exp", "apply", "dvc-made");
    assertEquals("train:\n  n_est: 77\n  seed: 1\n", Files.readString(root.resolve("params.yaml")));
    assertEquals("model with 77 trees\n", Files.readString(root.resolve("model.txt")));
    assertEquals(base, git(null, "rev-parse", "HEAD"));
    assertEquals("refs/heads/main", git(null, "symbolic-ref", "HEAD"));
  }

  @Test
  void jdvcPullsItsRefAndData() throws IOException {
    Path bare = tmp.resolve("origin.git");
    Path store = tmp.resolve("store");
    putObject(store);
    git(null, "init", "-q", "--bare", bare.toString());
    git(null, "remote", "add", "origin", bare.toString());
    git(null, "push", "-q", "origin", "main", "refs/exps/*:refs/exps/*");
    Path clone = tmp.resolve("clone");
    git(null, "clone", "-q", "-b", "main", bare.toString(), clone.toString());
    CliRunner other = new CliRunner(clone);
    other.ok("remote", "add", "-d", "store", store.toString());

    assertTrue(other.ok("exp", "list", "origin").out().contains("\tdvc-made"));
    assertTrue(other.ok("exp", "pull", "origin", "dvc-made").out().contains("Pulled experiment 'dvc-made'"));
    String ref = "refs/exps/" + base.substring(0, 2) + "/" + base.substring(2) + "/dvc-made";
    assertEquals(exp, git(null, "-C", clone.toString(), "rev-parse", ref));
    assertTrue(Files.exists(clone.resolve(".dvc/cache/files/md5/" + modelMd5.substring(0, 2) + "/"
        + modelMd5.substring(2))), "the experiment's model is in the clone's cache");
    assertEquals("main:\n\t" + exp.substring(0, 7) + " [dvc-made]\n", other.ok("exp", "list").out());
  }
}
