package io.jdvc.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineFileEditorTest {
  private final PipelineFileEditor editor = new PipelineFileEditor();

  private static Stage stage(String name, String cmd, List<String> deps, List<StageOutput> outs) {
    return new Stage(name, "dvc.yaml", "", List.of(cmd), false, deps, List.of(), outs, false, false, null, null);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aNewStageIsWrittenByteForByteAsDvcStageAddWritesIt() {
    // dvc stage add -n train -d train.py -d data -o model.pkl -O tmp -p lr,epochs -p other.yaml:a.b
    //   -p whole.json: -m m.json -M m2.json --plots p.csv --plots-no-cache p2.csv --outs-persist ckpt
    //   --outs-persist-no-cache ck2 -w sub --always-changed --desc "Train it: fast" python train.py
    // expected bytes produced with ruamel.yaml and DVC's dumper settings
    Stage s = new Stage("train", "dvc.yaml", "sub", List.of("python train.py"), false, List.of("train.py", "data"),
        List.of(new ParamsDependency("params.yaml", List.of("lr", "epochs")),
            new ParamsDependency("other.yaml", List.of("a.b")), new ParamsDependency("whole.json", null)),
        List.of(StageOutput.of("model.pkl", StageOutput.Kind.OUT),
            new StageOutput("tmp", StageOutput.Kind.OUT, false, false, null, null, null, null, null, null, null),
            new StageOutput("ckpt", StageOutput.Kind.OUT, true, true, null, null, null, null, null, null, null),
            new StageOutput("ck2", StageOutput.Kind.OUT, false, true, null, null, null, null, null, null, null),
            StageOutput.of("m.json", StageOutput.Kind.METRIC),
            new StageOutput("m2.json", StageOutput.Kind.METRIC, false, false, null, null, null, null, null, null, null),
            new StageOutput("p.csv", StageOutput.Kind.PLOT, true, false, null, null, null, null, null, null, null),
            new StageOutput("p2.csv", StageOutput.Kind.PLOT, false, false, null, null, null, null, null, null, null)),
        false, true, "Train it: fast", null);
    assertEquals("stages:\n  train:\n    desc: 'Train it: fast'\n    cmd: python train.py\n    wdir: sub\n    deps:\n"
        + "    - data\n    - train.py\n    params:\n    - epochs\n    - lr\n    - other.yaml:\n      - a.b\n"
        + "    - whole.json:\n    outs:\n    - ck2:\n        cache: false\n        persist: true\n    - ckpt:\n"
        + "        persist: true\n    - model.pkl\n    - tmp:\n        cache: false\n    metrics:\n    - m.json\n"
        + "    - m2.json:\n        cache: false\n    plots:\n    - p.csv\n    - p2.csv:\n        cache: false\n"
        + "    always_changed: true\n", text(editor.addStage(null, s, false)));
  }

  @Test
  void addingToAnExistingFileKeepsEveryOtherByte() {
    String before = """
        # my pipeline
        vars:
          - config.yaml   # indented dashes, kept

        stages:
            prepare:  # a comment
                cmd: python prepare.py
                deps:
                  - raw.csv
        # trailing comment
        """;
    String after = text(editor.addStage(bytes(before), stage("train", "python train.py", List.of("prepared.csv"),
        List.of(StageOutput.of("model.pkl", StageOutput.Kind.OUT))), false));
    assertEquals("""
        # my pipeline
        vars:
          - config.yaml   # indented dashes, kept

        stages:
            prepare:  # a comment
                cmd: python prepare.py
                deps:
                  - raw.csv
            train:
              cmd: python train.py
              deps:
              - prepared.csv
              outs:
              - model.pkl
        # trailing comment
        """, after);
  }

  @Test
  void anExistingStageIsRefusedWithoutForceAndReplacedInItsPlaceWithIt() {
    String before = "stages:\n  a:\n    outs:\n    - x\n    cmd: old\n  b:\n    cmd: keep # me\n";
    Stage a = stage("a", "new", List.of("in"), List.of(StageOutput.of("x", StageOutput.Kind.OUT)));
    JdvcException e = assertThrows(JdvcException.class, () -> editor.addStage(bytes(before), a, false));
    assertEquals("stage 'a' already exists in 'dvc.yaml'", e.getMessage());
    // DVC's apply_diff keeps the old entry's key order and appends new keys
    assertEquals("stages:\n  a:\n    outs:\n    - x\n    cmd: new\n    deps:\n    - in\n  b:\n    cmd: keep # me\n",
        text(editor.addStage(bytes(before), a, true)));
  }

  @Test
  void aFileWithoutStagesGetsTheKey() {
    assertEquals("vars:\n- a: 1\nstages:\n  t:\n    cmd: x\n",
        text(editor.addStage(bytes("vars:\n- a: 1"), stage("t", "x", List.of(), List.of()), false)));
    assertEquals("stages:\n  t:\n    cmd: x\n# end\n",
        text(editor.addStage(bytes("stages: {}\n# end\n"), stage("t", "x", List.of(), List.of()), false)));
  }

  @Test
  void freezeAddsTheKeyAfterTheStageAndUnfreezeRemovesIt() {
    String before = "stages:\n  a:\n    cmd: x\n    deps:\n    - d  # dep\n  b:\n    cmd: y\n";
    String frozen = text(editor.setFrozen(bytes(before), "dvc.yaml", "a", true));
    assertEquals("stages:\n  a:\n    cmd: x\n    deps:\n    - d  # dep\n    frozen: true\n  b:\n    cmd: y\n", frozen);
    byte[] again = bytes(frozen);
    assertSame(again, editor.setFrozen(again, "dvc.yaml", "a", true));
    assertEquals(before, text(editor.setFrozen(bytes(frozen), "dvc.yaml", "a", false)));
    assertEquals("stages:\n  a:\n    cmd: x\n    frozen: true\n",
        text(editor.setFrozen(bytes("stages:\n  a:\n    cmd: x\n    frozen: false\n"), "dvc.yaml", "a", true)));
  }

  @Test
  void aTemplatedOrGeneratedStageCannotBeFrozen() {
    String yaml = "stages:\n  build:\n    foreach: [a, b]\n    do:\n      cmd: echo ${item}\n";
    JdvcException e = assertThrows(JdvcException.class, () -> editor.setFrozen(bytes(yaml), "dvc.yaml", "build@a",
        true));
    assertTrue(e.getMessage().contains("parametrized"), e.getMessage());
    JdvcException missing = assertThrows(JdvcException.class, () -> editor.setFrozen(bytes(yaml), "dvc.yaml", "nope",
        true));
    assertEquals("stage 'nope' not found in 'dvc.yaml'", missing.getMessage());
  }

  @Test
  void removingAStageKeepsTheOthersAndTheLastOneDeletesTheFile() {
    String yaml = "stages:\n  a:\n    cmd: x\n  # about b\n  b:\n    cmd: y\n    outs:\n    - o\n  c:\n    cmd: z\n";
    assertEquals("stages:\n  a:\n    cmd: x\n  # about b\n  c:\n    cmd: z\n",
        text(editor.removeStage(bytes(yaml), "dvc.yaml", "b")));
    assertNull(editor.removeStage(bytes("stages:\n  a:\n    cmd: x\n"), "dvc.yaml", "a"));
  }

  @Test
  void whatIsWrittenLoadsBackAsTheSameStage() throws Exception {
    Stage s = new Stage("train", "sub/dvc.yaml", "sub/work", List.of("python", "train.py"), true, List.of("b", "a"),
        List.of(new ParamsDependency("params.yaml", null)),
        List.of(new StageOutput("plot.csv", StageOutput.Kind.PLOT, true, false, null, null, null, null, null, null,
            java.util.Map.of("x", "step"))), true, false, null, null);
    byte[] written = editor.addStage(null, s, false);
    assertEquals("stages:\n  train:\n    cmd:\n    - python\n    - train.py\n    wdir: work\n    deps:\n    - a\n"
        + "    - b\n    params:\n    - params.yaml:\n    plots:\n    - plot.csv:\n        x: step\n    frozen: true\n",
        text(written));
    Stage back = new PipelineFileLoader().load("sub/dvc.yaml", written, new PipelineFileLoader.RepoFiles() {
      @Override
      public byte[] read(String repoPath) {
        return null;
      }

      @Override
      public boolean isDirectory(String repoPath) {
        return false;
      }
    }).stages().get(0);
    assertEquals(List.of("a", "b"), back.deps());
    assertEquals("sub/work", back.wdir());
    assertEquals(s.outs(), back.outs());
    assertEquals(s.params(), back.params());
  }
}
