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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code repro}'s selection flags (DVC's {@code -s}, {@code -p}, {@code --downstream}, {@code -f}, {@code -R}),
 * {@code -k}, {@code --no-commit}, a pipeline in a subdirectory, and the run cache for a stage whose metrics are {@code cache: false}, on a real shell
 * pipeline: {@code A -> B -> C} and {@code D}, all reading {@code in.txt}; every command appends its stage's
 * name to {@code ran.log}, which no stage declares, so the tests see exactly which commands ran.
 */
class ReproFlagsIT {
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
    repo.write("in.txt", "hello\n");
    repo.write("params.yaml", "a:\n  n: 1\nb:\n  lr: 0.20\n");
    repo.write(".gitignore", "/ran.log\n");
    jdvc.ok("stage", "add", "-n", "A", "-d", "in.txt", "-p", "a.n", "-o", "a.txt",
        "cat in.txt > a.txt; echo A >> ran.log");
    jdvc.ok("stage", "add", "-n", "B", "-d", "a.txt", "-p", "b.lr", "-o", "b.txt",
        "cat a.txt a.txt > b.txt; echo B >> ran.log");
    jdvc.ok("stage", "add", "-n", "C", "-d", "b.txt", "-o", "c.txt", "wc -c < b.txt > c.txt; echo C >> ran.log");
    jdvc.ok("stage", "add", "-n", "D", "-d", "in.txt", "-o", "d.txt", "tr a-z A-Z < in.txt > d.txt; echo D >> ran.log");
    jdvc.ok("repro");
    assertEquals(List.of("A", "B", "C", "D"), ran());
    repo.commitAll("pipeline");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  /** The stages whose commands ran since the last call, in order. */
  private List<String> ran() throws IOException {
    Path log = root.resolve("ran.log");
    if (!Files.exists(log)) {
      return List.of();
    }
    List<String> lines = Files.readAllLines(log);
    Files.delete(log);
    return lines;
  }

  @Test
  void forceRunsTheTargetAndItsUpstreamAndSingleItemOnlyTheTarget() throws IOException {
    jdvc.ok("repro", "-f", "B");
    assertEquals(List.of("A", "B"), ran(), "-f forces every stage of the plan, as DVC's force_state does");
    jdvc.ok("repro", "-f", "-s", "B");
    assertEquals(List.of("B"), ran());
    jdvc.ok("repro", "-f", "dvc.yaml:C");
    assertEquals(List.of("A", "B", "C"), ran());
    jdvc.ok("repro", "-f", "c.txt");
    assertEquals(List.of("A", "B", "C"), ran(), "an output path targets the stage that writes it");
  }

  @Test
  void downstreamAndPipelineWidenThePlan() throws IOException {
    jdvc.ok("repro", "-f", "--downstream", "B");
    assertEquals(List.of("B", "C"), ran());
    jdvc.ok("repro", "-f", "-p", "C");
    assertEquals(List.of("A", "B", "C"), ran());
    jdvc.ok("repro", "-f", "-p", "D");
    assertEquals(List.of("D"), ran(), "D is a pipeline of its own");
    jdvc.ok("repro", "-f", "-P");
    assertEquals(List.of("A", "B", "C", "D"), ran());

    repo.write("params.yaml", "a:\n  n: 1\nb:\n  lr: 0.3\n");
    String out = jdvc.ok("repro", "--downstream", "A").out();
    assertEquals(List.of("B"), ran(), "unchanged stages of the downstream plan are skipped: " + out);
    assertTrue(out.contains("Stage 'A' didn't change, skipping\n"), out);
    assertTrue(out.contains("Stage 'C' didn't change, skipping\n"), out);
  }

  @Test
  void recursiveTakesTheStagesOfADirectory() throws IOException {
    repo.write("sub/dvc.yaml", "stages:\n  S:\n    cmd: cp ../in.txt s.txt; echo S >> ../ran.log\n"
        + "    deps:\n    - ../in.txt\n    outs:\n    - s.txt\n");
    assertTrue(jdvc.ok("repro").out().endsWith("Data and pipelines are up to date.\n"),
        "without targets repro takes the dvc.yaml of the current directory only");
    assertEquals(List.of(), ran());
    String out = jdvc.ok("repro", "-R", "sub").out();
    assertEquals(List.of("S"), ran(), out);
    assertTrue(out.contains("Running stage 'sub/dvc.yaml:S':"), out);
    assertTrue(Files.readString(root.resolve("sub/dvc.lock")).contains("  S:\n    cmd: cp ../in.txt s.txt"));
    jdvc.ok("repro", "-f", "sub/dvc.yaml:S");
    assertEquals(List.of("S"), ran());
  }

