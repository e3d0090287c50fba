package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.git.GitRepo;
import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jdvc stage add}, {@code stage list}, {@code freeze} and {@code unfreeze} in a real Git repository. */
class StageCommandsIT {
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
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private String read(String rel) throws IOException {
    return Files.readString(root.resolve(rel));
  }

  @Test
  void stageAddWritesDvcYamlAsDvcDoesIgnoresCachedOutputsAndStagesBoth() throws IOException {
    CliResult r = jdvc.ok("stage", "add", "-n", "train", "-d", "train.py", "-d", "data", "-p", "lr,epochs",
        "-o", "model.pkl", "-O", "log.txt", "-M", "metrics.json", "python", "train.py", "--lr", "0.1");
    assertEquals("Added stage 'train' in 'dvc.yaml'\n", r.out());
    assertEquals("""
        stages:
          train:
            cmd: python train.py --lr 0.1
            deps:
            - data
            - train.py
            params:
            - epochs
            - lr
            outs:
            - log.txt:
                cache: false
            - model.pkl
            metrics:
            - metrics.json:
                cache: false
        """, read("dvc.yaml"));
    assertEquals("/model.pkl\n", read(".gitignore"));
    try (GitRepo git = repo.open()) {
      assertTrue(git.indexMatches(root.resolve("dvc.yaml")));
      assertTrue(git.indexMatches(root.resolve(".gitignore")));
    }
  }

  @Test
  void everyOptionOfStageAddLandsWhereDvcWritesIt() throws IOException {
    // DVC's serialize.to_pipeline_file: desc, cmd, wdir, deps, params, outs, metrics, plots, always_changed; outs
    // sorted by path, their flags in _get_flags order; params of params.yaml first, other files after
    Files.createDirectories(root.resolve("w"));
    jdvc.ok("stage", "add", "-n", "s", "-w", "w", "-d", "a.py", "-d", "../b.txt", "-p", "p.yaml:y,x", "-p", "z",
        "-o", "o1", "-O", "o2", "--outs-persist", "o3", "--outs-persist-no-cache", "o4", "-m", "m1", "-M", "m2",
        "--plots", "p1", "--plots-no-cache", "p2", "--always-changed", "--desc", "hello there",
        "python", "a.py", "--x", "1");
    assertEquals("""
        stages:
          s:
            desc: hello there
            cmd: python a.py --x 1
            wdir: w
            deps:
            - ../b.txt
            - a.py
            params:
            - z
            - p.yaml:
              - x
              - y
            outs:
            - o1
            - o2:
                cache: false
            - o3:
                persist: true
            - o4:
                cache: false
                persist: true
            metrics:
            - m1
            - m2:
                cache: false
            plots:
            - p1
            - p2:
                cache: false
            always_changed: true
        """, read("dvc.yaml"));
    assertEquals("/o3\n/m1\n/p1\n/o1\n", read("w/.gitignore"), "cached outputs, in DVC's fill_stage_outputs order");
  }

  @Test
  void anExistingNameNeedsForceAndAClaimedOutputIsRefused() throws IOException {
    jdvc.ok("stage", "add", "-n", "a", "-o", "out.txt", "echo a > out.txt");
    CliResult again = jdvc.run("stage", "add", "-n", "a", "-o", "out.txt", "echo b > out.txt");
    assertEquals(1, again.exitCode());
    assertTrue(again.err().contains("stage 'a' already exists in 'dvc.yaml'"), again.err());
    jdvc.ok("stage", "add", "-n", "a", "-f", "-o", "out.txt", "echo b > out.txt");
    assertTrue(read("dvc.yaml").contains("cmd: echo b > out.txt"), read("dvc.yaml"));

    CliResult dup = jdvc.run("stage", "add", "-n", "b", "-o", "out.txt", "echo c > out.txt");
    assertEquals(1, dup.exitCode());
    assertTrue(dup.err().contains("output 'out.txt' is already specified in stage 'a'"), dup.err());

    repo.write("data/raw.csv", "1,2\n");
    jdvc.ok("add", "data");
    CliResult overlap = jdvc.run("stage", "add", "-n", "c", "-o", "data/clean.csv", "clean");
    assertEquals(1, overlap.exitCode());
    assertTrue(overlap.err().contains("overlap"), overlap.err());

    CliResult circular = jdvc.run("stage", "add", "-n", "d", "-d", "x", "-o", "x", "touch x");
    assertTrue(circular.err().contains("'x' is specified as an output and as a dependency"), circular.err());
    CliResult badName = jdvc.run("stage", "add", "-n", "a.b", "echo");
    assertTrue(badName.err().contains("invalid stage name 'a.b'"), badName.err());
    assertFalse(read("dvc.yaml").contains(" b:"), "refused stages must not be written");
  }

