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
import java.util.Map;
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

  /**
   * Writes the one-stage project (train.py, dvc.yaml, params.yaml {@code train: {n_est: 50, seed: 1}}), runs it and
   * commits it; returns the commit.
   */
  static String commitTrainProject(TempGitRepo repo, CliRunner jdvc) {
    repo.write("train.py", TRAIN_PY);
    repo.write("dvc.yaml", DVC_YAML);
    repo.write("params.yaml", "train:\n  n_est: 50\n  seed: 1\n");
    repo.write(".gitignore", "/model.txt\n");
    jdvc.ok("repro");
    return repo.commitAll("baseline");
  }

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
    jdvc.ok("exp", "run", "-m", "my own message");
    assertEquals(2, expRefs().size());
    String random = expRefs().stream().filter(r -> r.matches(".*/[a-z]{5}-[a-z]{4}")).findFirst().orElseThrow();
    assertEquals("my own message", git("log", "-1", "--format=%B", random), "-m replaces DVC's message");
  }

  @Test
  void aFailedStageMakesNoRefAndLeavesTheWorkspaceAsItWas() throws IOException {
    // the stage writes its outputs, then fails
    repo.write("train.py", TRAIN_PY + "raise SystemExit(3)\n");
    jdvc.ok("commit", "-f"); // the workspace matches dvc.lock again (train.py's hash)
    repo.commitAll("broken");
    Map<String, String> before = new java.util.TreeMap<>();
    for (String f : List.of("params.yaml", "dvc.lock", "model.txt", "metrics.json", "env.txt")) {
      before.put(f, Files.readString(root.resolve(f)));
    }
    CliResult r = jdvc.run("exp", "run", "-S", "train.n_est=70", "-n", "bad");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("failed to reproduce 'train': command 'python3 train.py' exited with 3"), r.err());
    assertTrue(r.err().contains("no experiment was recorded"), r.err());
    assertEquals(List.of(), git("for-each-ref", "refs/exps").lines().toList());
    for (Map.Entry<String, String> f : before.entrySet()) {
      assertEquals(f.getValue(), Files.readString(root.resolve(f.getKey())), f.getKey() + " as it was");
    }
    assertEquals("", git("status", "--porcelain"));
  }

  @Test
  void aMissingParamIsRefusedBeforeAnythingRuns() throws IOException {
    CliResult r = jdvc.run("exp", "run", "-S", "train.depth=3");
    assertNotEquals(0, r.exitCode());
    assertTrue(r.err().contains("'train.depth' is not in params.yaml"), r.err());
    assertTrue(r.err().contains("+train.depth=3"), r.err());
    assertEquals("# how many trees\ntrain:\n  n_est: 50\n  seed: 1\n", Files.readString(root.resolve("params.yaml")));
  }

  @Test
  void listShowAndCompareExperiments() {
    jdvc.ok("exp", "run", "-S", "train.n_est=60", "-n", "e1");
    jdvc.ok("exp", "run", "-S", "train.n_est=90", "-n", "e2");
    String e1 = git("rev-parse", expRef("e1"));
    String list = jdvc.ok("exp", "list").out();
    assertTrue(list.startsWith("main:\n"), list);
    assertTrue(list.contains("\t" + e1.substring(0, 7) + " [e1]\n"), list);
    // newest first by commit time, whose resolution is a second: two runs in one second may come in either order
    assertEquals(List.of("e1", "e2"), jdvc.ok("exp", "list", "--name-only").out().lines().sorted().toList());
    git("pack-refs", "--all");
    assertEquals(list, jdvc.ok("exp", "list").out(), "packed experiment refs are read as loose ones");

    String csv = jdvc.ok("exp", "show", "--csv").out();
    assertTrue(csv.startsWith("Experiment,rev,typ,Created,parent,"), csv);
    assertTrue(csv.contains("e1," + e1.substring(0, 7) + ",branch_base,"), csv);
    String table = jdvc.ok("exp", "show").out();
    assertTrue(table.contains("0.12346"), "metrics to 5 significant digits: " + table);
    assertTrue(table.contains("└── ") && table.contains("[e1]"), table);
    String md = jdvc.ok("exp", "show", "--md", "--only-changed").out();
    assertTrue(md.startsWith("| Experiment"), md);
    assertFalse(md.contains("train.seed"), "a param equal in every row is dropped: " + md);
    String sorted = jdvc.ok("exp", "show", "--sort-by", "n_est", "--sort-order", "desc", "--csv").out();
    assertTrue(sorted.indexOf("e2,") < sorted.indexOf("e1,"), sorted);
    String asc = jdvc.ok("exp", "show", "--sort-by", "train.n_est", "--csv").out();
    assertTrue(asc.indexOf("e1,") < asc.indexOf("e2,"), asc);

    String diff = jdvc.ok("exp", "diff", "e1", "e2", "--json").out();
    assertTrue(diff.contains("\"train.n_est\": {\n        \"old\": 60,\n        \"new\": 90,\n        \"diff\": 30"), diff);
    assertTrue(diff.contains("\"acc\""), diff);
    assertFalse(diff.contains("\"seed\""), "unchanged params are left out without --all: " + diff);
    String mdDiff = jdvc.ok("exp", "diff", "e1", "e2", "--md").out();
    assertTrue(mdDiff.startsWith("| Path | Metric | e1 | e2 | Change |\n") && mdDiff.contains("\n\n| Path | Param | e1 "
        + "| e2 | Change |\n") && mdDiff.contains("| params.yaml | train.n_est | 60 | 90 | 30 |"), "two tables, as DVC: "
        + mdDiff);
    String text = jdvc.ok("exp", "diff", "e1", "e2").out();
    assertTrue(text.matches("(?s).*params.yaml +train.n_est +60 +90 +30\n.*"), text);

    String json = jdvc.ok("exp", "show", "--json").out();
    assertTrue(json.contains("\"rev\": \"" + base + "\""), json);
    assertTrue(json.contains("\"name\": \"e1\""), json);
    assertTrue(json.contains("\"executor\": null"), json);
  }

  @Test
  void applyBranchAndRemove() throws IOException {
    jdvc.ok("exp", "run", "-S", "train.n_est=60", "-n", "e1");
    String e1 = git("rev-parse", expRef("e1"));
    jdvc.ok("exp", "run", "-S", "train.n_est=70", "-n", "e2");
    repo.write("notes.txt", "my notes\n");
    repo.write("params.yaml", "# edited\ntrain:\n  n_est: 5\n  seed: 1\n");

    jdvc.ok("exp", "apply", "e1");
    assertEquals("# how many trees\ntrain:\n  n_est: 60\n  seed: 1\n", Files.readString(root.resolve("params.yaml")));
    assertEquals("model with 60 trees\n", Files.readString(root.resolve("model.txt")));
    assertEquals("my notes\n", Files.readString(root.resolve("notes.txt")));
    assertEquals("refs/heads/main", git("symbolic-ref", "HEAD"));
    assertEquals(base, git("rev-parse", "HEAD"));
    assertTrue(git("show", "refs/jdvc/exp-apply/backup:params.yaml").contains("n_est: 5"), "overwritten work saved");

    repo.write("other.txt", "x\n");
    repo.commitAll("HEAD moves on");
    jdvc.ok("exp", "apply", "e2");
    assertTrue(Files.readString(root.resolve("params.yaml")).contains("n_est: 70"), "apply works off the baseline");
    base = git("rev-parse", "HEAD~1");

    jdvc.ok("exp", "branch", "e1");
    assertEquals(e1, git("rev-parse", "refs/heads/e1-branch"));
    assertNotEquals(0, jdvc.run("exp", "branch", "e1").exitCode());
    assertEquals(base, git("rev-parse", "HEAD~1"));

    CliResult rm = jdvc.ok("exp", "remove", "e1");
    assertTrue(rm.out().contains("Removed experiments: 'e1'"), rm.out());
    assertEquals(List.of(expRef("e2")), expRefs());
    assertEquals("commit", git("cat-file", "-t", e1), "the commit stays until git gc");
    jdvc.ok("exp", "run", "-n", "e3");
    base = git("rev-parse", "HEAD"); // e3's baseline is the new HEAD
    jdvc.ok("exp", "remove", "--keep", "e3");
    assertEquals(List.of(expRef("e3")), expRefs());
    jdvc.ok("exp", "remove", "-A");
    assertEquals(List.of(), expRefs());
  }

  @Test
  void removeByBaselinesQueueEntriesAndOnTheRemote() throws IOException {
    String c0 = base;
    jdvc.ok("exp", "run", "-n", "old1");
    repo.write("other.txt", "1\n");
    repo.commitAll("c1");
    jdvc.ok("exp", "run", "-n", "mid1");
    repo.write("other.txt", "2\n");
    repo.commitAll("c2");
    jdvc.ok("exp", "run", "-n", "new1");
    String removed = jdvc.ok("exp", "remove", "--rev", "HEAD", "-n", "2").out();
    assertTrue(removed.contains("'new1'") && removed.contains("'mid1'") && !removed.contains("old1"), removed);
    assertEquals(List.of(expRef("old1")), expRefs(), "only the experiments of HEAD and HEAD~1");

    jdvc.ok("exp", "run", "--queue", "-n", "q1");
    jdvc.ok("exp", "run", "--queue", "-n", "q2");
    jdvc.ok("exp", "run", "--queue", "-n", "q3");
    CliResult unknown = jdvc.run("exp", "remove", "q1", "nope");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("'nope' does not appear to be an experiment; nothing was removed"),
        unknown.err());
    assertEquals("Removed experiments: 'q1'\n", jdvc.ok("exp", "remove", "q1").out(), "a queued name");
    String status = jdvc.ok("queue", "status").out();
    assertTrue(!status.contains("q1") && status.contains("q2"), status);
    assertEquals("Removed experiments: 'q2', 'q3'\n", jdvc.ok("exp", "remove", "--queue").out());
    assertEquals("No experiments in the queue.\n", jdvc.ok("queue", "status").out());
    assertEquals(List.of(expRef("old1")), expRefs(), "--queue leaves experiment refs alone");

    Path bare = tmp.resolve("origin.git");
    git("init", "-q", "--bare", bare.toString());
    git("remote", "add", "origin", bare.toString());
    jdvc.ok("exp", "push", "origin", "-A", "--no-cache");
    assertEquals(expRef("old1"), git("--git-dir", bare.toString(), "for-each-ref", "--format=%(refname)"));
    assertEquals("Removed experiments: 'old1'\n", jdvc.ok("exp", "remove", "-g", "origin", "-A").out());
    assertEquals("", git("--git-dir", bare.toString(), "for-each-ref"));
    assertEquals(List.of(expRef("old1")), expRefs(), "-g leaves local refs alone");
    assertEquals(c0, base);
  }

  @Test
  void pushAndPullExperimentsThroughAGitRemoteAndTheDvcRemote() throws IOException {
    Path bare = tmp.resolve("origin.git");
    Path store = Files.createDirectories(tmp.resolve("store"));
    jdvc.ok("remote", "add", "-d", "store", store.toString());
    base = repo.commitAll("with a remote");
    git("init", "-q", "--bare", bare.toString());
    git("remote", "add", "origin", bare.toString());
    git("push", "-q", "origin", "main");
    jdvc.ok("exp", "run", "-S", "train.n_est=60", "-n", "e1");
    String e1 = git("rev-parse", expRef("e1"));
    String model = Files.readString(root.resolve("dvc.lock")).replaceAll("(?s).*path: model.txt\\s+hash: md5\\s+md5: (\\w+).*",
        "$1");

    CliResult pushed = jdvc.ok("exp", "push", "origin", "e1");
    assertTrue(pushed.out().contains("Pushed experiment 'e1' to Git remote 'origin'."), pushed.out());
    assertEquals(e1, git("--git-dir", bare.toString(), "rev-parse", expRef("e1")));
    assertTrue(Files.exists(store.resolve("files/md5/" + model.substring(0, 2) + "/" + model.substring(2))));
    assertTrue(jdvc.ok("exp", "push", "origin", "e1").out().contains("is up to date"));
    assertEquals("\te1", jdvc.ok("exp", "list", "origin").out().lines().skip(1).findFirst().orElse(""));

    Path clone = tmp.resolve("clone");
    git("clone", "-q", "-b", "main", bare.toString(), clone.toString());
    CliRunner other = new CliRunner(clone);
    CliResult pulled = other.ok("exp", "pull", "origin", "e1");
    assertTrue(pulled.out().contains("Pulled experiment 'e1' from Git remote 'origin'."), pulled.out());
    assertEquals(e1, git("-C", clone.toString(), "rev-parse", expRef("e1")));
    assertTrue(Files.exists(clone.resolve(".dvc/cache/files/md5/" + model.substring(0, 2) + "/" + model.substring(2))));
    assertFalse(Files.exists(clone.resolve("model.txt")), "pull fills the cache only");
    assertTrue(other.ok("exp", "list").out().contains("[e1]"));

    // exp rename -g: the ref moves on the remote (here from a clone that lacks the commit); local refs stay
    Path third = tmp.resolve("third");
    git("clone", "-q", "-b", "main", bare.toString(), third.toString());
    CliResult renamed = new CliRunner(third).ok("exp", "rename", "-g", "origin", "e1", "best");
    assertEquals("Renamed experiments: 'e1'\n", renamed.out());
    assertEquals(expRef("best"), git("--git-dir", bare.toString(), "for-each-ref", "--format=%(refname)",
        "refs/exps"));
    assertEquals(e1, git("--git-dir", bare.toString(), "rev-parse", expRef("best")));
    assertEquals("", git("-C", third.toString(), "for-each-ref", "refs/exps", "refs/jdvc"));
    assertEquals(List.of(expRef("e1")), expRefs(), "the local ref is not renamed");
    CliResult noSuch = jdvc.run("exp", "rename", "-g", "origin", "e1", "other");
    assertEquals(1, noSuch.exitCode());
    assertTrue(noSuch.err().contains("'e1' does not appear to be an experiment on Git remote 'origin'"),
        noSuch.err());
    jdvc.ok("exp", "rename", "-g", "origin", "best", "e1");
    assertEquals(e1, git("--git-dir", bare.toString(), "rev-parse", expRef("e1")));

    jdvc.ok("exp", "remove", "-g", "origin", "e1");
    assertEquals("", git("--git-dir", bare.toString(), "for-each-ref", "refs/exps"));
    assertEquals(List.of(expRef("e1")), expRefs(), "the local ref stays");
  }

  @Test
  void aGitRemoteThatRefusesTheRefGetsNeitherRefNorData() throws IOException {
    Path bare = tmp.resolve("refusing.git");
    Path store = Files.createDirectories(tmp.resolve("store"));
    jdvc.ok("remote", "add", "-d", "store", store.toString());
    repo.commitAll("with a remote");
    git("init", "-q", "--bare", bare.toString());
    Files.writeString(bare.resolve("refs/exps"), "a file where the remote would need a directory\n");
    git("remote", "add", "refusing", bare.toString());
    jdvc.ok("exp", "run", "-S", "train.n_est=60", "-n", "e1");

    CliResult r = jdvc.run("exp", "push", "refusing", "e1", "--run-cache");
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("ERROR: Git remote 'refusing' refused experiment 'e1'"), r.err());
    assertFalse(r.out().contains("Pushed"), r.out());
    try (java.util.stream.Stream<Path> files = Files.walk(store)) {
      assertEquals(List.of(), files.filter(Files::isRegularFile).toList(), "no data for a refused experiment");
    }
    assertEquals(1, expRefs().size(), "the local ref stays");
  }

  @Test
  void pushAndPullTheRunCacheWithTheExperiment() throws IOException {
    Path bare = tmp.resolve("origin.git");
    Path store = Files.createDirectories(tmp.resolve("store"));
    jdvc.ok("remote", "add", "-d", "store", store.toString());
    // DVC's run cache keeps only stages whose outputs are all cached
    repo.write("dvc.yaml", "stages:\n  train:\n    cmd: python3 train.py\n    deps:\n    - train.py\n"
        + "    params:\n    - train.n_est\n    outs:\n    - model.txt\n");
    jdvc.ok("repro");
    repo.commitAll("with a remote");
    git("init", "-q", "--bare", bare.toString());
    git("remote", "add", "origin", bare.toString());
    git("push", "-q", "origin", "main");
    jdvc.ok("exp", "run", "-S", "train.n_est=60", "-n", "e1");
    assertTrue(Files.isDirectory(root.resolve(".dvc/cache/runs")));
    jdvc.ok("exp", "push", "origin", "e1");
    assertFalse(Files.exists(store.resolve("runs")), "the run cache only with --run-cache (DVC's default)");
    jdvc.ok("exp", "push", "origin", "e1", "--run-cache");
    assertTrue(Files.isDirectory(store.resolve("runs")), "the run cache is on the DVC remote");

    Path clone = tmp.resolve("clone");
    git("clone", "-q", "-b", "main", bare.toString(), clone.toString());
    new CliRunner(clone).ok("exp", "pull", "origin", "e1", "--run-cache");
    assertTrue(Files.isDirectory(clone.resolve(".dvc/cache/runs")), "pulled into the clone's run cache");
  }

  @Test
  void queuedSweepRunsInParallelCopiesAndLeavesTheWorkspaceAlone() throws IOException {
    byte[] params = Files.readAllBytes(root.resolve("params.yaml"));
    byte[] lock = Files.readAllBytes(root.resolve("dvc.lock"));
    CliResult queued = jdvc.ok("exp", "run", "--queue", "-S", "train.n_est=60,70", "-n", "q");
    assertTrue(queued.out().contains("Queued experiment 'q-1' for future execution."), queued.out());
    assertEquals(List.of(), expRefs(), "queueing makes no experiment ref");
    assertTrue(java.util.Arrays.equals(params, Files.readAllBytes(root.resolve("params.yaml"))));
    String status = jdvc.ok("queue", "status").out();
    assertTrue(status.contains("q-1") && status.contains("q-2") && status.contains("Queued"), status);

    CliResult ran = jdvc.ok("exp", "run", "--run-all", "-j", "2");
    assertTrue(ran.out().contains("Ran 2 experiment(s): 2 succeeded, 0 failed."), ran.out());
    assertEquals(List.of(expRef("q-1"), expRef("q-2")), expRefs());
    assertFalse(Files.exists(root.resolve(".dvc/tmp/jdvc/queue/run")) && Files.list(root.resolve(
        ".dvc/tmp/jdvc/queue/run")).findAny().isPresent(), "the copies of succeeded runs are gone");
    String q2 = git("rev-parse", expRef("q-2"));
    assertEquals(base, git("rev-list", "--parents", "-n", "1", q2).split(" ")[1]);
    assertTrue(git("show", q2 + ":params.yaml").contains("n_est: 70"));
    assertTrue(git("show", q2 + ":dvc.lock").contains("n_est: 70"));
    // as DVC's queue: DVC_ROOT is the project, not the run's private copy
    assertEquals("q-2 " + base + " " + root, git("show", q2 + ":env.txt"));
    assertTrue(java.util.Arrays.equals(params, Files.readAllBytes(root.resolve("params.yaml"))));
    assertTrue(java.util.Arrays.equals(lock, Files.readAllBytes(root.resolve("dvc.lock"))));
    assertEquals("model with 50 trees\n", Files.readString(root.resolve("model.txt")));

    CliResult temp = jdvc.ok("exp", "run", "--temp", "-S", "train.n_est=80", "-n", "t1");
    assertTrue(temp.out().contains("Ran experiment(s): t1"), temp.out());
    assertTrue(git("show", expRef("t1") + ":params.yaml").contains("n_est: 80"));
    assertEquals("t1 " + base + " " + root, git("show", expRef("t1") + ":env.txt"));
    assertTrue(java.util.Arrays.equals(params, Files.readAllBytes(root.resolve("params.yaml"))));

    repo.write("train.py", "raise SystemExit(3)\n");
    base = repo.commitAll("broken");
    jdvc.ok("exp", "run", "--queue", "-n", "bad");
    CliResult failed = jdvc.run("queue", "start");
    assertEquals(1, failed.exitCode(), failed.out() + failed.err());
    assertTrue(failed.out().contains("Experiment 'bad' failed"), failed.out());
    assertTrue(jdvc.ok("queue", "status").out().matches("(?s).*bad .*Failed.*"));
    assertTrue(jdvc.ok("queue", "logs", "bad").out().contains("train"), "the log names the failed stage");
    assertEquals(List.of(), expRefs().stream().filter(r -> r.endsWith("/bad")).toList());
  }

  @Test
  void showListsRunsOfTheQueueWithTheirState() throws IOException {
    jdvc.ok("exp", "run", "-S", "train.n_est=60", "-n", "done");
    jdvc.ok("exp", "run", "--queue", "-S", "train.n_est=70", "-n", "waiting");
    String id = jdvc.ok("queue", "status").out().lines().filter(l -> l.contains("waiting")).findFirst()
        .orElseThrow().split(" ")[0];

    List<String> csv = jdvc.ok("exp", "show", "--csv").out().lines().toList();
    assertTrue(csv.get(0).startsWith("Experiment,rev,typ,Created,parent,State,Executor,"), csv.get(0));
    String waiting = csv.stream().filter(l -> l.startsWith("waiting,")).findFirst().orElseThrow();
    assertTrue(waiting.startsWith("waiting," + id + ",branch_base,"), waiting);
    assertTrue(waiting.contains(",Queued,Dvc-task,,,70,"), "its -S value, no metrics yet: " + waiting);
    assertTrue(csv.stream().anyMatch(l -> l.startsWith("done,") && l.contains(",,,0.56,0.123456789,60,")),
        csv.toString());
    assertTrue(csv.indexOf(waiting) > csv.indexOf(csv.stream().filter(l -> l.startsWith("done,")).findFirst()
        .orElseThrow()), "queued runs after the recorded experiments");
    String table = jdvc.ok("exp", "show").out();
    assertTrue(table.matches("(?s).*└── " + id + " \\[waiting\\] .* Queued +Dvc-task .*"), table);
    String json = jdvc.ok("exp", "show", "--json").out();
    assertTrue(json.contains("\"state\": \"queued\",\n          \"name\": \"dvc-task\""), json);
    assertFalse(jdvc.ok("exp", "show", "--hide-queued", "--csv").out().contains("waiting"));

    String first = base;
    repo.write("train.py", "raise SystemExit(3)\n");
    base = repo.commitAll("broken");
    jdvc.ok("exp", "run", "--queue", "-n", "broken");
    CliResult ran = jdvc.run("queue", "start");
    assertEquals(1, ran.exitCode(), ran.out() + ran.err());
    // HEAD moved on since 'waiting' was queued: it still runs on its own baseline
    assertTrue(ran.out().contains("Experiment 'waiting' succeeded"), ran.out() + ran.err());
    String waited = git("rev-parse", "refs/exps/" + first.substring(0, 2) + "/" + first.substring(2) + "/waiting");
    assertEquals(first, git("rev-parse", waited + "^"));
    assertTrue(git("show", waited + ":params.yaml").contains("n_est: 70"));
    String failed = jdvc.ok("exp", "show", "--json").out();
    assertTrue(failed.matches("(?s).*\"error\": \\{\n *\"msg\": \"Experiment run failed\".*"), failed);
    assertTrue(failed.contains("\"state\": \"failed\""), failed);
    assertTrue(failed.matches("(?s).*\"log\": \"[^\"]+\\.log\",\n *\"pid\": null,\n *\"returncode\": 1,.*"), failed);
    assertTrue(jdvc.ok("exp", "show", "--csv").out().lines().anyMatch(l -> l.startsWith("broken,")
        && l.contains(",Failed,,")), "a failed run has no executor, as in DVC");
    assertFalse(jdvc.ok("exp", "show", "--hide-failed", "--csv").out().contains("broken"));
    String status = jdvc.ok("queue", "status", "--json").out();
    assertTrue(status.matches("(?s).*\"name\": \"broken\",\n    \"baseline\": \"" + base + "\",\n    \"created\": "
        + "\"[^\"]+\",\n    \"status\": \"failed\",\n    \"returncode\": 1,\n    \"log\": \"[^\"]+\\.log\".*"), status);
    assertTrue(status.contains("\"name\": \"waiting\"") && status.contains("\"status\": \"success\""), status);
  }

  @Test
  void aQueuedRunHardLinksTheDataFromTheCache() throws IOException {
    repo.write("data.bin", "a dataset the run must not copy\n".repeat(1000));
    jdvc.ok("add", "data.bin");
    repo.write("dvc.yaml", "stages:\n  inode:\n    cmd: python3 -c \"import os; open('ino.txt', 'w')"
        + ".write(str(os.stat('data.bin').st_ino))\"\n    deps:\n    - data.bin\n    params:\n    - train.n_est\n"
        + "    outs:\n    - ino.txt:\n        cache: false\n");
    jdvc.ok("repro");
    base = repo.commitAll("data");
    jdvc.ok("exp", "run", "--queue", "-S", "train.n_est=61", "-n", "linked"); // a change, so the stage runs
    jdvc.ok("queue", "start");
    String md5 = Files.readString(root.resolve("data.bin.dvc")).replaceAll("(?s).*md5: (\\w+).*", "$1");
    Path object = root.resolve(".dvc/cache/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2));
    assertEquals(Files.getAttribute(object, "unix:ino").toString(), git("show", expRef("linked") + ":ino.txt"),
        "the run's data.bin is the cache's file, not a copy");
  }

  @Test
  void showScopesAndPrecision() throws IOException {
    String c0 = base;
    jdvc.ok("exp", "run", "-S", "train.n_est=60", "-n", "old");
    repo.write("other.txt", "1\n");
    repo.branch("side");
    String c1 = repo.commitAll("c1");
    jdvc.ok("exp", "run", "-S", "train.n_est=70", "-n", "new");

    List<String> head = baselineRows(jdvc.ok("exp", "show", "--csv").out());
    assertEquals(List.of("main", "new"), head, "HEAD and its experiments only");
    assertEquals(List.of("main", "new", "side", "old"),
        baselineRows(jdvc.ok("exp", "show", "--csv", "-n", "2").out()));
    assertEquals(List.of(c1.substring(0, 7), "new", c0.substring(0, 7), "old"),
        baselineRows(jdvc.ok("exp", "show", "--csv", "-n", "2", "--sha").out()), "--sha: no names");
    assertEquals(List.of("side", "old"), baselineRows(jdvc.ok("exp", "show", "--csv", "--rev", c0).out()),
        "a baseline named after the branch at it");
    List<String> all = baselineRows(jdvc.ok("exp", "show", "--csv", "-A").out());
    assertTrue(all.indexOf("new") == all.indexOf("main") + 1 && all.indexOf("old") == all.indexOf("side") + 1
        && all.size() == 2 + git("rev-list", "HEAD", "--branches", "--tags").lines().count(),
        "every commit of HEAD, branches and tags (not the experiments' own commits), each with its experiments: "
        + all);
    assertTrue(jdvc.ok("exp", "list", "-A", "--name-only").out().lines().sorted().toList()
        .equals(List.of("new", "old")), "exp list -A names each experiment once");
    assertEquals(c1, git("rev-parse", "HEAD"));

    String p2 = jdvc.ok("exp", "show", "--precision", "2").out();
    assertTrue(p2.contains(" 0.12 ") && !p2.contains("0.123"), "2 significant digits: " + p2);
    assertTrue(jdvc.ok("exp", "show", "--csv").out().contains(",0.123456789,"), "CSV at full precision");
  }

  /** Of a --csv table, each row's baseline name or experiment name, skipping the workspace. */
  static List<String> baselineRows(String csv) {
    return csv.lines().skip(2).map(l -> l.split(",", -1)).map(c -> c[0].isEmpty() ? c[1] : c[0]).toList();
  }
}