  @Test
  void aPipelineInASubdirectoryWithAWdirIsSeenByStatusCheckoutLsAndPush() throws IOException {
    Files.createDirectories(root.resolve("sub/work"));
    repo.write("sub/dvc.yaml", "stages:\n  S:\n    cmd: sed s/hello/bye/ ../../in.txt > s.txt\n    wdir: work\n"
        + "    deps:\n    - ../../in.txt\n    outs:\n    - s.txt\n");
    jdvc.ok("repro", "sub/dvc.yaml:S");
    String lock = Files.readString(root.resolve("sub/dvc.lock"));
    assertTrue(lock.contains("    deps:\n    - path: ../../in.txt\n") && lock.contains("    outs:\n    - path: s.txt\n"),
        "lock paths are relative to the stage's wdir, as DVC writes them: " + lock);
    assertEquals("/s.txt\n", Files.readString(root.resolve("sub/work/.gitignore")));
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());

    Files.delete(root.resolve("sub/work/s.txt"));
    assertEquals("sub/dvc.yaml:S:\n\tchanged outs:\n\t\tdeleted:            sub/work/s.txt\n", jdvc.ok("status").out());
    jdvc.ok("checkout", "sub/dvc.yaml:S");
    assertEquals("bye\n", Files.readString(root.resolve("sub/work/s.txt")));
    assertTrue(jdvc.ok("ls").out().contains("sub/work/s.txt"));

