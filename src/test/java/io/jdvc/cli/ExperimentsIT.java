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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Experiments end to end on a one-stage python3 pipeline: what {@code exp run} leaves in Git is checked with plain
 * {@code git} commands, as DVC would read it.
 */
class ExperimentsIT {
  static final String TRAIN_PY = String.join("\n",
      "import json, os, yaml",
      "p = yaml.safe_load(open('params.yaml'))['train']",
      "open('model.txt', 'w').write('model with %s trees\\n' % p['n_est'])",
      "json.dump({'acc': 0.5 + p['n_est'] / 1000.0, 'loss': 0.123456789}, open('metrics.json', 'w'))",
      "open('env.txt', 'w').write('%s %s %s\\n' % (os.environ.get('DVC_EXP_NAME'),",
      "    os.environ.get('DVC_EXP_BASELINE_REV'), os.environ.get('DVC_ROOT')))",
      "");
  static final String DVC_YAML = String.join("\n",
      "stages:",
      "  train:",
      "    cmd: python3 train.py",
      "    deps:",
      "    - train.py",
      "    params:",
      "    - train.n_est",
      "    outs:",
      "    - model.txt",
      "    - env.txt:",
      "        cache: false",
      "    metrics:",
      "    - metrics.json:",
      "        cache: false",
      "");

  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  Path root;
  String base;

  @BeforeEach
  void setUp() {
    repo = TempGitRepo.create(tmp.resolve("project"));
    root = repo.root();
    jdvc = new CliRunner(root);
    jdvc.ok("init");
    repo.write("train.py", TRAIN_PY);
    repo.write("dvc.yaml", DVC_YAML);
    repo.write("params.yaml", "# how many trees\ntrain:\n  n_est: 50\n  seed: 1\n");
    repo.write(".gitignore", "/model.txt\n");
    jdvc.ok("repro");
    base = repo.commitAll("baseline");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  /** Runs {@code git args...} in the project; its stdout, trimmed. */
  String git(String... args) {
    try {
      List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new AssertionError("git " + String.join(" ", args) + ": " + err);
      }
      return out.strip();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Experiment refs, without DVC's bookkeeping namespaces. */
  List<String> expRefs() {
    String all = git("for-each-ref", "--format=%(refname)", "refs/exps");
    return all.isEmpty() ? List.of() : all.lines().filter(r -> !r.matches("refs/exps/(exec|temp|apply|celery)/.*"))
        .toList();
  }

  String expRef(String name) {
    return "refs/exps/" + base.substring(0, 2) + "/" + base.substring(2) + "/" + name;
  }

  @Test
  void runRecordsOneCommitOnTheBaselineAndLeavesHeadAndIndexAlone() throws IOException {
    String indexBefore = git("ls-files", "-s");
    CliResult r = jdvc.ok("exp", "run", "-S", "train.n_est=60", "-n", "e1");
    assertTrue(r.out().contains("Ran experiment(s): e1"), r.out());

    assertEquals(List.of(expRef("e1")), expRefs());
    String exp = git("rev-parse", expRef("e1"));
    assertEquals(base, git("rev-list", "--parents", "-n", "1", exp).split(" ")[1]);
    assertEquals(2, git("rev-list", "--parents", "-n", "1", exp).split(" ").length, "one parent only");
    assertTrue(git("log", "-1", "--format=%B", exp).matches("dvc: commit experiment [0-9a-f]{64}"));
    assertEquals("# how many trees\ntrain:\n  n_est: 60\n  seed: 1", git("show", exp + ":params.yaml"));
    String lock = git("show", exp + ":dvc.lock");
    assertTrue(lock.contains("n_est: 60"), lock);
    String files = git("ls-tree", "-r", "--name-only", exp);
    assertTrue(files.contains("metrics.json") && files.contains("env.txt"), files);
    assertFalse(files.contains("model.txt") || files.contains(".dvc/tmp"), files);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("path: model.txt\\s+hash: md5\\s+md5: (\\w+)")
        .matcher(lock);
    assertTrue(m.find(), lock);
    String md5 = m.group(1);
    assertTrue(Files.exists(root.resolve(".dvc/cache/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2))));

    assertEquals("refs/heads/main", git("symbolic-ref", "HEAD"));
    assertEquals(base, git("rev-parse", "HEAD"));
    assertEquals(indexBefore, git("ls-files", "-s"));
    assertTrue(git("diff", "HEAD", "--name-only").lines().toList().containsAll(List.of("dvc.lock", "params.yaml")));
    assertEquals("model with 60 trees\n", Files.readString(root.resolve("model.txt")));
    assertEquals("e1 " + base + " " + root + "\n", Files.readString(root.resolve("env.txt")));
  }

  @Test
  void namesFollowDvcsRules() {
    for (String bad : List.of("a/b", "a..b", "a~b", "a?b", "a b", "x.", ".x", "x.lock")) {
      CliResult r = jdvc.run("exp", "run", "-n", bad);
      assertNotEquals(0, r.exitCode(), bad);
      assertTrue(r.err().contains("invalid experiment name"), r.err());
    }
    assertEquals(List.of(), expRefs());
    jdvc.ok("exp", "run", "-n", "e1");
    CliResult again = jdvc.run("exp", "run", "-n", "e1");
    assertNotEquals(0, again.exitCode());
    assertTrue(again.err().contains("existing experiment 'e1'"), again.err());
    jdvc.ok("exp", "run", "-n", "e1", "-f");
    jdvc.ok("exp", "run");
    assertEquals(2, expRefs().size());
    assertTrue(expRefs().stream().anyMatch(r -> r.matches(".*/[a-z]{5}-[a-z]{4}")), expRefs().toString());
  }

  @Test
  void aFailedStageMakesNoRefAndRestoresTheParams() throws IOException {
    repo.write("train.py", "raise SystemExit(3)\n");
    repo.commitAll("broken");
    CliResult r = jdvc.run("exp", "run", "-S", "train.n_est=70", "-n", "bad");
    assertNotEquals(0, r.exitCode());
    assertTrue(r.err().contains("train"), r.err());
    assertEquals(List.of(), git("for-each-ref", "refs/exps").lines().toList());
    assertTrue(Files.readString(root.resolve("params.yaml")).contains("n_est: 50"));
  }

  @Test
  void aMissingParamIsRefusedBeforeAnythingRuns() throws IOException {
    CliResult r = jdvc.run("exp", "run", "-S", "train.depth=3");
    assertNotEquals(0, r.exitCode());
    assertTrue(r.err().contains("'train.depth' is not in params.yaml"), r.err());
    assertTrue(r.err().contains("+train.depth=3"), r.err());
    assertEquals("# how many trees\ntrain:\n  n_est: 50\n  seed: 1\n", Files.readString(root.resolve("params.yaml")));
  }
}
