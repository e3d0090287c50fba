package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipelines end to end on a project laid out as DVC's get-started example, whose {@code dvc.lock},
 * {@code data/data.xml.dvc} and cache were written as DVC 3.x writes them (testdata/pipeline/make_fixture.py): the
 * stages are real python3 programs run through the shell.
 */
class PipelineIT {
  private static final Path FIXTURE = Path.of("testdata/pipeline/get-started");
  private static final Path FIXTURE_CACHE = Path.of("testdata/pipeline/get-started-cache");

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
    copyTree(FIXTURE, root);
    copyTree(FIXTURE_CACHE, root.resolve(".dvc/cache"));
    repo.commitAll("get-started, as DVC wrote it");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private String read(String rel) throws IOException {
    return Files.readString(root.resolve(rel));
  }

  /** The lock entry of one stage, as text, for byte-for-byte comparisons. */
  private String lockBlock(String stage) throws IOException {
    String lock = read("dvc.lock");
    int start = lock.indexOf("\n  " + stage + ":\n");
    int end = lock.indexOf("\n  ", start + 3);
    while (end >= 0 && lock.charAt(end + 3) == ' ') {
      end = lock.indexOf("\n  ", end + 1);
    }
    return end < 0 ? lock.substring(start) : lock.substring(start, end);
  }

