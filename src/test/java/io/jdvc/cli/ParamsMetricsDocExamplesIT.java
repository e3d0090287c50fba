package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples of DVC's command reference (dvc.org, {@code command-reference/params/diff.md},
 * {@code metrics/diff.md}, {@code metrics/show.md}) replayed with the same files: jdvc must print the values DVC
 * prints there. Where the page was plainly edited by hand (an em dash for {@code -}, rows out of DVC's sorted order)
 * the rows are compared value by value; where it is DVC's output as printed, the table is compared byte for byte.
 */
class ParamsMetricsDocExamplesIT extends DataRepoFixture {
  /** The table's rows split into cells, header first. */
  private static List<List<String>> rows(String table) {
    return table.lines().map(l -> List.of(l.trim().split(" {2,}"))).toList();
  }

  @Test
  void paramsDiffExamples() {
    // "dvc stage add -n train -d train.py -d users.csv -o model.pkl -p lr,train python train.py"
    repo.write("dvc.yaml", """
        stages:
          train:
            cmd: python train.py
            deps:
            - train.py
            - users.csv
            params:
            - lr
            - train
            outs:
            - model.pkl
        """);
    repo.commitAll("pipeline, before params.yaml exists");
    repo.write("params.yaml", """
        lr: 0.0041

        train:
          epochs: 70
          layers: 9

        process:
          thresh: 0.98
          bow: 15000
        """);
    // $ dvc params diff  (the page shows '—' where DVC prints '-')
    assertEquals(List.of(
        List.of("Path", "Param", "HEAD", "workspace"),
        List.of("params.yaml", "lr", "-", "0.0041"),
        List.of("params.yaml", "process.bow", "-", "15000"),
        List.of("params.yaml", "process.thresh", "-", "0.98"),
        List.of("params.yaml", "train.epochs", "-", "70"),
        List.of("params.yaml", "train.layers", "-", "9")), rows(jdvc.ok("params", "diff").out()));

    repo.commitAll("params");
    repo.write("params.yaml", """
        lr: 0.0043

        train:
          epochs: 110
          layers: 7

        process:
          thresh: 0.98
          bow: 15000
        """);
    // $ dvc params diff  (the page lists train.layers before train.epochs; DVC sorts the keys)
    assertEquals("""
        Path         Param         HEAD    workspace
        params.yaml  lr            0.0041  0.0043
        params.yaml  train.epochs  70      110
        params.yaml  train.layers  9       7
        """, jdvc.ok("params", "diff").out());
    // $ dvc params diff --all
    assertEquals("""
        Path         Param           HEAD    workspace
        params.yaml  lr              0.0041  0.0043
        params.yaml  process.bow     15000   15000
        params.yaml  process.thresh  0.98    0.98
        params.yaml  train.epochs    70      110
        params.yaml  train.layers    9       7
        """, jdvc.ok("params", "diff", "--all").out());
  }

  @Test
  void metricsDiffExampleOfDvcLiveMetrics() {
    repo.write("dvc.yaml", "metrics:\n- dvclive/metrics.json\n"); // as DVCLive declares its metrics
    repo.write("dvclive/metrics.json", "{\n    \"AUC\": 0.7891189181402177,\n    \"TP\": 215\n}\n");
    repo.commitAll("Add metrics");
    repo.write("dvclive/metrics.json", "{\n    \"AUC\": 0.18113944203594523,\n    \"TP\": 768\n}\n");
    assertEquals("""
        Path                  Metric    HEAD     workspace    Change
        dvclive/metrics.json  AUC       0.78912  0.18114      -0.60798
        dvclive/metrics.json  TP        215      768          553
        """, jdvc.ok("metrics", "diff").out());
  }

  @Test
  void metricsShowExamples() {
    repo.write("dvc.yaml", """
        stages:
          evaluate:
            cmd: python evaluate.py
            metrics:
            - eval.json:
                cache: false
        """);
    repo.write("eval.json", "{\"AUC\": 0.66729, \"TP\": 516, \"error\": 0.16982}");
    repo.commitAll("evaluate");
    repo.branch("increase_bow");
    repo.checkout("increase_bow");
    repo.write("eval.json", "{\"AUC\": 0.66524, \"TP\": 521, \"error\": 0.17074}");
    repo.commitAll("more bag of words");
    repo.checkout("main");
    assertEquals("""
        Path       AUC      TP    error
        eval.json  0.66729  516   0.16982
        """, jdvc.ok("metrics", "show").out());
    // the workspace equals main, the current branch, so it is left out
    assertEquals("""
        Revision      Path       AUC      TP    error
        increase_bow  eval.json  0.66524  521   0.17074
        main          eval.json  0.66729  516   0.16982
        """, jdvc.ok("metrics", "show", "-a").out());
    List<List<String>> all = rows(jdvc.ok("metrics", "show", "--all-commits").out());
    assertEquals(List.of("Revision", "Path", "AUC", "TP", "error"), all.get(0));
    assertEquals(List.of("workspace", "eval.json", "0.66729", "516", "0.16982"), all.get(1),
        "the workspace first, never left out with -A: its revisions are commit ids");
    assertEquals(List.of(List.of("0.66524", "521", "0.17074"), List.of("0.66729", "516", "0.16982")),
        all.subList(2, all.size()).stream().map(r -> r.subList(2, 5)).sorted((a, b) -> a.get(0).compareTo(b.get(0)))
            .toList(), "each commit once, by its full id");
    all.subList(2, all.size()).forEach(r -> assertEquals(40, r.get(0).length(), r.toString()));
  }
}
