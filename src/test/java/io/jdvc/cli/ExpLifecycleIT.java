package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exp save}, {@code exp rename}, {@code exp clean}, {@code queue kill} and {@code queue stop}. */
class ExpLifecycleIT {
  static final String SLOW_PY = String.join("\n",
      "import time, yaml",
      "p = yaml.safe_load(open('params.yaml'))['train']",
      "time.sleep(p['sleep'])",
      "open('model.txt', 'w').write('slept %s\\n' % p['sleep'])",
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
    repo.write("train.py", ExperimentsIT.TRAIN_PY);
    repo.write("slow.py", SLOW_PY);
    repo.write("dvc.yaml", ExperimentsIT.DVC_YAML + String.join("\n",
        "  slow:",
        "    cmd: python3 slow.py",
        "    deps:",
        "    - slow.py",
        "    params:",
        "    - train.sleep",
        "    outs:",
        "    - slept.txt:",
        "        cache: false",
        "    - model.txt.slow",
        ""));
    repo.write("slow.py", SLOW_PY.replace("'model.txt'", "'model.txt.slow'") + "open('slept.txt', 'w').write('x')\n");
    repo.write("params.yaml", "train:\n  n_est: 50\n  sleep: 0\n");
    repo.write(".gitignore", "/model.txt\n/model.txt.slow\n");
    jdvc.ok("repro");
    base = repo.commitAll("baseline");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  String git(String... args) {
    return ModelRegistryIT.git(root, args);
  }

  String expRef(String name) {
    return "refs/exps/" + base.substring(0, 2) + "/" + base.substring(2) + "/" + name;
  }

  @Test
  void saveRecordsTheWorkspaceAsAnExperimentAndRenameMovesItsRef() throws IOException {
    repo.write("params.yaml", "train:\n  n_est: 65\n  sleep: 0\n");
    jdvc.ok("repro");
    String index = git("ls-files", "-s");
    repo.write("notes.txt", "why 65\n");
    CliResult saved = jdvc.ok("exp", "save", "-n", "s1", "-I", "notes.txt");
    assertEquals("Experiment has been saved as: s1\n", saved.out());
    String s1 = git("rev-parse", expRef("s1"));
    assertEquals(s1 + " " + base, git("rev-list", "--parents", "-n", "1", s1));
    assertTrue(git("log", "-1", "--format=%B", s1).matches("dvc: commit experiment [0-9a-f]{64}"));
    assertTrue(git("show", s1 + ":params.yaml").contains("n_est: 65"));
    assertTrue(git("show", s1 + ":dvc.lock").contains("n_est: 65"));
    assertEquals("why 65", git("show", s1 + ":notes.txt"));
    assertEquals(base, git("rev-parse", "HEAD"));
    assertEquals(index, git("ls-files", "-s"), "the index stays");

    CliResult taken = jdvc.run("exp", "save", "-n", "s1");
    assertEquals(1, taken.exitCode());
    assertTrue(taken.err().contains("Experiment conflicts with existing experiment 's1'."), taken.err());
    String json = jdvc.ok("exp", "save", "--json").out();
    String other = git("for-each-ref", "--format=%(objectname)", "refs/exps/").lines()
        .filter(c -> !c.equals(s1)).findFirst().orElseThrow();
    assertEquals("{\n  \"ref\": \"" + other + "\"\n}\n", json);

    assertEquals("Renamed experiments: 's1'\n", jdvc.ok("exp", "rename", "s1", "best").out());
    assertEquals(s1, git("rev-parse", expRef("best")));
    assertEquals("", git("for-each-ref", expRef("s1")));
    CliResult bad = jdvc.run("exp", "rename", "best", "a..b");
    assertEquals(1, bad.exitCode());
    CliResult unknown = jdvc.run("exp", "rename", "nope", "x");
    assertTrue(unknown.err().contains("'nope' does not appear to be an experiment"), unknown.err());
    jdvc.ok("exp", "save", "-n", "second");
    CliResult clash = jdvc.run("exp", "rename", "best", "second");
    assertTrue(clash.err().contains("Experiment conflicts with existing experiment 'second'."), clash.err());
    assertEquals(s1, git("rev-parse", expRef("best")), "a refused rename changes nothing");
    jdvc.ok("exp", "rename", "best", "second", "-f");
    assertEquals(s1, git("rev-parse", expRef("second")));
  }

  @Test
  void saveRecursiveCommitsTheDataUnderADirectoryOnly() throws Exception {
    repo.write("data/sub/x.txt", "one\n");
    repo.write("other.txt", "a\n");
    jdvc.ok("add", "data/sub/x.txt");
    jdvc.ok("add", "other.txt");
    base = repo.commitAll("data");
    Files.createDirectories(root.resolve("empty"));
    repo.write("empty/readme", "x\n");
    repo.write("data/sub/x.txt", "two\n");
    repo.write("other.txt", "b\n");

    CliResult none = jdvc.run("exp", "save", "-R", "empty", "-n", "r0");
    assertEquals(1, none.exitCode());
    assertTrue(none.err().contains("no .dvc file or stage under 'empty'"), none.err());
    jdvc.ok("exp", "save", "-R", "data", "-n", "r1");
    String r1 = git("rev-parse", expRef("r1"));
    String two = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest("two\n".getBytes()));
    assertTrue(git("show", r1 + ":data/sub/x.txt.dvc").contains("md5: " + two), "the data under 'data' is saved");
    assertTrue(Files.exists(root.resolve(".dvc/cache/files/md5/" + two.substring(0, 2) + "/" + two.substring(2))));
    assertEquals(git("show", base + ":other.txt.dvc"), git("show", r1 + ":other.txt.dvc"), "outside 'data': not");
  }

