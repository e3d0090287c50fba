package io.jdvc.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineFileLoaderTest {
  /** iterative/example-get-started's dvc.yaml, as DVC's tutorial project ships it. */
  static final String GET_STARTED = """
      stages:
        prepare:
          cmd: python src/prepare.py data/data.xml
          deps:
          - data/data.xml
          - src/prepare.py
          params:
          - prepare.seed
          - prepare.split
          outs:
          - data/prepared
        featurize:
          cmd: python src/featurization.py data/prepared data/features
          deps:
          - data/prepared
          - src/featurization.py
          params:
          - featurize.max_features
          - featurize.ngrams
          outs:
          - data/features
        train:
          cmd: python src/train.py data/features model.pkl
          deps:
          - data/features
          - src/train.py
          params:
          - train.min_split
          - train.n_est
          - train.seed
          outs:
          - model.pkl
        evaluate:
          cmd: python src/evaluate.py model.pkl data/features
          deps:
          - data/features
          - model.pkl
          - src/evaluate.py
          outs:
          - eval:
              cache: false
      metrics:
      - eval/metrics.json
      plots:
      - ROC:
          template: simple
          x: fpr
          y:
            eval/plots/sklearn/roc/train.json: tpr
            eval/plots/sklearn/roc/test.json: tpr
      - eval/importance.png
      """;

  @TempDir Path repo;
  private final PipelineFileLoader loader = new PipelineFileLoader();

  private PipelineFile load(String yaml) throws IOException {
    return load("dvc.yaml", yaml);
  }

  private PipelineFile load(String path, String yaml) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
    return loader.load(repo, path);
  }

  private void write(String path, String text) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private PipelineFileException refused(String yaml) {
    return assertThrows(PipelineFileException.class, () -> load(yaml));
  }

  @Test
  void readsTheGetStartedPipeline() throws IOException {
    PipelineFile f = load(GET_STARTED);
    assertEquals(List.of("prepare", "featurize", "train", "evaluate"), f.stages().stream().map(Stage::name).toList());
    Stage train = f.stage("train").orElseThrow();
    assertEquals("train", train.address());
    assertEquals("", train.wdir());
    assertEquals(List.of("python src/train.py data/features model.pkl"), train.cmd());
    assertFalse(train.cmdIsList());
    assertEquals(List.of("data/features", "src/train.py"), train.deps());
    assertEquals(List.of(new ParamsDependency("params.yaml", List.of("train.min_split", "train.n_est", "train.seed"))),
        train.params());
    assertEquals(List.of(StageOutput.of("model.pkl", StageOutput.Kind.OUT)), train.outs());
    StageOutput eval = f.stage("evaluate").orElseThrow().outs().get(0);
    assertEquals("eval", eval.path());
    assertFalse(eval.cache());
    assertEquals(List.of("eval/metrics.json"), f.metrics());
    assertEquals(2, f.plots().size());
    assertEquals("eval/importance.png", f.plots().get(1));
    @SuppressWarnings("unchecked") Map<String, Object> roc = (Map<String, Object>) ((Map<String, Object>) f.plots()
        .get(0)).get("ROC");
    assertEquals("fpr", roc.get("x"));
  }

  @Test
  void outputsKeepTheirOptionsAndKinds() throws IOException {
    PipelineFile f = load("""
        stages:
          train:
            cmd: [python train.py, --fast]
            outs:
            - model.pkl:
                desc: the model
                type: model
                labels: [a, b]
                persist: true
                remote: store
                push: false
            metrics:
            - metrics.json:
                cache: false
            plots:
            - loss.csv:
                x: step
                y: loss
                template: linear
                cache: false
            always_changed: true
            frozen: true
            desc: Trains
            meta: {owner: me}
        """);
    Stage s = f.stages().get(0);
    assertTrue(s.cmdIsList());
    assertEquals(List.of("python train.py", "--fast"), s.cmd());
    assertEquals("python train.py --fast", s.commandText());
    StageOutput model = s.outs().get(0);
    assertEquals(new StageOutput("model.pkl", StageOutput.Kind.OUT, true, true, "store", false, "the model", "model",
        List.of("a", "b"), null, null), model);
    assertEquals(StageOutput.Kind.METRIC, s.outs().get(1).kind());
    assertFalse(s.outs().get(1).cache());
    StageOutput plot = s.outs().get(2);
    assertEquals(StageOutput.Kind.PLOT, plot.kind());
    assertEquals(List.of("x", "y", "template"), List.copyOf(plot.plotOptions().keySet()));
    assertFalse(plot.cache());
    assertTrue(s.alwaysChanged());
    assertTrue(s.frozen());
    assertEquals("Trains", s.desc());
    assertEquals(Map.of("owner", "me"), s.meta());
  }

  @Test
  void paramsMergePerFileAndAWholeFileSwallowsItsKeys() throws IOException {
    Stage s = load("""
        stages:
          train:
            cmd: python train.py
            params:
            - lr
            - other.yaml: [a.b]
            - epochs
            - other.yaml: [c]
            - whole.json:
            - whole.json: [x]
            - empty.toml: []
        """).stages().get(0);
    assertEquals(List.of(new ParamsDependency("params.yaml", List.of("lr", "epochs")),
        new ParamsDependency("other.yaml", List.of("a.b", "c")), new ParamsDependency("whole.json", null),
        new ParamsDependency("empty.toml", null)), s.params());
  }

  @Test
  void aStageInASubdirectoryIsAddressedThroughItsFileAndRunsThere() throws IOException {
    PipelineFile f = load("sub/dvc.yaml", """
        stages:
          train:
            cmd: python train.py
            wdir: ../work
            deps:
            - ../data/raw.csv
        """);
    Stage s = f.stages().get(0);
    assertEquals("sub/dvc.yaml", s.dvcFile());
    assertEquals("sub/dvc.yaml:train", s.address());
    assertEquals("work", s.wdir());
    assertEquals("data/raw.csv", s.repoPath(s.deps().get(0)));
    JdvcException e = assertThrows(JdvcException.class, () -> s.repoPath("../../etc/passwd"));
    assertTrue(e.getMessage().contains("outside the repository"), e.getMessage());
  }

  @Test
  void foreachOverAListNamesStagesByItem() throws IOException {
    PipelineFile f = load("""
        stages:
          build:
            foreach: [foo, bar, 0.10, true]
            do:
              cmd: echo ${item}
              outs:
              - ${item}.txt
        """);
    assertEquals(List.of("build@foo", "build@bar", "build@0.1", "build@true"),
        f.stages().stream().map(Stage::name).toList());
    assertEquals(List.of("echo foo"), f.stages().get(0).cmd());
    assertEquals("foo.txt", f.stages().get(0).outs().get(0).path());
    assertEquals(List.of("echo 0.1"), f.stages().get(2).cmd());
  }

  @Test
  void foreachOverADictAndOverAListOfDicts() throws IOException {
    write("params.yaml", """
        models:
          us: {thresh: 10}
          uk: {thresh: 20}
        """);
    PipelineFile f = load("""
        stages:
          build:
            foreach: ${models}
            do:
              cmd: echo ${key} ${item.thresh}
          train:
            foreach:
            - {lr: 0.1}
            - {lr: 0.2}
            do:
              cmd: python train.py --lr ${item.lr}
        """);
    assertEquals(List.of("build@us", "build@uk", "train@0", "train@1"),
        f.stages().stream().map(Stage::name).toList());
    assertEquals(List.of("echo us 10"), f.stages().get(0).cmd());
    assertEquals(List.of("python train.py --lr 0.2"), f.stages().get(3).cmd());
  }

  @Test
  void matrixNamesAndValuesAsDvcTestsExpect() throws IOException {
    write("params.yaml", """
        os: [win, linux]
        pyv: [3.7, 3.8]
        dict: [{arg1: 1}, {arg2: 2}]
        list: [[out1, out11], [out2, out22]]
        """);
    PipelineFile f = load("""
        stages:
          build:
            matrix:
              os: ${os}
              pyv: ${pyv}
              dict: ${dict}
              list: ${list}
            cmd: echo ${item.os} ${item.pyv} ${item.dict} -- ${item.list.0} ${item.list.1}
        """);
    assertEquals(16, f.stages().size());
    Stage first = f.stages().get(0);
    assertEquals("build@win-3.7-dict0-list0", first.name());
    assertEquals(List.of("echo win 3.7 --arg1 1 -- out1 out11"), first.cmd());
    assertEquals("build@linux-3.8-dict1-list1", f.stages().get(15).name());
    assertEquals(List.of("echo linux 3.8 --arg2 2 -- out2 out22"), f.stages().get(15).cmd());
  }

  @Test
  void varsFromFilesKeysAndInlineDictsAndWholeValuesKeepTheirType() throws IOException {
    write("params.yaml", "train:\n  lr: 0.010\n  epochs: 10\n");
    write("config/extra.yaml", "model: {name: resnet}\nunused: 1\nother: 2\n");
    PipelineFile f = load("""
        vars:
        - config/extra.yaml:model,other
        - {out_dir: results}
        stages:
          train:
            vars:
            - {flag: true}
            cmd: python train.py --lr ${train.lr} --model ${model.name} --flag ${flag} ${train}
            outs:
            - ${out_dir}/model.pkl
            meta: ${train.epochs}
        """);
    Stage s = f.stages().get(0);
    assertEquals(List.of("python train.py --lr 0.01 --model resnet --flag true --lr 0.01 --epochs 10"), s.cmd());
    assertEquals("results/model.pkl", s.outs().get(0).path());
    assertEquals(10L, s.meta());
  }

  @Test
  void aDictInCmdBecomesArgumentsAsDvcFormatsThem() throws IOException {
    write("params.yaml", """
        args:
          name: a b
          fast: true
          slow: false
          layers: [1, 2]
          nested: {depth: 3}
        """);
    Stage s = load("stages:\n  t:\n    cmd: run ${args}\n").stages().get(0);
    assertEquals(List.of("run --name 'a b' --fast --layers 1 2 --nested.depth 3"), s.cmd());
  }

  @Test
  void anEscapedDollarBraceStaysLiteral() throws IOException {
    Stage s = load("stages:\n  t:\n    cmd: echo \\${HOME} ${x}\nvars:\n- {x: 1}\n").stages().get(0);
    assertEquals(List.of("echo ${HOME} 1"), s.cmd());
  }

  @Test
  void anUndefinedVariableNamesItTheStageAndTheFile() {
    PipelineFileException e = refused("""
        stages:
          train:
            cmd: python train.py --lr ${train.lr}
        """);
    assertEquals("dvc.yaml:2: failed to parse 'stages.train.cmd': Could not find 'train.lr'", e.getMessage());
  }

  @Test
  void aMissingVarsFileIsNamed() {
    PipelineFileException e = refused("vars:\n- missing.yaml\nstages:\n  t:\n    cmd: x\n");
    assertEquals("dvc.yaml:1: failed to parse 'vars': 'missing.yaml' does not exist", e.getMessage());
  }

  @Test
  void aBrokenParamsOrVarsFileIsTheOneTheHintSendsOneTo() throws IOException {
    String stages = "stages:\n  t:\n    cmd: x\n";
    write("params.yaml", "a: [1\n");
    assertEquals("fix params.yaml by hand, or restore it from Git (git checkout -- params.yaml)",
        refused(stages).hint());
    assertTrue(refused(stages).getMessage()
        .startsWith("dvc.yaml: failed to parse 'vars': params.yaml:2: invalid YAML"));
    Files.delete(repo.resolve("params.yaml"));
    write("v.json", "{\"a\": ");
    assertEquals("fix v.json by hand, or restore it from Git (git checkout -- v.json)",
        refused("vars:\n- v.json\n" + stages).hint());
    assertEquals("fix dvc.yaml by hand, or restore it from Git (git checkout -- dvc.yaml)",
        refused("vars:\n- missing.yaml\n" + stages).hint(), "dvc.yaml names a file that is not there");
  }

  @Test
  void redefiningAParamsYamlKeyInVarsIsRefused() throws IOException {
    write("params.yaml", "lr: 0.1\n");
    PipelineFileException e = refused("vars:\n- {lr: 0.2}\nstages:\n  t:\n    cmd: x\n");
    assertTrue(e.getMessage().contains("cannot redefine 'lr' from 'vars[0]' as it already exists in 'params.yaml'"),
        e.getMessage());
  }

  @Test
  void aListCannotBeInterpolatedIntoAString() throws IOException {
    write("params.yaml", "l: [1, 2]\n");
    PipelineFileException e = refused("stages:\n  t:\n    cmd: echo ${l}\n");
    assertTrue(e.getMessage().endsWith("Cannot interpolate data of type 'list'"), e.getMessage());
  }

  @Test
  void theSchemaIsStrict() {
    assertEquals("dvc.yaml:4: unknown key 'outz' in stage 'train'",
        refused("stages:\n  train:\n    cmd: x\n    outz: [a]\n").getMessage());
    assertEquals("dvc.yaml:2: stage 'train' has no 'cmd'",
        refused("stages:\n  train:\n    deps: [a]\n").getMessage());
    assertEquals("dvc.yaml:5: unknown key 'cachee' in output 'm' of stage 'train'",
        refused("stages:\n  train:\n    cmd: x\n    outs:\n    - m: {cachee: false}\n").getMessage());
    assertEquals("dvc.yaml:1: unknown key 'stage' in the top level",
        refused("stage:\n  train:\n    cmd: x\n").getMessage());
    assertTrue(refused("stages:\n  a:\n    cmd: x\n  a:\n    cmd: y\n").getMessage().startsWith("dvc.yaml:4:"));
    assertEquals("dvc.yaml:4: 'frozen' of stage 'a' must be true or false, not 'yes'",
        refused("stages:\n  a:\n    cmd: x\n    frozen: yes\n").getMessage());
    assertEquals("dvc.yaml:2: stage name 'a@b' contains '@', which DVC reserves for foreach/matrix stages (name@key)",
        refused("stages:\n  a@b:\n    cmd: x\n").getMessage());
    assertEquals("dvc.yaml:3: unknown key 'cmd' in stage 'a'",
        refused("stages:\n  a:\n    cmd: x\n    foreach: [1]\n    do: {cmd: y}\n").getMessage());
  }

  @Test
  void aYamlSyntaxErrorNamesItsLine() {
    assertTrue(refused("stages:\n  a:\n    cmd: echo\n    deps: [x\n    outs: [o]\n").getMessage()
        .startsWith("dvc.yaml:5: invalid YAML: "));
    assertTrue(refused("stages:\n  a:\n    cmd: echo\n   deps: [x]\n").getMessage().startsWith("dvc.yaml:4: "));
    assertTrue(refused("stages:\n  a:\n\tcmd: echo\n").getMessage().startsWith("dvc.yaml:3: "));
  }

  @Test
  void mergeKeysAreHonouredAsRuamelDoes() throws IOException {
    PipelineFile f = load("""
        stages:
          base: &common
            cmd: echo base
            deps:
            - shared.py
            always_changed: true
          derived:
            <<: *common
            cmd: echo derived
        """);
    Stage derived = f.stage("derived").orElseThrow();
    assertEquals(List.of("echo derived"), derived.cmd());
    assertEquals(List.of("shared.py"), derived.deps());
    assertTrue(derived.alwaysChanged());
    byte[] frozen = new PipelineFileEditor().setFrozen(Files.readAllBytes(repo.resolve("dvc.yaml")), "dvc.yaml",
        "derived", true);
    assertTrue(new String(frozen, java.nio.charset.StandardCharsets.UTF_8)
        .endsWith("    <<: *common\n    cmd: echo derived\n    frozen: true\n"));
  }

  @Test
  void anEmptyFileHasNoStages() throws IOException {
    PipelineFile f = load("");
    assertTrue(f.stages().isEmpty());
    assertNull(f.stage("x").orElse(null));
  }
}
