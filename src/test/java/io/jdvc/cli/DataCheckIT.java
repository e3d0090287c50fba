package io.jdvc.cli;

import static io.jdvc.testing.TableFixtures.trainSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TableFixtures;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** data check and data suggest: one checks file that passes at one revision and fails at the next. */
class DataCheckIT extends DataRepoFixture {
  static final String CHECKS = """
      checks for data/train.parquet:
        - row_count between 1000 and 5000000
        - missing_count(label) = 0
        - duplicate_count(id) = 0
        - invalid_count(country) = 0:
            valid values: [DE, FR, US]
        - avg(amount) between 9 and 11
        - missing_percent(label):
            warn: when > 1%
            fail: when > 20%
        - schema:
            fail:
              when required column missing: [id, label]
              when wrong column type:
                id: BIGINT
            warn:
              when schema changes: any
        - freshness(ts) < 1d
        - change for row_count between -10% and +10%
        - distribution_difference(amount) > 0.5:
            method: swd
      """;

  @Test
  void checksPassAtOneRevisionAndFailAtTheNext() throws Exception {
    repo.write("checks.yml", CHECKS);
    version("v1", trainSql(20000, 10, 2, 0, 1));
    version("v2", "SELECT id % 15000 AS id, amount, CASE WHEN id % 100 = 0 THEN 'XX' ELSE country END AS country, "
        + "label, ts FROM (" + trainSql(15000, 12, 2, 0.08, 2) + ")");

    CliResult v1 = jdvc.run("data", "check", "--rev", "v1", "--at-commit");
    assertEquals(0, v1.exitCode(), v1.out() + v1.err());
    assertTrue(v1.out().startsWith("data/train.parquet@v1\n  row_count between 1000 and 5000000 [PASSED] (20000)\n"),
        v1.out());
    assertTrue(v1.out().contains("  invalid_count(country) = 0 [PASSED] (0)\n"), v1.out());
    assertTrue(v1.out().contains("  change for row_count between -10% and +10% [NOT EVALUATED] - no earlier version"),
        v1.out());
    assertTrue(v1.out().contains("checks: 8 passed, 0 warned, 0 failed, 0 errors, 2 not evaluated"), v1.out());

    CliResult v2 = jdvc.run("data", "check", "--rev", "v2", "--at-commit", "--junit", "report.xml");
    assertEquals(5, v2.exitCode(), v2.out() + v2.err());
    String out = v2.out();
    assertTrue(out.contains("  missing_count(label) = 0 [FAILED] (1"), out);
    assertTrue(out.contains("  invalid_count(country) = 0 [FAILED] (150)"), out);
    assertTrue(out.contains("  duplicate_count(id) = 0 [PASSED] (0)"), out);
    assertTrue(out.contains("  avg(amount) between 9 and 11 [FAILED] (12"), out);
    assertTrue(out.contains("  missing_percent(label) [WARNED] (7."), out);
    assertTrue(out.contains("  change for row_count between -10% and +10% [FAILED] (-25) - was 20000 in"), out);
    assertTrue(out.contains("  distribution_difference(amount) > 0.5 [FAILED] (1.0"), out);
    assertTrue(out.contains("  schema [PASSED]"), out);
    String xml = Files.readString(repo.path("report.xml"));
    assertTrue(xml.contains("tests=\"10\" failures=\"5\" errors=\"0\" skipped=\"0\""), xml);
    assertTrue(xml.contains("<testcase classname=\"data/train.parquet@v2\" name=\"avg(amount) between 9 and 11\">"
        + "\n      <failure message=\"observed 12"), xml);

    CliResult json = jdvc.run("data", "check", "--rev", "v2", "--json");
    assertTrue(json.out().contains("\"success\": false"), json.out());
    assertTrue(json.out().contains("\"outcome\": \"warn\""), json.out());
    assertTrue(jdvc.run("data", "check", "--rev", "v2", "--md").out().contains("| `data/train.parquet@v2` | "
        + "`missing_count(label) = 0` | ❌ FAILED |"));

    // warnings alone: 0, or 6 with --fail-on warn
    repo.write("warn.yml", "checks for data/train.parquet:\n  - missing_percent(label):\n      warn: when > 1%\n");
    assertEquals(0, jdvc.run("data", "check", "-f", "warn.yml", "--rev", "v2").exitCode());
    assertEquals(6, jdvc.run("data", "check", "-f", "warn.yml", "--rev", "v2", "--fail-on", "warn").exitCode());
    // the workspace holds v2 too
    assertEquals(5, jdvc.run("data", "check").exitCode());
  }