  @Test
  void aDvcWrittenPipelineIsUpToDateAndReproRunsNothing() throws IOException {
    byte[] lock = Files.readAllBytes(root.resolve("dvc.lock"));
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());
    assertEquals("{}", jdvc.ok("status", "--json").out().strip());
    CliResult r = jdvc.ok("repro");
    assertEquals("'data/data.xml.dvc' didn't change, skipping\n"
        + "Stage 'prepare' didn't change, skipping\n"
        + "Stage 'featurize' didn't change, skipping\n"
        + "Stage 'train' didn't change, skipping\n"
        + "Stage 'evaluate' didn't change, skipping\n"
        + "Data and pipelines are up to date.\n", r.out());
    assertArrayEquals(lock, Files.readAllBytes(root.resolve("dvc.lock")), "dvc.lock must stay byte-identical");
  }

  @Test
  void changingOneParamRerunsExactlyTheStagesDownstream() throws IOException {
    String before = read("dvc.lock");
    repo.write("params.yaml", read("params.yaml").replace("n_est: 50", "n_est: 60"));
    String status = jdvc.ok("status").out();
    assertEquals("train:\n\tchanged deps:\n\t\tparams.yaml:\n\t\t\tmodified:           train.n_est\n", status);
    assertEquals("{\n  \"train\": [\n    {\n      \"changed deps\": {\n        \"params.yaml\": {\n"
        + "          \"train.n_est\": \"modified\"\n        }\n      }\n    }\n  ]\n}\n", jdvc.ok("status", "--json").out(),
        "DVC's shape: stage -> [{kind: {path: status}}], a params file -> {key: status}");
    String out = jdvc.ok("repro").out();
    assertTrue(out.contains("Stage 'prepare' didn't change, skipping"), out);
    assertTrue(out.contains("Stage 'featurize' didn't change, skipping"), out);
    assertTrue(out.contains("Running stage 'train':\n> python3 src/train.py data/features model.pkl"), out);
    assertTrue(out.contains("Running stage 'evaluate':"), out);
    assertTrue(read("model.pkl").contains("n_est=60"));
    String after = read("dvc.lock");
    assertTrue(after.contains("        train.n_est: 60\n"), after);
    assertEquals(before.substring(0, before.indexOf("  train:")), after.substring(0, after.indexOf("  train:")),
        "the lock entries of stages that did not run stay byte-identical");
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());
    assertTrue(jdvc.ok("repro").out().endsWith("Data and pipelines are up to date.\n"));
  }

  @Test
  void diffAndLogSeeTheOutputsOfStages() throws IOException {
    String first = repo.head();
    repo.write("params.yaml", read("params.yaml").replace("n_est: 50", "n_est: 60"));
    jdvc.ok("repro");
    String uncommitted = jdvc.ok("diff").out();
    assertTrue(uncommitted.startsWith("Modified:\n    model.pkl\n\n"), uncommitted);
    repo.commitAll("n_est 60");
    String diff = jdvc.ok("diff", first).out();
    assertEquals(uncommitted, diff);
    assertFalse(diff.contains("eval/metrics.json"), "cache: false outputs are not data DVC diffs: " + diff);
    String json = jdvc.ok("diff", first, "--json").out();
    assertTrue(json.contains("\"path\": \"model.pkl\",\n      \"hash\": {\n        \"old\": "
        + "\"77a3f9853759fe9113f5c79a6c8c5361\""), json);
    String log = jdvc.ok("log", "model.pkl").out();
    assertTrue(log.contains("model.pkl (dvc.lock): 77a3f9853759fe9113f5c79a6c8c5361"), log);
    assertTrue(log.indexOf("n_est 60") < log.indexOf("get-started, as DVC wrote it"), log);
  }

  @Test
  void theRunCacheRestoresARunInsteadOfRepeatingIt() throws IOException {
    repo.write("params.yaml", read("params.yaml").replace("n_est: 50", "n_est: 60"));
    jdvc.ok("repro", "train");
    String model60 = read("model.pkl");
    repo.write("params.yaml", read("params.yaml").replace("n_est: 60", "n_est: 70"));
    assertTrue(jdvc.ok("repro", "train").out().contains("Running stage 'train'"));
    repo.write("params.yaml", read("params.yaml").replace("n_est: 70", "n_est: 60"));
    String out = jdvc.ok("repro", "train").out();
    assertTrue(out.contains("Stage 'train' is cached - skipping run, checking out outputs"), out);
    assertEquals(model60, read("model.pkl"));
    assertTrue(read("dvc.lock").contains("        train.n_est: 60\n"));
    try (Stream<Path> runs = Files.walk(root.resolve(".dvc/cache/runs"))) {
      assertEquals(2, runs.filter(Files::isRegularFile).count(), "one run-cache entry per distinct run");
    }
    assertTrue(jdvc.ok("repro", "--no-run-cache", "-f", "train").out().contains("Running stage 'train'"));
  }

  @Test
  void aDeletedPipelineOutputIsReportedAndCheckedOutAgain() throws IOException {
    Files.delete(root.resolve("model.pkl"));
    String status = jdvc.ok("status").out();
    assertTrue(status.contains("train:\n\tchanged outs:\n\t\tdeleted:            model.pkl\n"), status);
    assertTrue(status.contains("evaluate:\n\tchanged deps:\n\t\tdeleted:            model.pkl\n"), status);
    jdvc.ok("checkout");
    assertTrue(read("model.pkl").startsWith("threshold="));
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());
  }

  @Test
  void stagesAndOutputsAreTargets() throws IOException {
    Files.delete(root.resolve("model.pkl"));
    Files.delete(root.resolve("data/features/train.tsv"));
    jdvc.ok("checkout", "train");
    assertTrue(Files.exists(root.resolve("model.pkl")));
    assertFalse(Files.exists(root.resolve("data/features/train.tsv")));
    jdvc.ok("checkout", "dvc.yaml:featurize");
    assertTrue(Files.exists(root.resolve("data/features/train.tsv")));
    CliResult missing = jdvc.run("checkout", "dvc.yaml:nope");
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("stage 'nope' not found in 'dvc.yaml'"), missing.err());
    String ls = jdvc.ok("ls").out();
    assertTrue(ls.contains("model.pkl") && ls.contains("data/features"), ls);
  }

  @Test
  void aDryRunPrintsTheCommandsAndChangesNothing() throws IOException {
    repo.write("params.yaml", read("params.yaml").replace("seed: 20170428\n\nfeaturize", "seed: 1\n\nfeaturize"));
    byte[] lock = Files.readAllBytes(root.resolve("dvc.lock"));
    String model = read("model.pkl");
    String out = jdvc.ok("repro", "--dry").out();
    assertTrue(out.contains("Running stage 'prepare':\n> python3 src/prepare.py data/data.xml"), out);
    assertArrayEquals(lock, Files.readAllBytes(root.resolve("dvc.lock")));
    assertEquals(model, read("model.pkl"));
    assertTrue(jdvc.ok("status").out().contains("prepare.seed"));
  }

  @Test
  void commitRecordsAStageRunByHand() throws IOException {
    repo.write("params.yaml", read("params.yaml").replace("n_est: 50", "n_est: 55"));
    repo.write("model.pkl", "threshold=1.0 n_est=55 seed=1\n");
    CliResult r = jdvc.ok("commit", "train");
    assertTrue(r.out().contains("Updated dvc.lock"), r.out());
    assertTrue(lockBlock("train").contains("train.n_est: 55"), lockBlock("train"));
    String status = jdvc.ok("status").out();
    assertFalse(status.contains("train:"), status);
    assertTrue(status.contains("evaluate:"), "evaluate now reads a new model.pkl: " + status);
  }

  @Test
  void removeOfAStageTakesItOutOfDvcYamlDvcLockAndGitignore() throws IOException {
    byte[] yaml = Files.readAllBytes(root.resolve("dvc.yaml"));
    CliResult output = jdvc.run("remove", "model.pkl");
    assertEquals(1, output.exitCode(), output.out());
    assertTrue(output.err().contains("'model.pkl' is an output of stage 'train', not of a .dvc file")
        && output.err().contains("jdvc remove train"), output.err());
    assertArrayEquals(yaml, Files.readAllBytes(root.resolve("dvc.yaml")));
    jdvc.ok("remove", "train");
    assertFalse(read("dvc.yaml").contains("  train:"), read("dvc.yaml"));
    assertFalse(read("dvc.lock").contains("  train:"), read("dvc.lock"));
    assertFalse(Files.exists(root.resolve(".gitignore")), "its only entry was /model.pkl");
    assertTrue(Files.exists(root.resolve("model.pkl")), "remove keeps the data, as DVC does");
    assertTrue(read("dvc.lock").contains("  evaluate:"));
  }

  @Test
  void moveOfAStageOutputIsRefusedAndMovesNothing() throws IOException {
    // DVC's MoveNotDataSourceError: a stage's output moves with its path in dvc.yaml and in its command
    byte[] yaml = Files.readAllBytes(root.resolve("dvc.yaml"));
    byte[] lock = Files.readAllBytes(root.resolve("dvc.lock"));
    CliResult r = jdvc.run("move", "model.pkl", "models/model.pkl");
    assertEquals(1, r.exitCode(), r.out());
    assertTrue(r.err().contains("cannot move 'model.pkl': it is an output of stage 'train'"), r.err());
    assertTrue(Files.exists(root.resolve("model.pkl")));
    assertFalse(Files.exists(root.resolve("models")));
    assertArrayEquals(yaml, Files.readAllBytes(root.resolve("dvc.yaml")));
    assertArrayEquals(lock, Files.readAllBytes(root.resolve("dvc.lock")));
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());
  }

  @Test
  void paramsAreLockedAsDvcResolvesThemKeepingTheirTypes() throws IOException {
    repo.write("p.yaml", "f: 0.20\nn: 7\nb: true\ns: abc\nl: [1, 2.50, x]\nd:\n  z: 1.0\n  a: 3\n");
    repo.write("dvc.yaml", "stages:\n  s:\n    cmd: cp p.yaml out.txt\n    params:\n    - p.yaml:\n      - n\n"
        + "      - f\n      - s\n      - b\n      - l\n      - d\n    outs:\n    - out.txt\n");
    Files.delete(root.resolve("dvc.lock"));
    jdvc.ok("repro");
    String lock = read("dvc.lock");
    assertTrue(lock.startsWith("schema: '2.0'\nstages:\n  s:\n    cmd: cp p.yaml out.txt\n    params:\n"
        + "      p.yaml:\n        b: true\n        d:\n          z: 1.0\n          a: 3\n        f: 0.2\n"
        + "        l:\n        - 1\n        - 2.5\n        - x\n        n: 7\n        s: abc\n    outs:\n"), lock);
    repo.write("p.yaml", read("p.yaml").replace("f: 0.20", "f: 0.2000"));
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out(), "the same value, written otherwise");
  }

  @Test
  void pushAndPullMovePipelineOutputsButNotUncachedOnes() throws IOException {
    Path remote = Files.createDirectories(tmp.resolve("remote"));
    jdvc.ok("remote", "add", "-d", "store", remote.toString());
    repo.commitAll("remote");
    jdvc.ok("push");
    try (Stream<Path> files = Files.walk(remote)) {
      List<String> names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
      assertTrue(names.contains("a3f9853759fe9113f5c79a6c8c5361"), "model.pkl's object: " + names);
      assertFalse(names.contains("21c6455f672ba9ee802758908f911b"), "eval/metrics.json is cache: false");
    }
    Path clone = tmp.resolve("clone");
    try (var git = org.eclipse.jgit.api.Git.cloneRepository().setURI(root.toUri().toString())
        .setDirectory(clone.toFile()).call()) {
      git.getRepository();
    } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
      throw new IOException(e);
    }
    CliRunner other = new CliRunner(clone);
    other.ok("pull");
    assertEquals(read("model.pkl"), Files.readString(clone.resolve("model.pkl")));
    assertEquals(read("data/features/test.tsv"), Files.readString(clone.resolve("data/features/test.tsv")));
    assertEquals("Data and pipelines are up to date.\n", other.ok("status").out());
  }

  @Test
  void pushAllCommitsSendsTheStageOutputsOfEveryRevision() throws IOException {
    Path remote = Files.createDirectories(tmp.resolve("remote"));
    jdvc.ok("remote", "add", "-d", "store", remote.toString());
    String oldModel = "a3f9853759fe9113f5c79a6c8c5361";
    repo.write("params.yaml", read("params.yaml").replace("n_est: 50", "n_est: 60"));
    jdvc.ok("repro");
    repo.commitAll("n_est 60");
    jdvc.ok("push");
    try (Stream<Path> files = Files.walk(remote)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().equals(oldModel)), "only HEAD's model so far");
    }
    jdvc.ok("push", "-A");
    try (Stream<Path> files = Files.walk(remote)) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().equals(oldModel)),
          "push -A sends the model the first commit's dvc.lock names");
    }
    assertTrue(jdvc.ok("status", "-c", "-A").out().contains("in sync"), jdvc.run("status", "-c", "-A").out());
  }

  @Test
  void whichNamesTheStageThatJustProducedAnUncommittedOutput() throws IOException {
    repo.write("params.yaml", read("params.yaml").replace("n_est: 50", "n_est: 65"));
    jdvc.ok("repro", "train");
    String out = jdvc.ok("which", "model.pkl").out();
    assertTrue(out.contains("model.pkl  (dvc.lock)"), out);
    assertTrue(out.contains("workspace (not committed yet)"), out);
    assertTrue(out.contains("produced by stage 'train': python3 src/train.py data/features model.pkl"), out);
    assertTrue(out.contains("param  params.yaml: train.n_est = 65"), out);
  }

  /**
   * Pushes everything to a directory remote, then deletes one output and its cache object (its text kept in
   * {@code tmp/lost}); returns the remote.
   */
  private Path pushedThenLost(String output, String md5) throws IOException {
    Path remote = Files.createDirectories(tmp.resolve("remote"));
    jdvc.ok("remote", "add", "-d", "store", remote.toString());
    jdvc.ok("push");
    Files.move(root.resolve(output), tmp.resolve("lost"));
    Path object = root.resolve(".dvc/cache/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2));
    object.toFile().setWritable(true);
    Files.delete(object);
    return remote;
  }

  @Test
  void reproPullFetchesMissingOutputsInsteadOfRunning() throws IOException {
    Path remote = pushedThenLost("model.pkl", "77a3f9853759fe9113f5c79a6c8c5361");
    String model = Files.readString(tmp.resolve("lost"));
    Path object = root.resolve(".dvc/cache/files/md5/77/a3f9853759fe9113f5c79a6c8c5361");
    String out = jdvc.ok("repro", "--pull", "train").out();
    assertTrue(out.contains("Pulling data for stage: 'train'\n"), out);
    assertFalse(out.contains("Running stage 'train'"), out);
    assertEquals(model, read("model.pkl"));
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());

    // the remote lacks it too: DVC says so and runs the stage
    Files.delete(root.resolve("model.pkl"));
    object.toFile().setWritable(true);
    Files.delete(object);
    Path onRemote = remote.resolve("files/md5/77/a3f9853759fe9113f5c79a6c8c5361");
    onRemote.toFile().setWritable(true);
    Files.delete(onRemote);
    out = jdvc.ok("repro", "--pull", "train").out();
    assertTrue(out.contains("Pulling data for stage: 'train'\nUnable to pull data for stage: 'train'\n"
        + "Running stage 'train':\n"), out);
    assertEquals(model, read("model.pkl"));
  }

  @Test
  void reproPullFetchesAMissingDataSourceAsDvcDoes() throws IOException {
    pushedThenLost("data/data.xml", "b288c7ec1dee2eaed12cdd3a9da767b0");
    String xml = Files.readString(tmp.resolve("lost"));

    CliResult plain = jdvc.run("repro", "prepare");
    assertEquals(1, plain.exitCode(), plain.out());
    assertTrue(plain.err().contains("WARNING: the data of 'data/data.xml.dvc' is missing: get it with "
        + "'jdvc pull data/data.xml.dvc'"), "not 'commit it': " + plain.err());
    assertTrue(plain.err().contains("dependency 'data/data.xml' of stage 'prepare' does not exist"), plain.err());
    assertTrue(Files.isDirectory(root.resolve("data/prepared")), "prepare's output stays when it cannot run");
    assertEquals("'data/data.xml.dvc' didn't change, skipping\nStage 'prepare' didn't change, skipping\n"
        + "Data and pipelines are up to date.\n", jdvc.ok("repro", "--allow-missing", "prepare").out());

    String out = jdvc.ok("repro", "--pull", "prepare").out();
    assertEquals("Pulling data for stage: 'data/data.xml.dvc'\nStage 'prepare' didn't change, skipping\n"
        + "Data and pipelines are up to date.\n", out);
    assertEquals(xml, read("data/data.xml"));
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());
  }

  @Test
  void aFailingStageNamesItselfAndKeepsTheLockOfStagesBeforeIt() throws IOException {
    repo.write("dvc.yaml", "stages:\n  one:\n    cmd: echo 1 > one.txt\n    deps:\n    - params.yaml\n"
        + "    outs:\n    - one.txt\n"
        + "  two:\n    cmd: exit 3\n    deps:\n    - one.txt\n    outs:\n    - two.txt\n");
    Files.delete(root.resolve("dvc.lock"));
    CliResult r = jdvc.run("repro");
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("failed to reproduce 'two'") && r.err().contains("exited with 3"), r.err());
    String lock = read("dvc.lock");
    assertTrue(lock.contains("  one:\n") && !lock.contains("  two:"), lock);
    CliResult again = jdvc.run("repro", "-k");
    assertEquals(1, again.exitCode());
    assertTrue(again.out().contains("Stage 'one' didn't change, skipping"), again.out());
  }

  @Test
  void anOutputTheCommandDidNotCreateIsAnError() throws IOException {
    repo.write("dvc.yaml", "stages:\n  lazy:\n    cmd: echo nothing\n    deps:\n    - params.yaml\n"
        + "    outs:\n    - never.txt\n");
    CliResult r = jdvc.run("repro");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("output 'never.txt' of stage 'lazy' does not exist"), r.err());
    assertFalse(read("dvc.lock").contains("lazy"));
  }

  @Test
  void aMissingDependencyIsNamed() throws IOException {
    repo.write("dvc.yaml", "stages:\n  s:\n    cmd: cp nothing.txt out.txt\n    deps:\n    - nothing.txt\n"
        + "    outs:\n    - out.txt\n");
    repo.write("out.txt", "made by hand, never cached\n");
    CliResult r = jdvc.run("repro");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("dependency 'nothing.txt' of stage 's' does not exist"), r.err());
    assertEquals("made by hand, never cached\n", read("out.txt"), "the stage's output is left alone when it cannot run");
  }

  @Test
  void aCycleIsRefusedNamingItsStages() throws IOException {
    repo.write("dvc.yaml", "stages:\n  a:\n    cmd: cp b.txt a.txt\n    deps:\n    - b.txt\n    outs:\n    - a.txt\n"
        + "  b:\n    cmd: cp a.txt b.txt\n    deps:\n    - a.txt\n    outs:\n    - b.txt\n");
    CliResult r = jdvc.run("repro");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("cycle") && r.err().contains("a") && r.err().contains("b"), r.err());
  }

  @Test
  void aStageAndADvcFileClaimingOneOutputAreRefused() throws IOException {
    repo.write("dvc.yaml", read("dvc.yaml").replace("    - data/prepared\n", "    - data/data.xml.copy\n")
        .replace("cmd: python3 src/prepare.py data/data.xml", "cmd: cp data/data.xml data/data.xml.copy"));
    repo.write("dvc.yaml", read("dvc.yaml").replace("data/data.xml.copy", "data/data.xml"));
    CliResult r = jdvc.run("status");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("'data/data.xml' is tracked twice"), r.err());
  }

  @Test
  void aFrozenStageIsNeverRun() throws IOException {
    repo.write("dvc.yaml", read("dvc.yaml").replace("    cmd: python3 src/train.py data/features model.pkl\n",
        "    cmd: python3 src/train.py data/features model.pkl\n    frozen: true\n"));
    repo.write("params.yaml", read("params.yaml").replace("n_est: 50", "n_est: 60"));
    String model = read("model.pkl");
    CliResult r = jdvc.ok("repro", "train");
    assertFalse(r.out().contains("Running stage 'train'"), r.out());
    assertTrue(r.out().contains("Stage 'train' didn't change, skipping\n"), r.out());
    assertEquals("WARNING: stage: 'train' is frozen. Its dependencies are not going to be reproduced.\n", r.err());
    assertEquals(model, read("model.pkl"));
    CliResult status = jdvc.ok("status");
    assertEquals("Data and pipelines are up to date.\n", status.out(), "a frozen stage's deps are not checked");
    assertEquals("WARNING: stage: 'train' is frozen. Its dependencies are not going to be shown in the status "
        + "output.\n", status.err());
  }

  @Test
  void aDvc2LockEntryIsReadAsMd5Dos2unixAndLeftByteIdentical() throws IOException {
    // DVC 2.x wrote no 'hash: md5' and hashed text with CRLF turned to LF; its cache is <cache>/xx/rest
    repo.write("in.txt", "a\r\nb\r\n");
    repo.write("out.txt", "x\r\ny\r\n");
    String in = md5("a\nb\n");
    String out = md5("x\ny\n");
    repo.write(".dvc/cache/" + out.substring(0, 2) + "/" + out.substring(2), "x\r\ny\r\n");
    repo.write("dvc.yaml", "stages:\n  s:\n    cmd: cp in.txt out.txt\n    deps: [in.txt]\n    outs: [out.txt]\n");
    String lock = "schema: '2.0'\nstages:\n  s:\n    cmd: cp in.txt out.txt\n    deps:\n    - path: in.txt\n"
        + "      md5: " + in + "\n      size: 6\n    outs:\n    - path: out.txt\n      md5: " + out + "\n      size: 6\n";
    repo.write("dvc.lock", lock);
    Files.delete(root.resolve("data/data.xml.dvc"));
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());
    assertEquals("Stage 's' didn't change, skipping\nData and pipelines are up to date.\n", jdvc.ok("repro").out());
    assertEquals(lock, read("dvc.lock"));
    Files.delete(root.resolve("out.txt"));
    jdvc.ok("checkout", "s");
    assertEquals("x\r\ny\r\n", read("out.txt"));
  }

  private static String md5(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aSecondStageListCommandAndAStringWithLinesRunEachLine() throws IOException {
    repo.write("dvc.yaml", "stages:\n  lines:\n    cmd: |-\n      echo a > l.txt\n      echo b >> l.txt\n"
        + "    outs:\n    - l.txt\n  list:\n    cmd:\n    - echo c > c.txt\n    - echo d >> c.txt\n"
        + "    outs:\n    - c.txt\n");
    Files.delete(root.resolve("dvc.lock"));
    jdvc.ok("repro");
    assertEquals("a\nb\n", read("l.txt"));
    assertEquals("c\nd\n", read("c.txt"));
    assertTrue(read(".gitignore").contains("/l.txt\n") && read(".gitignore").contains("/c.txt\n"),
        "repro git-ignores the cached outputs of the stages it records, as DVC does: " + read(".gitignore"));
    String lock = read("dvc.lock");
    assertTrue(lock.contains("    cmd:\n    - echo c > c.txt\n    - echo d >> c.txt\n"), lock);
    assertNotEquals("", lockBlock("lines"));
    assertTrue(new String(Files.readAllBytes(root.resolve("dvc.lock")), StandardCharsets.UTF_8)
        .startsWith("schema: '2.0'\nstages:\n"));
  }
}