    Path remote = Files.createDirectories(tmp.resolve("remote"));
    jdvc.ok("remote", "add", "-d", "store", remote.toString());
    jdvc.ok("push", "sub/dvc.yaml:S");
    assertEquals(List.of(md5Path("bye\n")), objects(remote), "only the target stage's output");
    jdvc.ok("push");
    assertEquals(5, objects(remote).size(), "a, b, c and d.txt too");
  }

  @Test
  void aForeachGroupIsATargetAndItsStagesAreNotRemovedOneByOne() throws IOException {
    repo.write("sub/dvc.yaml", "stages:\n  build:\n    foreach: [x, y]\n    do:\n"
        + "      cmd: echo ${item} > ${item}.txt; echo ${item} >> ../ran.log\n      deps:\n      - ../in.txt\n"
        + "      outs:\n      - ${item}.txt\n");
    jdvc.ok("repro", "sub/dvc.yaml:build");
    assertEquals(List.of("x", "y"), ran(), "the group's name stands for every stage it generates, as in DVC");
    Files.delete(root.resolve("sub/x.txt"));
    assertEquals("sub/dvc.yaml:build@x:\n\tchanged outs:\n\t\tdeleted:            sub/x.txt\n",
        jdvc.ok("status", "sub/dvc.yaml:build").out());
    jdvc.ok("checkout", "sub/dvc.yaml:build");
    assertEquals("x\n", Files.readString(root.resolve("sub/x.txt")));

    byte[] yaml = Files.readAllBytes(root.resolve("sub/dvc.yaml"));
    byte[] ignore = Files.readAllBytes(root.resolve("sub/.gitignore"));
    CliResult r = jdvc.run("remove", "sub/dvc.yaml:build@x");
    assertEquals(1, r.exitCode(), r.out());
    assertTrue(r.err().contains("cannot remove a parametrized stage 'build@x' in 'sub/dvc.yaml'"), r.err());
    assertTrue(r.err().contains("edit the foreach/matrix entry"), r.err());
    assertArrayEquals(yaml, Files.readAllBytes(root.resolve("sub/dvc.yaml")));
    assertArrayEquals(ignore, Files.readAllBytes(root.resolve("sub/.gitignore")), "x.txt stays git-ignored");
  }

  @Test
  void aChangedCommandIsReportedAndKeepGoingRunsWhatDoesNotDependOnTheFailure() throws IOException {
    String lockBefore = Files.readString(root.resolve("dvc.lock"));
    repo.write("dvc.yaml", Files.readString(root.resolve("dvc.yaml"))
        .replace("cat in.txt > a.txt; echo A >> ran.log", "echo A >> ran.log; exit 4"));
    assertEquals("A:\n\tchanged command\n", jdvc.ok("status").out());
    assertEquals("{\n  \"A\": [\n    \"changed command\"\n  ]\n}\n", jdvc.ok("status", "--json").out());

    repo.write("in.txt", "changed\n");
    CliResult r = jdvc.run("repro", "-k");
    assertEquals(1, r.exitCode(), r.err());
    assertEquals(List.of("A", "D"), ran(), "D reads only in.txt; B and C wait for A");
    assertTrue(r.err().contains("failed to reproduce 'A'") && r.err().contains("exited with 4"), r.err());
    assertTrue(r.err().contains("Stages 'B' and 'C' will be skipped due to this failure"), r.err());
    assertEquals("CHANGED\n", Files.readString(root.resolve("d.txt")));
    String lock = Files.readString(root.resolve("dvc.lock"));
    assertEquals(lockBefore.substring(0, lockBefore.indexOf("  D:")), lock.substring(0, lock.indexOf("  D:")),
        "the failed stage and the ones skipped keep their entries");
    assertNotEquals(lockBefore, lock, "D's entry is recorded");
  }

  @Test
  void noCommitRecordsTheLockButLeavesTheOutputOutOfTheCache() throws IOException {
    repo.write("in.txt", "changed\n");
    jdvc.ok("repro", "--no-commit", "D");
    assertEquals(List.of("D"), ran());
    assertEquals("D:\n\tchanged outs:\n\t\tnot in cache:       d.txt\n", jdvc.ok("status", "D").out());
    assertFalse(Files.exists(root.resolve(".dvc/cache/files/md5/" + md5Path("CHANGED\n"))));
    jdvc.ok("commit", "D");
    assertTrue(Files.exists(root.resolve(".dvc/cache/files/md5/" + md5Path("CHANGED\n"))));
    assertEquals("", jdvc.ok("status", "D").out().replace("Data and pipelines are up to date.\n", ""));
  }

  @Test
  void theRunCacheRestoresAStageWhoseMetricsAreNotCached() throws IOException {
    // DVC's Stage.run: a run is filed unless a plain output is cache: false (metrics and plots may be), and its
    // uncached outputs are put into the cache for the restore (StageCache._uncached_outs)
    jdvc.ok("stage", "add", "-n", "T", "-d", "in.txt", "-p", "a.n", "-o", "model.txt", "-M", "metrics.json",
        "--plots-no-cache", "plot.csv", "n=$(sed -n 's/^  n: //p' params.yaml); echo model $n > model.txt; "
            + "echo '{\"n\": '$n'}' > metrics.json; echo x,$n > plot.csv; echo T >> ran.log");
    jdvc.ok("repro", "T");
    assertEquals(List.of("T"), ran());
    repo.write("params.yaml", "a:\n  n: 2\nb:\n  lr: 0.20\n");
    jdvc.ok("repro", "T");
    assertEquals(List.of("T"), ran());
    assertEquals("{\"n\": 2}\n", Files.readString(root.resolve("metrics.json")));

    repo.write("params.yaml", "a:\n  n: 1\nb:\n  lr: 0.20\n");
    String out = jdvc.ok("repro", "T").out();
    assertTrue(out.contains("Stage 'T' is cached - skipping run, checking out outputs"), out);
    assertEquals(List.of(), ran(), out);
    assertEquals("model 1\n", Files.readString(root.resolve("model.txt")));
    assertEquals("{\"n\": 1}\n", Files.readString(root.resolve("metrics.json")));
    assertEquals("x,1\n", Files.readString(root.resolve("plot.csv")));
    assertTrue(Files.isWritable(root.resolve("metrics.json")) && !Files.isSymbolicLink(root.resolve("metrics.json")),
        "an uncached output is restored as a plain copy");
    assertFalse(Files.readString(root.resolve(".gitignore")).contains("metrics.json"),
        "an uncached output stays in Git");
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status", "T").out());
  }

  @Test
  void aStageWithAnUncachedPlainOutputIsNotFiledInTheRunCache() throws IOException {
    jdvc.ok("stage", "add", "-n", "U", "-d", "in.txt", "-p", "a.n", "-O", "log.txt",
        "n=$(sed -n 's/^  n: //p' params.yaml); echo log $n > log.txt; echo U >> ran.log");
    jdvc.ok("repro", "U");
    repo.write("params.yaml", "a:\n  n: 2\nb:\n  lr: 0.20\n");
    jdvc.ok("repro", "U");
    ran();
    repo.write("params.yaml", "a:\n  n: 1\nb:\n  lr: 0.20\n");
    jdvc.ok("repro", "U");
    assertEquals(List.of("U"), ran(), "DVC's Stage.run saves no run with a cache: false out");
  }

  @Test
  void outputsAreRemovedBeforeARunUnlessPersistentAndAlwaysChangedStagesAlwaysRun() throws IOException {
    Files.createDirectories(root.resolve("w"));
    repo.write("dvc.yaml", Files.readString(root.resolve("dvc.yaml")) + """
          keep:
            cmd: echo line >> log.txt
            deps: [in.txt]
            outs:
            - log.txt:
                persist: true
          fresh:
            cmd: test ! -e f.txt && echo f > f.txt
            deps: [in.txt]
            outs: [f.txt]
          always:
            cmd: echo always >> ran.log; echo t > t.txt
            outs: [t.txt]
            always_changed: true
          inw:
            cmd: pwd > where.txt
            wdir: w
            deps: [../in.txt]
            outs: [where.txt]
        """);
    jdvc.ok("repro");
    ran();
    assertEquals("always:\n\talways changed\n", jdvc.ok("status").out());
    assertEquals("{\n  \"always\": [\n    \"always changed\"\n  ]\n}\n", jdvc.ok("status", "--json").out());
    String out = jdvc.ok("repro").out();
    assertEquals(List.of("always"), ran(), "an always_changed stage runs every time: " + out);
    jdvc.ok("repro", "-f", "keep", "fresh");
    assertEquals("line\nline\n", Files.readString(root.resolve("log.txt")), "a persist: true output is kept");
    assertEquals("f\n", Files.readString(root.resolve("f.txt")), "f.txt was removed before its command ran");
    assertEquals(root.resolve("w").toRealPath() + "\n", Files.readString(root.resolve("w/where.txt")));
    assertTrue(Files.readString(root.resolve("dvc.lock")).contains("  inw:\n    cmd: pwd > where.txt\n"
        + "    deps:\n    - path: ../in.txt\n"), "paths in the lock are relative to the wdir, as written");
  }

  @Test
  void pushHonoursPushFalseAndTheRemoteOfEachStageOutput() throws IOException {
    Path first = Files.createDirectories(tmp.resolve("first"));
    Path second = Files.createDirectories(tmp.resolve("second"));
    jdvc.ok("remote", "add", "-d", "first", first.toString());
    jdvc.ok("remote", "add", "second", second.toString());
    String yaml = Files.readString(root.resolve("dvc.yaml"));
    repo.write("dvc.yaml", yaml.replace("    outs:\n    - b.txt\n", "    outs:\n    - b.txt:\n        push: false\n")
        .replace("    outs:\n    - d.txt\n", "    outs:\n    - d.txt:\n        remote: second\n"));
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());
    jdvc.ok("push", "A");
    assertEquals(List.of(md5Path("hello\n")), objects(first), "a stage name is a target");
    assertTrue(jdvc.ok("status", "-c", "dvc.yaml:C").out().contains("new:                c.txt"));
    jdvc.ok("push");
    assertEquals(java.util.stream.Stream.of(md5Path("hello\n"), md5Path("12\n")).sorted().toList(), objects(first), "a.txt and c.txt, not b.txt");
    assertEquals(List.of(md5Path("HELLO\n")), objects(second), "d.txt goes to its own remote");
    jdvc.ok("push", "B");
    assertEquals(2, objects(first).size(), "push: false holds for a target too");

    repo.commitAll("remotes");
    Path clone = tmp.resolve("clone");
    try {
      org.eclipse.jgit.api.Git.cloneRepository().setURI(root.toUri().toString()).setDirectory(clone.toFile())
          .call().close();
    } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
      throw new IOException(e);
    }
    CliRunner other = new CliRunner(clone);
    other.ok("pull", "A", "C", "D");
    assertEquals("HELLO\n", Files.readString(clone.resolve("d.txt")), "pulled from the output's remote");
    assertEquals("12\n", Files.readString(clone.resolve("c.txt")));
    var r = other.run("fetch", "B");
    assertEquals(1, r.exitCode(), "b.txt was never pushed: " + r.out() + r.err());
    assertTrue(r.err().contains("b.txt"), r.err());
  }

  /** The objects under a directory remote's files/md5, as {@code ab/cdef…}, sorted. */
  private static List<String> objects(Path remote) throws IOException {
    Path md5 = remote.resolve("files/md5");
    if (!Files.isDirectory(md5)) {
      return List.of();
    }
    try (var all = Files.walk(md5)) {
      return all.filter(Files::isRegularFile).map(p -> md5.relativize(p).toString()).sorted().toList();
    }
  }

  private static String md5Path(String content) {
    try {
      String hex = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
          .digest(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      return hex.substring(0, 2) + "/" + hex.substring(2);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