  @Test
  void ctrlCDuringExpRunLeavesNoRefAndTheLockAndParamsAsTheyWere() throws Exception {
    byte[] lock = Files.readAllBytes(root.resolve("dvc.lock"));
    byte[] params = Files.readAllBytes(root.resolve("params.yaml"));
    Path log = tmp.resolve("cut.log");
    Process p = io.jdvc.testing.JdvcChild.startAndWaitFor(root, log, () -> {
      try {
        return Files.readString(log).contains("Running stage 'slow'");
      } catch (IOException e) {
        return false;
      }
    }, "exp", "run", "-S", "train.sleep=60", "-n", "cut", "slow");
    assertTrue(p.isAlive(), Files.readString(log));
    assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()); // Ctrl-C
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "jdvc ends on SIGINT");
    assertEquals(130, p.exitValue(), Files.readString(log));
    assertEquals("", git("for-each-ref", "refs/exps"), "no experiment ref");
    assertEquals(new String(lock), Files.readString(root.resolve("dvc.lock")));
    assertEquals(new String(params), Files.readString(root.resolve("params.yaml")), "the -S edit is undone");
    assertEquals(base, git("rev-parse", "HEAD"));
    jdvc.ok("exp", "run", "-n", "after", "slow"); // the repository lock was released
  }

  @Test
  void killEndsOneRunTheOthersFinishAndTheCacheIsWhole() throws Exception {
    jdvc.ok("exp", "run", "--queue", "-S", "train.sleep=60", "-n", "long", "slow");
    jdvc.ok("exp", "run", "--queue", "-S", "train.sleep=1", "-n", "short", "slow");
    CompletableFuture<CliResult> worker = CompletableFuture.supplyAsync(() -> jdvc.run("queue", "start", "-j", "2"));
    Path queue = root.resolve(".dvc/tmp/jdvc/queue");
    waitFor(() -> logOf(queue, "long").contains("Running stage 'slow'"), worker);
    CliResult kill = jdvc.ok("queue", "kill", "-f", "long");
    assertTrue(kill.out().startsWith("Killed experiment 'long'"), kill.out());
    CliResult ended = worker.get(120, TimeUnit.SECONDS);
    assertEquals(1, ended.exitCode(), ended.out() + ended.err());
    assertTrue(ended.out().contains("Ran 2 experiment(s): 1 succeeded, 1 failed."), ended.out());
    String status = jdvc.ok("queue", "status").out();
    assertTrue(status.matches("(?s).*long .*Failed \\(exit 137\\).*"), status);
    assertTrue(status.matches("(?s).*short .*Success.*"), status);
    assertFalse(git("for-each-ref", expRef("short")).isEmpty());
    assertEquals("", git("for-each-ref", expRef("long")));
    assertTrue(jdvc.ok("queue", "logs", "long").out().contains("Running stage 'slow'"));
    assertCacheIsWhole();
    CliResult notRunning = jdvc.run("queue", "kill", "long");
    assertEquals(1, notRunning.exitCode());
    assertTrue(notRunning.err().contains("Experiment 'long' is not running"), notRunning.err());

    // exp clean: the failed run's copy goes, its entry and log stay
    assertTrue(Files.isDirectory(queue.resolve("run")) && Files.list(queue.resolve("run")).count() == 1);
    assertTrue(jdvc.ok("exp", "clean").out().contains("Removed 1 run copy."));
    assertEquals(0, Files.list(queue.resolve("run")).count());
    assertTrue(jdvc.ok("queue", "logs", "long").out().contains("Running stage 'slow'"));
  }

  @Test
  void twoWorkersShareTheQueueAndAWorkerKilledMidRunLeavesItsEntryFailed() throws Exception {
    jdvc.ok("exp", "run", "--queue", "-S", "train.sleep=60", "-n", "long", "slow");
    jdvc.ok("exp", "run", "--queue", "-S", "train.sleep=2", "-n", "short", "slow");
    Path queue = root.resolve(".dvc/tmp/jdvc/queue");
    // two 'queue start' processes: each entry is run by one of them only
    Process a = io.jdvc.testing.JdvcChild.start(root, tmp.resolve("a.log"), "queue", "start");
    Process b = io.jdvc.testing.JdvcChild.start(root, tmp.resolve("b.log"), "queue", "start");
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!logOf(queue, "long").contains("Running stage 'slow'")) {
        assertTrue(System.nanoTime() < deadline && (a.isAlive() || b.isAlive()), "long never started");
        Thread.sleep(100);
      }
      Path pids;
      try (Stream<Path> files = Files.list(queue)) {
        pids = files.filter(f -> f.toString().endsWith(".json") && readQuietly(f).contains("\"name\": \"long\""))
            .map(f -> f.resolveSibling(f.getFileName().toString().replace(".json", ".pid"))).findFirst()
            .orElseThrow();
      }
      long workerOfLong = Long.parseLong(Files.readString(pids).strip().split(" ")[0]);
      Process killed = workerOfLong == a.pid() ? a : b;
      Process other = killed == a ? b : a;
      assertEquals(workerOfLong, killed.pid(), "the worker is one of the two 'queue start' processes");
      List<ProcessHandle> tree = killed.descendants().toList();
      killed.destroyForcibly(); // kill -9 of the worker, its run and the stage, as the OOM killer would
      tree.forEach(ProcessHandle::destroyForcibly);

      assertTrue(other.waitFor(120, TimeUnit.SECONDS), "the other worker finishes");
      String otherLog = Files.readString(other == a ? tmp.resolve("a.log") : tmp.resolve("b.log"));
      assertEquals(0, other.exitValue(), otherLog);
      assertTrue(otherLog.contains("Ran 1 experiment(s): 1 succeeded, 0 failed."), otherLog);
      String status = jdvc.ok("queue", "status").out();
      assertTrue(status.matches("(?s).*long .*Failed \\(its worker died\\).*"), status);
      assertTrue(status.matches("(?s).*short .*Success.*"), status);
      assertFalse(git("for-each-ref", expRef("short")).isEmpty());
      assertEquals("", git("for-each-ref", expRef("long")));
      assertCacheIsWhole();
    } finally {
      a.destroyForcibly();
      b.destroyForcibly();
    }
  }

  static String readQuietly(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      return "";
    }
  }

  @Test
  void logsFollowPrintsARunsOutputUntilItEnds() throws Exception {
    jdvc.ok("exp", "run", "--queue", "-S", "train.sleep=3", "-n", "followed", "slow");
    CompletableFuture<CliResult> worker = CompletableFuture.supplyAsync(() -> jdvc.run("queue", "start"));
    Path queue = root.resolve(".dvc/tmp/jdvc/queue");
    waitFor(() -> logOf(queue, "followed").contains("Running stage 'slow'"), worker);
    assertTrue(jdvc.ok("exp", "show", "--csv").out().lines().anyMatch(l -> l.startsWith("followed,")
        && l.contains(",Running,Dvc-task,")), "exp show lists the running experiment");
    assertTrue(jdvc.ok("exp", "show", "--json").out().matches("(?s).*\"state\": \"running\",.*\"pid\": [0-9]+,.*"),
        "with the pid of its jdvc process");
    String followed = jdvc.ok("queue", "logs", "-f", "followed").out();
    assertTrue(followed.contains("Running stage 'slow'") && followed.contains("Ran experiment(s): followed"),
        "the whole output, to the end of the run: " + followed);
    assertEquals(0, worker.get(120, TimeUnit.SECONDS).exitCode());
    assertEquals(followed, jdvc.ok("queue", "logs", "followed").out(), "the same as the finished log");
  }

  @Test
  void stopLetsTheRunningOneFinishAndStartsNoMore() throws Exception {
    jdvc.ok("exp", "run", "--queue", "-S", "train.sleep=3", "-n", "first", "slow");
    jdvc.ok("exp", "run", "--queue", "-S", "train.sleep=3", "-n", "later", "slow");
    CompletableFuture<CliResult> worker = CompletableFuture.supplyAsync(() -> jdvc.run("queue", "start", "-j", "1"));
    Path queue = root.resolve(".dvc/tmp/jdvc/queue");
    waitFor(() -> logOf(queue, "first").contains("Running stage 'slow'"), worker);
    CliResult stop = jdvc.ok("queue", "stop");
    assertTrue(stop.out().contains("1 running experiment(s) will finish."), stop.out());
    CliResult ended = worker.get(120, TimeUnit.SECONDS);
    assertEquals(0, ended.exitCode(), ended.out() + ended.err());
    assertTrue(ended.out().contains("Ran 1 experiment(s): 1 succeeded, 0 failed."), ended.out());
    assertTrue(ended.out().contains("Stopped by 'jdvc queue stop': 1 experiment(s) left queued."), ended.out());
    assertTrue(jdvc.ok("queue", "status").out().matches("(?s).*later .*Queued.*"));
    // the next start runs what was left
    assertTrue(jdvc.ok("queue", "start").out().contains("Ran 1 experiment(s): 1 succeeded, 0 failed."));
  }

  @Test
  void aQueuedRunCarriesTheWorkspacesUncommittedChanges() throws IOException {
    String original = Files.readString(root.resolve("train.py"));
    repo.write("train.py", original.replace("model with", "MODEL with"));
    jdvc.ok("exp", "run", "--queue", "-S", "train.n_est=70", "-n", "dirty", "train");
    String kept = git("for-each-ref", "--format=%(objectname)", "refs/jdvc/queue/");
    assertTrue(git("show", kept + ":train.py").contains("MODEL with"), "the queued workspace is kept in Git");
    assertEquals(base, git("rev-parse", kept + "^"));
    repo.write("train.py", original); // what the workspace holds when the queue runs does not matter
    jdvc.ok("queue", "start");
    String exp = git("rev-parse", expRef("dirty"));
    assertEquals(base, git("rev-parse", exp + "^"), "the baseline stays the parent");
    assertTrue(git("show", exp + ":train.py").contains("MODEL with"));
    assertTrue(git("show", exp + ":params.yaml").contains("n_est: 70"));
    jdvc.ok("exp", "apply", "dirty");
    assertEquals("MODEL with 70 trees\n", Files.readString(root.resolve("model.txt")));
    assertEquals("", git("for-each-ref", "refs/jdvc/queue/"), "its workspace ref goes with the entry");
  }

  @Test
  void aRunWhoseWorkerDiedIsShownFailed() throws Exception {
    jdvc.ok("exp", "run", "--queue", "-n", "orphan");
    Path queue = root.resolve(".dvc/tmp/jdvc/queue");
    Path entry;
    try (Stream<Path> files = Files.list(queue)) {
      entry = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(entry, Files.readString(entry).replace("\"queued\"", "\"running\""));
    Files.writeString(queue.resolve(entry.getFileName().toString().replace(".json", ".pid")), gone.pid() + " 0\n");
    String status = jdvc.ok("queue", "status").out();
    assertTrue(status.matches("(?s).*orphan .*Failed \\(its worker died\\).*"), status);
    jdvc.ok("queue", "remove", "--failed");
    assertEquals("No experiments in the queue.\n", jdvc.ok("queue", "status").out());
  }

  @Test
  void aRunWhoseCopyCannotBeMadeIsFailedWithItsReason() throws Exception {
    jdvc.ok("exp", "run", "--queue", "-n", "nowhere");
    Path queue = root.resolve(".dvc/tmp/jdvc/queue");
    Files.writeString(queue.resolve("run"), "a file where the runs' copies go\n");
    CliResult r = jdvc.run("queue", "start");
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("Experiment 'nowhere' failed with exit code 1"), r.out());
    assertTrue(jdvc.ok("queue", "status").out().matches("(?s).*nowhere .*Failed \\(exit 1\\).*"),
        "Failed, not left Running");
    assertTrue(jdvc.ok("queue", "logs", "nowhere").out().startsWith("ERROR: "), "the reason is in its log");
    assertEquals("", git("for-each-ref", "refs/exps"));
  }

  static String logOf(Path queue, String name) {
    try (Stream<Path> files = Files.list(queue)) {
      for (Path json : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        if (Files.readString(json).contains("\"name\": \"" + name + "\"")) {
          Path log = json.resolveSibling(json.getFileName().toString().replace(".json", ".log"));
          return Files.exists(log) ? Files.readString(log) : "";
        }
      }
      return "";
    } catch (IOException e) {
      return "";
    }
  }

  static void waitFor(Supplier<Boolean> condition, CompletableFuture<CliResult> worker) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.get()) {
      if (worker.isDone()) {
        throw new AssertionError("the queue ended first: " + worker.get().out() + worker.get().err());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out");
      }
      Thread.sleep(100);
    }
  }

  /** Every object in the cache hashes to its name: a killed run left nothing half-written there. */
  void assertCacheIsWhole() throws Exception {
    try (Stream<Path> files = Files.walk(root.resolve(".dvc/cache/files/md5"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getParent().getFileName() + f.getFileName().toString();
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (InputStream in = Files.newInputStream(f)) {
          md5.update(in.readAllBytes());
        }
        assertEquals(name.replace(".dir", ""), name.endsWith(".dir") ? name.replace(".dir", "")
            : HexFormat.of().formatHex(md5.digest()), "cache object " + f);
      }
    }
  }
}