  @Test
  void stageListPrintsAddressesAndDescriptionsAsDvcDoes() throws IOException {
    repo.write("dvc.yaml", """
        stages:
          prepare:
            cmd: python prepare.py
            deps:
            - raw.csv
            outs:
            - prepared.csv
          train:
            desc: |

              Trains the model.
              Second line.
            cmd: python train.py
          evaluate:
            cmd: python evaluate.py
            deps:
            - model.pkl
            metrics:
            - scores.json
            plots:
            - roc.csv
          lint:
            cmd: flake8
            params:
            - lint.strict
          noop:
            cmd: 'true'
        """);
    repo.write("sub/dvc.yaml", "stages:\n  build:\n    foreach: [a, b]\n    do:\n      cmd: make ${item}\n"
        + "      outs:\n      - ${item}.o\n");
    assertEquals("""
        prepare   Outputs prepared.csv
        train     Trains the model.
        evaluate  Reports scores.json, roc.csv
        lint      Depends on params.yaml
        noop      No outputs or dependencies
        """, jdvc.ok("stage", "list").out());
    assertEquals("sub/dvc.yaml:build@a\nsub/dvc.yaml:build@b\n",
        jdvc.ok("stage", "list", "sub/dvc.yaml:build", "--name-only").out());
    String all = jdvc.ok("stage", "list", "--all", "--name-only").out();
    assertEquals("prepare\ntrain\nevaluate\nlint\nnoop\nsub/dvc.yaml:build@a\nsub/dvc.yaml:build@b\n", all);
    assertEquals("sub/dvc.yaml:build@a  Outputs a.o\nsub/dvc.yaml:build@b  Outputs b.o\n",
        jdvc.ok("stage", "list", "-R", "sub").out());
  }

  @Test
  void stageCommandsLeaveTheContentsOfTrackedDirectoriesAlone() throws IOException {
    // A dataset may hold a file named dvc.yaml; it is data, not a pipeline, as for DVC.
    repo.write("data/x.csv", "1\n");
    jdvc.ok("add", "data");
    repo.write("data/dvc.yaml", "not: [a pipeline\n");
    jdvc.ok("stage", "add", "-n", "prepare", "-d", "data", "-o", "prepared.csv", "python", "prepare.py");
    assertEquals("prepare\ndata.dvc\n", jdvc.ok("stage", "list", "--all", "--name-only").out());
    jdvc.ok("freeze", "prepare");
    assertTrue(read("dvc.yaml").contains("frozen: true"));
  }

  @Test
  void freezeAndUnfreezeStagesAndDvcFiles() throws IOException {
    repo.write("sub/dvc.yaml", "stages:\n  train:\n    cmd: python train.py  # keep me\n");
    repo.write("data.txt", "hello\n");
    jdvc.ok("add", "data.txt");
    CliResult frozen = jdvc.ok("freeze", "sub/dvc.yaml:train", "data.txt.dvc");
    assertEquals("", frozen.out());
    assertEquals("stages:\n  train:\n    cmd: python train.py  # keep me\n    frozen: true\n", read("sub/dvc.yaml"));
    assertTrue(read("data.txt.dvc").contains("frozen: true\n"), read("data.txt.dvc"));
    jdvc.ok("unfreeze", "sub/dvc.yaml:train", "data.txt.dvc");
    assertEquals("stages:\n  train:\n    cmd: python train.py  # keep me\n", read("sub/dvc.yaml"));
    assertFalse(read("data.txt.dvc").contains("frozen"), read("data.txt.dvc"));

    CliResult missing = jdvc.run("freeze", "nope", "sub/dvc.yaml:train");
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("failed to freeze 'nope'"), missing.err());
    assertTrue(read("sub/dvc.yaml").contains("frozen: true"), "the good target is still frozen");
  }

  @Test
  void aStageAddedInASubdirectoryGoesToItsDvcYaml() throws IOException {
    Files.createDirectories(root.resolve("sub"));
    CliRunner inSub = new CliRunner(root.resolve("sub"));
    CliResult r = inSub.ok("stage", "add", "-n", "build", "-w", "..", "-o", "sub/out.bin", "make");
    assertEquals("Added stage 'sub/dvc.yaml:build' in 'sub/dvc.yaml'\n", r.out());
    assertEquals("stages:\n  build:\n    cmd: make\n    wdir: ..\n    outs:\n    - sub/out.bin\n",
        read("sub/dvc.yaml"));
    assertEquals("/out.bin\n", read("sub/.gitignore"));
  }
}
