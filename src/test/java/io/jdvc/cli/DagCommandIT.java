package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jdvc dag over a repository whose pipelines are in dvc.yaml files (with dvc.lock files) and whose raw data is a .dvc file. */
class DagCommandIT {
  private static final String MD5 = "0123456789abcdef0123456789abcdef";
  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;

  @BeforeEach
  void setUp() {
    repo = TempGitRepo.create(tmp.resolve("project"));
    jdvc = new CliRunner(repo.root());
    jdvc.ok("init");
    repo.write("data/data.xml", "<xml/>\n");
    jdvc.ok("add", "data");
    repo.write("dvc.lock", "schema: '2.0'\nstages:\n"
        + stage("prepare", "data/data.xml", "prepared")
        + stage("train", "prepared", "model.pkl")
        + stage("evaluate", "model.pkl", "eval/metrics.json")
        + stage("lint", "src", "lint.txt"));
    repo.write("reports/dvc.lock", "schema: '2.0'\nstages:\n" + stage("plots", "../eval", "plots"));
    repo.write("dvc.yaml", "stages:\n" + defined("prepare", "data/data.xml", "prepared")
        + defined("train", "prepared", "model.pkl") + defined("evaluate", "model.pkl", "eval/metrics.json")
        + defined("lint", "src", "lint.txt"));
    repo.write("reports/dvc.yaml", "stages:\n" + defined("plots", "../eval", "plots"));
  }

  /** The dvc.yaml definition of a stage: the graph comes from these, whether the stage ran or not. */
  private static String defined(String name, String dep, String out) {
    return "  " + name + ":\n    cmd: python " + name + ".py\n    deps:\n    - " + dep + "\n    outs:\n    - " + out
        + "\n";
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private static String stage(String name, String dep, String out) {
    return "  " + name + ":\n    cmd: python " + name + ".py\n    deps:\n    - path: " + dep + "\n      hash: md5\n"
        + "      md5: " + MD5 + "\n    outs:\n    - path: " + out + "\n      hash: md5\n      md5: " + MD5 + "\n";
  }

  @Test
  void mermaidAndDotListEveryStageAndDataSourceAsDvcDoes() {
    assertEquals(String.join("\n",
        "flowchart TD",
        "\tnode1[\"data.dvc\"]",
        "\tnode2[\"evaluate\"]",
        "\tnode3[\"prepare\"]",
        "\tnode4[\"reports/dvc.yaml:plots\"]",
        "\tnode5[\"train\"]",
        "\tnode1-->node3",
        "\tnode2-->node4",
        "\tnode3-->node5",
        "\tnode5-->node2",
        "\tnode6[\"lint\"]") + "\n", jdvc.ok("dag", "--mermaid").out());
    assertTrue(jdvc.ok("dag", "--md").out().startsWith("```mermaid\nflowchart TD\n\tnode1[\"data.dvc\"]"));
    assertEquals(String.join("\n",
        "strict digraph {",
        "\"data.dvc\";",
        "\"prepare\";",
        "\"train\";",
        "\"evaluate\";",
        "\"lint\";",
        "\"reports/dvc.yaml:plots\";",
        "\"data.dvc\" -> \"prepare\";",
        "\"prepare\" -> \"train\";",
        "\"train\" -> \"evaluate\";",
        "\"evaluate\" -> \"reports/dvc.yaml:plots\";",
        "}", "", ""), jdvc.ok("dag", "--dot").out());
  }

  @Test
  void asciiDrawsEachPipeline() {
    String out = jdvc.ok("dag").out();
    for (String name : new String[] {"data.dvc", "prepare", "train", "evaluate", "reports/dvc.yaml:plots", "lint"}) {
      assertTrue(out.contains("| " + name + " |"), out);
    }
    assertTrue(out.indexOf("| data.dvc |") < out.indexOf("| prepare |")
        && out.indexOf("| train |") < out.indexOf("| evaluate |"), out);
    assertTrue(out.contains("\n\n"), "two pipelines, drawn apart: " + out);
  }

  @Test
  void aTargetShowsItsUpstreamAndFullItsWholePipeline() {
    String upstream = jdvc.ok("dag", "train", "--mermaid").out();
    assertTrue(upstream.contains("\"data.dvc\"") && upstream.contains("\"prepare\"") && upstream.contains("\"train\""),
        upstream);
    assertFalse(upstream.contains("evaluate") || upstream.contains("lint"), upstream);
    String full = jdvc.ok("dag", "train", "--full", "--mermaid").out();
    assertTrue(full.contains("\"evaluate\"") && full.contains("reports/dvc.yaml:plots"), full);
    assertFalse(full.contains("lint"), full);
    String byPath = jdvc.ok("dag", "model.pkl", "--mermaid").out();
    assertEquals(upstream, byPath, "an output names the stage that writes it");
    String sub = jdvc.ok("dag", "reports/dvc.yaml:plots", "--mermaid").out();
    assertTrue(sub.contains("\"data.dvc\"") && !sub.contains("lint"), sub);
  }

  @Test
  void aForeachGroupNamesEveryStageItGenerates() {
    repo.write("reports/dvc.yaml", "stages:\n" + defined("plots", "../eval", "plots")
        + "  render:\n    foreach: [a, b]\n    do:\n      cmd: render ${item}\n      deps:\n      - plots\n"
        + "      outs:\n      - ${item}.png\n");
    String group = jdvc.ok("dag", "reports/dvc.yaml:render", "--mermaid").out();
    assertTrue(group.contains("\"reports/dvc.yaml:render@a\"") && group.contains("\"reports/dvc.yaml:render@b\"")
        && group.contains("\"reports/dvc.yaml:plots\""), group);
    assertFalse(group.contains("lint"), group);
  }

  @Test
  void outsDrawsOutputs() {
    String outs = jdvc.ok("dag", "--outs", "--mermaid").out();
    assertTrue(outs.contains("[\"data\"]") && outs.contains("[\"model.pkl\"]")
        && outs.contains("[\"reports/plots\"]"), outs);
    assertFalse(outs.contains("[\"train\"]"), outs);
    String target = jdvc.ok("dag", "-o", "train", "--dot").out();
    assertEquals("strict digraph {\n\"data\";\n\"prepared\";\n\"model.pkl\";\n\"data\" -> \"prepared\";\n"
        + "\"prepared\" -> \"model.pkl\";\n}\n\n", target);
  }

  @Test
  void badTargetsAndCyclesAreClearErrors() {
    CliResult nope = jdvc.run("dag", "nope");
    assertEquals(1, nope.exitCode());
    assertTrue(nope.err().contains("ERROR: 'nope' is neither a stage nor an output of one"), nope.err());
    repo.write("dvc.yaml", "stages:\n" + defined("prepare", "model.pkl", "prepared")
        + defined("train", "prepared", "model.pkl"));
    CliResult cycle = jdvc.run("dag");
    assertEquals(1, cycle.exitCode());
    assertTrue(cycle.err().contains("ERROR: cycle in the pipeline: prepare -> train -> prepare"), cycle.err());
  }
}