  @Test
  void badChecksFilesAreReportedWithTheirLine() {
    version("v1", trainSql(100, 10, 2, 0, 1));
    repo.write("bad.yml", "checks for data/train.parquet:\n  - row_count > 0\n  - frobnicate(x) = 1\n");
    CliResult unknown = jdvc.run("data", "check", "-f", "bad.yml");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("bad.yml:3: unknown check 'frobnicate(x) = 1'"), unknown.err());

    repo.write("yaml.yml", "checks for data/train.parquet:\n  - row_count > 0\n   - oops: [\n");
    CliResult yaml = jdvc.run("data", "check", "-f", "yaml.yml");
    assertEquals(1, yaml.exitCode());
    assertTrue(yaml.err().contains("yaml.yml: not valid YAML"), yaml.err());
    assertTrue(yaml.err().contains("line 3"), yaml.err());

    repo.write("col.yml", "checks for data/train.parquet:\n  - row_count > 0\n  - missing_count(nope) = 0\n"
        + "  - invalid_count(nope) = 0:\n      valid values: [a]\n");
    CliResult col = jdvc.run("data", "check", "-f", "col.yml");
    assertEquals(1, col.exitCode(), col.out());
    assertTrue(col.out().contains("missing_count(nope) = 0 [ERROR] - no column 'nope' (columns: id, amount,"),
        col.out());
    assertTrue(col.out().contains("invalid_count(nope) = 0 [ERROR] - no column 'nope' (columns: id, amount,"),
        "a check that needs the rows names the missing column too: " + col.out());
    assertTrue(col.out().contains("row_count > 0 [PASSED]"), col.out());

