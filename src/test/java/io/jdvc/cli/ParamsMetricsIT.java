package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code params diff}, {@code metrics show/diff} and the audit's params section over a real Git history of three
 * revisions: tag v1, tag v2 (HEAD) and the workspace. The expected tables were produced by DVC's own table code
 * ({@code dvc/compare.py} with the {@code tabulate} library and DVC's arguments) for the same values.
 */
class ParamsMetricsIT {
  private static final String DVC_YAML = """
      stages:
        train:
          cmd: python train.py
          params:
          - train.lr
          - train.epochs
          metrics:
          - metrics.json:
              cache: false
      metrics:
      - extra/scores.yaml
      """;

  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;

  @BeforeEach
  void setUp() {
    repo = TempGitRepo.create(tmp.resolve("project"));
    jdvc = new CliRunner(repo.root());
    jdvc.ok("init");
    repo.write("dvc.yaml", DVC_YAML);
    repo.write("params.yaml", "train:\n  lr: 0.01\n  epochs: 10\n  layers: [64, 32]\nmodel: cnn\n");
    repo.write("metrics.json", "{\"acc\": 0.8, \"loss\": 0.5}");
    repo.commitAll("v1");
    repo.tag("v1");
    repo.write("params.yaml", "train:\n  lr: 0.02\n  epochs: 10\n  layers: [64, 32]\nmodel: cnn\n");
    repo.write("metrics.json", "{\"acc\": 0.85, \"loss\": 0.4, \"run\": \"b\"}");
    repo.write("extra/scores.yaml", "f1: 0.7\n");
    repo.commitAll("v2");
    repo.tag("v2");
    repo.write("params.yaml", "train:\n  lr: 0.02\n  epochs: 12\n  layers: [64, 32, 16]\nmodel: cnn\n");
    repo.write("metrics.json", "{\"acc\": 0.9, \"loss\": 0.4, \"run\": \"c\"}");
    repo.write("extra/scores.yaml", "f1: 0.75\n");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  @Test
  void paramsDiffBetweenTwoRevisionsPrintsDvcsTable() {
    assertEquals("""
        Path         Param     v1    v2
        params.yaml  train.lr  0.01  0.02
        """, jdvc.ok("params", "diff", "v1", "v2").out());
  }

  @Test
  void paramsDiffDefaultsToHeadAgainstTheWorkspaceWithListsAsPythonPrintsThem() {
    assertEquals("""
        Path         Param         HEAD      workspace
        params.yaml  train.epochs  10        12
        params.yaml  train.layers  [64, 32]  [64, 32, 16]
        """, jdvc.ok("params", "diff").out());
  }

  @Test
  void paramsDiffAllInMarkdownShowsUnchangedKeysToo() {
    assertEquals("""
        | Path        | Param        | v1       | workspace    |
        |-------------|--------------|----------|--------------|
        | params.yaml | model        | cnn      | cnn          |
        | params.yaml | train.epochs | 10       | 12           |
        | params.yaml | train.layers | [64, 32] | [64, 32, 16] |
        | params.yaml | train.lr     | 0.01     | 0.02         |

        """, jdvc.ok("params", "diff", "v1", "--all", "--md").out());
  }

  @Test
  void paramsDiffDepsLeavesOutKeysNoStageReads() {
    String out = jdvc.ok("params", "diff", "v1", "--deps").out();
    assertTrue(out.contains("train.lr") && out.contains("train.epochs"), out);
    assertFalse(out.contains("train.layers"), out);
  }

  @Test
  void topLevelParamsFilesInTomlJsonAndPython() {
    repo.write("dvc.yaml", DVC_YAML + "params:\n- config.toml\n- hp.py\n- conf/opt.json\n");
    repo.write("config.toml", "[model]\ndepth = 4\n");
    repo.write("hp.py", "BATCH = 32\n\nclass Opt:\n    momentum = 0.9\n");
    repo.write("conf/opt.json", "{\"optimizer\": {\"name\": \"adam\"}}");
    repo.commitAll("params files"); // the workspace's params.yaml goes in too: only the new files differ now
    repo.write("config.toml", "[model]\ndepth = 6\n");
    repo.write("hp.py", "BATCH = 64\n\nclass Opt:\n    momentum = 0.95\n");
    repo.write("conf/opt.json", "{\"optimizer\": {\"name\": \"sgd\"}}");
    assertEquals("""
        Path           Param           HEAD    workspace
        conf/opt.json  optimizer.name  adam    sgd
        config.toml    model.depth     4       6
        hp.py          BATCH           32      64
        hp.py          Opt.momentum    0.9     0.95
        """,
        jdvc.ok("params", "diff").out());
  }

  @Test
  void paramsDiffJsonHasOldNewAndDiff() {
    assertEquals("""
        {
          "params.yaml": {
            "train.lr": {
              "old": 0.01,
              "new": 0.02,
              "diff": 0.01
            }
          }
        }
        """, jdvc.ok("params", "diff", "v1", "v2", "--json").out());
  }

  @Test
  void metricsDiffShowsMissingFilesAsDashAndNonNumbersWithoutChange() {
    CliResult r = jdvc.ok("metrics", "diff", "v1", "v2");
    assertEquals("""
        Path               Metric    v1    v2    Change
        extra/scores.yaml  f1        -     0.7   -
        metrics.json       acc       0.8   0.85  0.05
        metrics.json       loss      0.5   0.4   -0.1
        metrics.json       run       -     b     -
        """, r.out());
    assertEquals("", r.err(), "a file missing at one revision is not an error");
  }

  @Test
  void metricsDiffAgainstTheWorkspace() {
    assertEquals("""
        Path               Metric    HEAD    workspace    Change
        extra/scores.yaml  f1        0.7     0.75         0.05
        metrics.json       acc       0.85    0.9          0.05
        metrics.json       run       b       c            -
        """, jdvc.ok("metrics", "diff").out());
  }

  @Test
  void fromASubdirectoryPathsAreRelativeToItAsDvcPrintsThem() {
    CliRunner inExtra = new CliRunner(repo.path("extra"));
    assertEquals("""
        Path             Metric    v1    v2    Change
        scores.yaml      f1        -     0.7   -
        ../metrics.json  acc       0.8   0.85  0.05
        ../metrics.json  loss      0.5   0.4   -0.1
        ../metrics.json  run       -     b     -
        """, inExtra.ok("metrics", "diff", "v1", "v2").out());
    assertTrue(squeezed(inExtra.ok("params", "diff", "v1", "v2", "--json").out()).startsWith("{\"../params.yaml\":"));
    assertTrue(squeezed(inExtra.ok("metrics", "show", "--json").out())
        .contains("\"scores.yaml\":{\"data\":{\"f1\":0.75"));
  }

  @Test
  void metricsDiffJsonKeepsFullPrecisionAndAddsPercentWhenAsked() {
    String out = jdvc.ok("metrics", "diff", "v1", "v2", "--json", "--pct").out();
    assertTrue(squeezed(out).contains(squeezed("""
            "acc": {
              "old": 0.8,
              "new": 0.85,
              "diff": 0.04999999999999993,
              "pct": 6.249999999999992
            },""")), out);
    assertTrue(squeezed(out).contains(squeezed("""
            "run": {
              "old": null,
              "new": "b"
            }""")), out);
  }

  @Test
  void metricsDiffPercentColumn() {
    String out = jdvc.ok("metrics", "diff", "v1", "v2", "--pct").out();
    assertTrue(out.contains("metrics.json       loss      0.5   0.4   -0.1      -20.00%"), out);
  }

  @Test
  void metricsShowAcrossTagsReadsGitHistoryWithoutCheckout() throws IOException {
    String before = Files.readString(repo.path("metrics.json"));
    assertEquals("""
        Revision,Path,acc,f1,loss,run\r
        workspace,metrics.json,0.9,-,0.4,c\r
        workspace,extra/scores.yaml,-,0.75,-,-\r
        v1,metrics.json,0.8,-,0.5,-\r
        v1,extra/scores.yaml,-,-,-,-\r
        v2,metrics.json,0.85,-,0.4,b\r
        v2,extra/scores.yaml,-,0.7,-,-\r
        """, jdvc.ok("metrics", "show", "-T", "--csv").out());
    assertEquals(before, Files.readString(repo.path("metrics.json")), "the work tree is untouched");
  }

  @Test
  void metricsShowTableRoundsToFiveDigits() {
    repo.write("metrics.json", "{\"acc\": 0.123456789, \"nested\": {\"auc\": 0.5}}");
    assertEquals("""
        Path               acc      f1    nested.auc
        metrics.json       0.12346  -     0.5
        extra/scores.yaml  -        0.75  -
        """, jdvc.ok("metrics", "show").out());
  }

  @Test
  void malformedMetricsNameTheFileAndRevisionAndDoNotStopTheOthers() {
    repo.write("metrics.json", "{\"acc\": 0.9,");
    CliResult r = jdvc.ok("metrics", "diff");
    assertTrue(r.err().contains("metrics.json") && r.err().contains("workspace"), r.err());
    assertTrue(r.out().contains("extra/scores.yaml  f1        0.7     0.75"), r.out());
    assertTrue(r.out().contains("metrics.json       acc       0.85    -"), r.out());
  }

  @Test
  void malformedYamlAndCsvMetricsAtAGitRevisionNameFileAndRevision() {
    repo.write("dvc.yaml", DVC_YAML + "- eval/summary.csv\n- eval/score.toml\n");
    repo.write("extra/scores.yaml", "f1: [0.7\n");
    repo.write("eval/summary.csv", "precision,recall\n0.75,0.5,0.1\n");
    repo.write("eval/score.toml", "auc = 0.5\n");
    repo.commitAll("broken");
    repo.tag("v3");
    repo.write("extra/scores.yaml", "f1: 0.8\n");
    repo.write("eval/summary.csv", "precision,recall\n0.75,0.5\n");
    repo.write("eval/score.toml", "auc = 0.625\n");
    CliResult r = jdvc.ok("metrics", "diff", "v3");
    assertTrue(r.err().contains("WARNING: extra/scores.yaml") && r.err().contains("(at v3)"), r.err());
    assertTrue(r.err().contains("WARNING: eval/summary.csv:2: has 3 fields, the header has 2 (at v3)"), r.err());
    assertEquals("""
        Path               Metric     v3    workspace    Change
        eval/score.toml    auc        0.5   0.625        0.125
        eval/summary.csv   precision  -     0.75         -
        eval/summary.csv   recall     -     0.5          -
        extra/scores.yaml  f1         -     0.8          -
        """, r.out());
  }

  @Test
  void aMalformedParamsFileThatTemplatingReadsLeavesOnlyThatRevisionOut() {
    repo.write("params.yaml", "train: {lr: 0.03\n"); // dvc.yaml loads params.yaml for ${...}, as DVC does
    CliResult params = jdvc.ok("params", "diff", "v1");
    assertTrue(params.err().contains("WARNING: ") && params.err().contains("params.yaml")
        && params.err().contains("(at workspace)"), params.err());
    assertEquals("""
        Path         Param         v1        workspace
        params.yaml  model         cnn       -
        params.yaml  train.epochs  10        -
        params.yaml  train.layers  [64, 32]  -
        params.yaml  train.lr      0.01      -
        """, params.out(), "v1's values against none, as DVC shows a revision it failed to load");
    CliResult show = jdvc.ok("metrics", "show", "-T", "--json");
    assertTrue(squeezed(show.out()).contains("\"workspace\":{\"error\":{\"type\":\"LoadError\",\"msg\":\"dvc.yaml"),
        show.out());
    assertTrue(squeezed(show.out()).contains("\"v1\":{\"data\":{\"metrics.json\":{\"data\":{\"acc\":0.8"), show.out());
    assertTrue(jdvc.ok("metrics", "diff").out().contains("metrics.json       acc       0.85    -"));
    String audit = jdvc.run("audit", "v1", "--markdown").out();
    assertTrue(audit.contains("| params.yaml | train.lr"), "other revisions are unaffected: " + audit);
  }

  @Test
  void metricsShowAllBranchesInMarkdownLeavesOutAWorkspaceEqualToTheBranch() throws Exception {
    repo.commitAll("v3");
    repo.git().branchCreate().setName("exp").setStartPoint("v1").call();
    assertEquals("""
        | Revision   | Path              | acc   | f1   | loss   | run   |
        |------------|-------------------|-------|------|--------|-------|
        | exp        | metrics.json      | 0.8   | -    | 0.5    | -     |
        | exp        | extra/scores.yaml | -     | -    | -      | -     |
        | main       | metrics.json      | 0.9   | -    | 0.4    | c     |
        | main       | extra/scores.yaml | -     | 0.75 | -      | -     |

        """, jdvc.ok("metrics", "show", "-a", "--md").out());
  }

  @Test
  void metricsShowNamesACommitByAllItsBranchesAndTagsAsDvcsBrancher() throws Exception {
    repo.commitAll("v3");
    repo.tag("v3");
    repo.git().branchCreate().setName("exp").setStartPoint("v1").call();
    String out = squeezed(jdvc.ok("metrics", "show", "-a", "-T", "--json").out());
    List<String> revisions = new java.util.ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]+)\":\\{\"data\":\\{\"metrics\\.json\"").matcher(out);
    while (m.find()) {
      revisions.add(m.group(1));
    }
    // DVC hides the workspace only behind a revision named exactly as the branch, not behind "main,v3"
    assertEquals(List.of("workspace", "exp,v1", "main,v3", "v2"), revisions, out);
  }

  @Test
  void csvAndTsvMetricsFiles() {
    repo.write("dvc.yaml", DVC_YAML + "- eval/summary.csv\n- eval/per_class.tsv\n");
    repo.write("eval/summary.csv", "precision,recall\n0.75,0.5\n");
    repo.write("eval/per_class.tsv", "cls\tf1\ncat\t0.9\ndog\t0.8\n");
    String out = jdvc.ok("metrics", "show", "--json").out();
    assertTrue(squeezed(out).contains(squeezed("""
              "eval/summary.csv": {
                "data": {
                  "precision": 0.75,
                  "recall": 0.5
                }
              },""")), out);
    assertTrue(squeezed(out).contains(squeezed("""
                "1": {
                  "cls": "dog",
                  "f1": 0.8
                }""")), out);
  }

  @Test
  void cachedMetricsOfTwoRevisionsAreComparedFromTheCacheWithoutCheckout() throws IOException {
    String stage = "stages:\n  evaluate:\n    cmd: echo '{\"auc\":%s}' > scores.json\n    metrics:\n    - scores.json\n";
    repo.write("dvc.yaml", stage.formatted("0.91"));
    jdvc.ok("repro");
    repo.commitAll("auc 0.91");
    repo.tag("e1");
    repo.write("dvc.yaml", stage.formatted("0.93"));
    jdvc.ok("repro");
    repo.commitAll("auc 0.93");
    Files.delete(repo.path("scores.json"));
    assertTrue(Files.readString(repo.path(".gitignore")).contains("scores.json"), "Git never had the metrics");
    assertEquals("""
        Path         Metric    e1    HEAD    Change
        scores.json  auc       0.91  0.93    0.02
        """, jdvc.ok("metrics", "diff", "e1", "HEAD").out(), "each revision's object, by its dvc.lock md5");
  }

  @Test
  void auditMarkdownHasTheRevisionsParamsAndMetrics() {
    String out = jdvc.run("audit", "v1", "--markdown").out();
    assertTrue(out.contains("### Params and metrics"), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("\\| params\\.yaml +\\| train\\.lr +\\| 0\\.01 +\\|")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("\\| metrics\\.json +\\| acc +\\| 0\\.8 +\\|")), out);
  }

  @Test
  void auditOfARevisionWhoseDvcYamlCannotBeLoadedSaysWhyOnce() {
    repo.write("dvc.yaml", DVC_YAML + "bogus: 1\n");
    repo.commitAll("broken");
    String out = jdvc.run("audit", "HEAD", "--markdown").out();
    String section = out.substring(out.indexOf("### Params and metrics"));
    assertEquals(1, section.split("unknown key 'bogus'", -1).length - 1, section);
    assertFalse(section.contains("| Path"), section);
  }

  /** JSON without its whitespace, so a fragment can be compared wherever it is nested. */
  private static String squeezed(String json) {
    return json.replaceAll("\\s+", "");
  }
}