    repo.write("gone.yml", "checks for data/gone.parquet:\n  - row_count > 0\n");
    CliResult gone = jdvc.run("data", "check", "-f", "gone.yml", "--rev", "v1");
    assertEquals(1, gone.exitCode());
    assertTrue(gone.out().contains("[ERROR] - 'data/gone.parquet' is not tracked in v1"), gone.out());
    assertEquals(1, jdvc.run("data", "check", "-f", "none.yml").exitCode());
    CliResult noSection = jdvc.run("data", "check", "-f", "gone.yml", "data/other.csv");
    assertEquals(1, noSection.exitCode());
    assertTrue(noSection.err().contains("the checks file has no 'checks for data/other.csv' section"),
        noSection.err());
  }

  /** A small table whose every metric is known exactly: v2 renames, retypes, moves and adds columns. */
  private static final String EXACT = "SELECT i AS id, i % 10 AS grp, i::DOUBLE AS x, CASE WHEN i % 20 = 0 THEN 'nobody' "
      + "ELSE 'user' || i || '@mail.com' END AS email, CASE WHEN i % 4 = 0 THEN 'bad' ELSE 'ok' END AS code, "
      + "TIMESTAMP '2024-01-01' + to_seconds(i) AS ts, TIMESTAMP '2023-06-01' AS old FROM range(100) t(i)";

  @Test
  void everyMetricAndSchemaRuleJudgesRealRows() throws Exception {
    TableFixtures.write(repo.path("data/t.parquet"), EXACT);
    jdvc.ok("add", "data/t.parquet");
    repo.commitAll("v1");
    repo.tag("v1");
    TableFixtures.write(repo.path("data/t.parquet"), "SELECT id, grp, x::VARCHAR AS x, email, ts, code AS status, "
        + "old, 1 AS tmp_debug FROM (" + EXACT + ")");
    jdvc.ok("add", "data/t.parquet");
    repo.commitAll("v2");
    repo.tag("v2");

    repo.write("metrics.yml", """
        checks for data/t.parquet:
          - min(x) = 0
          - max(x) = 99
          - sum(x) = 4950
          - median(x) = 49.5
          - stddev(x) between 29.011 and 29.012
          - distinct_count(grp) = 10
          - duplicate_count(grp) = 90
          - duplicate_count(id, grp) = 0
          - duplicate_percent(grp) = 90%
          - invalid_count(email) = 5:
              valid regex: '[^@]+@[^@]+'
          - invalid_percent(x) = 20%:
              valid min: 10
              valid max: 89
          - invalid_count(code) = 25:
              valid length: 2
          - freshness(ts) < 1d
          - freshness(old) < 1d
        """);
    CliResult metrics = jdvc.run("data", "check", "-f", "metrics.yml", "--rev", "v1", "--at-commit");
    assertEquals(5, metrics.exitCode(), metrics.out() + metrics.err());
    assertTrue(metrics.out().contains("checks: 13 passed, 0 warned, 1 failed, 0 errors"), metrics.out());
    assertTrue(metrics.out().contains("  freshness(old) < 1d [FAILED] (18489"), metrics.out()); // 214 days in s

    repo.write("schema.yml", """
        checks for data/t.parquet:
          - schema:
              name: contract
              fail:
                when required column missing: [id, code]
                when forbidden column present: [tmp_*]
                when wrong column type: {x: DOUBLE}
                when wrong column index: {grp: 1, ts: 5}
          - schema:
              name: stable
              warn:
                when schema changes: any
        """);
    CliResult v1 = jdvc.run("data", "check", "-f", "schema.yml", "--rev", "v1");
    assertEquals(0, v1.exitCode(), v1.out() + v1.err());
    CliResult v2 = jdvc.run("data", "check", "-f", "schema.yml", "--rev", "v2");
    assertEquals(5, v2.exitCode(), v2.out() + v2.err());
    assertTrue(v2.out().contains("  contract [FAILED] (8 columns) - required column 'code' is missing; forbidden "
        + "column 'tmp_debug' is present; column 'x' is VARCHAR, not DOUBLE; column 'ts' is at index 4, not 5"),
        v2.out());
    assertTrue(v2.out().matches("(?s).*  stable \\[WARNED\\] \\(8 columns\\) - schema changed since [0-9a-f]{7} "
        + "\\('v1'\\): .*"), v2.out());

    CliResult diff = jdvc.run("data", "diff", "v1", "v2", "data/t.parquet", "--fail-on", "schema");
    assertEquals(5, diff.exitCode(), diff.out() + diff.err());
    assertTrue(diff.out().contains("~ x (DOUBLE → VARCHAR)  breaking"), diff.out());
    assertTrue(diff.out().contains("- code (VARCHAR)  breaking, renamed to status?"), diff.out());
    assertTrue(diff.out().contains("+ tmp_debug (INTEGER)  info"), diff.out());
  }

  /** docs/data-quality.md "In CI and pipelines": a check as a stage stops repro before the stages after it. */
  @Test
  void aCheckStageStopsReproOnBadData() throws Exception {
    repo.write("checks.yml", "checks for data/train.parquet:\n  - missing_count(label) = 0\n");
    version("v1", trainSql(500, 10, 2, 0, 1));
    String jdvcCmd = "'" + java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
        + System.getProperty("java.class.path") + "' io.jdvc.cli.Main";
    repo.write("dvc.yaml", "stages:\n  validate:\n    cmd: \"" + jdvcCmd + " data check -f checks.yml && echo ok > "
        + "validated\"\n    deps: [data/train.parquet, checks.yml]\n    outs: [validated]\n  train:\n"
        + "    cmd: cp data/train.parquet model.bin\n    deps: [validated, data/train.parquet]\n    outs: [model.bin]\n");
    CliResult good = jdvc.run("repro");
    assertEquals(0, good.exitCode(), good.out() + good.err());
    byte[] v1 = Files.readAllBytes(repo.path("data/train.parquet"));
    assertTrue(java.util.Arrays.equals(v1, Files.readAllBytes(repo.path("model.bin"))));
    repo.commitAll("trained");

    version("v2", trainSql(500, 10, 2, 0.1, 2)); // a tenth of the labels went missing
    CliResult bad = jdvc.run("repro");
    assertEquals(1, bad.exitCode(), bad.out() + bad.err());
    assertTrue(bad.err().contains("failed to reproduce 'validate'") && bad.err().contains("exited with 5"),
        bad.err()); // 5: a check failed
    assertTrue(java.util.Arrays.equals(v1, Files.readAllBytes(repo.path("model.bin"))), "train did not run");
  }

  /** The checks file pins a CSV dialect the sniffer cannot know: ';' between fields, ',' before decimals. */
  @Test
  void aFormatSectionPinsTheCsvDialect() throws Exception {
    repo.write("data/eu.csv", "id;amount;country\n1;1,5;DE\n2;2,5;FR\n3;3,5;US\n");
    String checks = "checks for data/eu.csv:\n  - schema:\n      fail:\n        when required column missing: [id, amount]"
        + "\n  - avg(amount) = 2.5\n";
    repo.write("sniffed.yml", checks);
    CliResult sniffed = jdvc.run("data", "check", "-f", "sniffed.yml");
    assertEquals(5, sniffed.exitCode(), sniffed.out() + sniffed.err());
    assertTrue(sniffed.out().contains("  schema [FAILED]"), sniffed.out());

    repo.write("pinned.yml", "format for data/eu.csv:\n  delim: ';'\n  decimal_separator: ','\n" + checks);
    CliResult pinned = jdvc.run("data", "check", "-f", "pinned.yml", "--junit", "pinned.xml");
    assertEquals(0, pinned.exitCode(), pinned.out() + pinned.err());
    assertTrue(pinned.out().contains("  avg(amount) = 2.5 [PASSED] (2.5)"), pinned.out());
    assertTrue(Files.readString(repo.path("pinned.xml")).contains("tests=\"2\""), "the format is not a check");

    repo.write("typo.yml", "checks for data/eu.csv:\n  - row_count > 0\nformat for data/eu.csv:\n  delimiter: ';'\n"
        + "  quotes: '\"'\n");
    CliResult typo = jdvc.run("data", "check", "-f", "typo.yml");
    assertEquals(1, typo.exitCode());
    assertTrue(typo.err().contains("typo.yml:3: unknown format option 'quotes'"), typo.err());
    repo.write("orphan.yml", "checks for data/eu.csv:\n  - row_count > 0\nformat for data/other.csv:\n  delim: ';'\n");
    CliResult orphan = jdvc.run("data", "check", "-f", "orphan.yml");
    assertEquals(1, orphan.exitCode());
    assertTrue(orphan.err().contains("orphan.yml:3: 'format for data/other.csv' has no 'checks for data/other.csv' "
        + "section"), orphan.err());
  }

  @Test
  void anomalyDetectionReadsTheHistoryInGit() {
    repo.write("checks.yml", "checks for data/train.parquet:\n  - anomaly detection for row_count\n");
    int[] rows = {1000, 1010, 990, 1005};
    for (int i = 0; i < rows.length; i++) {
      version("v" + i, trainSql(rows[i], 10, 2, 0, i));
      if (i == 2) {
        CliResult early = jdvc.run("data", "check");
        assertTrue(early.out().contains("[NOT EVALUATED] (990) - needs 4 earlier versions, found 2"), early.out());
      }
    }
    version("normal", trainSql(1002, 10, 2, 0, 9));
    CliResult ok = jdvc.run("data", "check");
    assertEquals(0, ok.exitCode(), ok.out());
    assertTrue(ok.out().contains("anomaly detection for row_count [PASSED] (1002) - expected"), ok.out());
    version("spike", trainSql(5000, 10, 2, 0, 10));
    CliResult spike = jdvc.run("data", "check");
    assertEquals(5, spike.exitCode(), spike.out());
    assertTrue(spike.out().contains("anomaly detection for row_count [FAILED] (5000)"), spike.out());
  }

  @Test
  void suggestedChecksPassOnTheirOwnVersionAndCatchTheNext() throws Exception {
    version("v1", trainSql(5000, 10, 2, 0.1, 1));
    CliResult s = jdvc.ok("data", "suggest", "data/train.parquet@v1");
    String yml = s.out();
    assertTrue(yml.contains("checks for data/train.parquet:\n  - row_count > 0\n"), yml);
    assertTrue(yml.contains("  - missing_count(id) = 0\n"), yml);
    assertTrue(yml.contains("  - duplicate_count(id) = 0\n"), yml);
    assertTrue(yml.contains("  - invalid_count(country) = 0:\n      valid values: [\"DE\", \"FR\", \"US\"]\n"), yml);
    assertTrue(yml.matches("(?s).*  - missing_percent\\(label\\) <= 1[01]\\.\\d+%\n.*"), yml);
    repo.write("suggested.yml", yml);
    CliResult own = jdvc.run("data", "check", "-f", "suggested.yml", "--rev", "v1");
    assertEquals(0, own.exitCode(), own.out());
    version("v2", "SELECT id % 100 AS id, amount, country, label, ts FROM (" + trainSql(5000, 10, 2, 0.1, 2) + ")");
    CliResult next = jdvc.run("data", "check", "-f", "suggested.yml", "--rev", "v2");
    assertEquals(5, next.exitCode(), next.out());
    assertTrue(next.out().contains("duplicate_count(id) = 0 [FAILED] (4900)"), next.out());
  }
}
