package io.jdvc.cli;

import static io.jdvc.testing.TableFixtures.trainSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TableFixtures;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * data diff between revisions: drift on a shifted column, none on a resampled one, schema changes classed, rows by
 * key, and --fail-on for CI.
 */
class DataDiffIT extends DataRepoFixture {
  /** The score printed for a column in --json output. */
  private static double score(String json, String column) {
    Matcher m = Pattern.compile("\"column\": \"" + column + "\",\\s*\"test\": \"[a-z]+\",\\s*\"score\": ([0-9.E-]+)")
        .matcher(json);
    assertTrue(m.find(), json);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void aShiftedColumnDriftsAResampledOneDoesNot() {
    version("v1", trainSql(20000, 10, 2, 0, 1));
    // amount moved by one standard deviation, 8 % of the labels became null and BIGINT, ts was renamed, id narrowed
    version("v2", "SELECT id::INTEGER AS id, amount, country, label::BIGINT AS label, ts AS event_ts FROM ("
        + trainSql(20000, 12, 2, 0.08, 2) + ")");
    // the same distributions, drawn again
    version("v3", trainSql(20000, 10, 2, 0, 7));

    CliResult same = jdvc.ok("data", "diff", "v1", "v3", "data/train.parquet", "--json");
    assertTrue(score(same.out(), "amount") < 0.05, same.out());
    assertTrue(score(same.out(), "country") < 0.05, same.out());
    assertTrue(same.out().contains("\"dataset_drift\": false"), same.out());
    assertTrue(same.out().contains("\"schema\": []"), same.out());

    CliResult shifted = jdvc.ok("data", "diff", "v1", "v2", "data/train.parquet");
    String out = shifted.out();
    assertTrue(out.startsWith("data/train.parquet: v1 ("), out);
    assertTrue(out.contains("rows: 20000 → 20000 (+0, +0.0%)"), out);
    assertTrue(out.contains("- ts (TIMESTAMP)  breaking, renamed to event_ts?"), out);
    assertTrue(out.contains("+ event_ts (TIMESTAMP)  info"), out);
    assertTrue(out.contains("~ label (INTEGER → BIGINT)  warning"), out);
    assertTrue(out.contains("~ id (BIGINT → INTEGER)  breaking"), out);
    assertTrue(out.matches("(?s).*amount\\s+wasserstein\\s+1\\.0\\d*\\s+0\\.1\\s+DRIFT.*"), out);
    assertTrue(out.matches("(?s).*label\\s+jsd\\s+0\\.0\\d*\\s+0\\.1\\s+ok\\s+\\S+\\s+7\\.\\d+.*"), out);
    assertTrue(out.contains("dataset drift: no (1 of 4 compared columns drifted)"), out);
    double w = score(jdvc.ok("data", "diff", "v1", "v2", "data/train.parquet", "--json").out(), "amount");
    assertEquals(1.0, w, 0.05);

    // CI gates
    assertEquals(5, jdvc.run("data", "diff", "v1", "v2", "data/train.parquet", "--fail-on", "schema").exitCode());
    assertEquals(0, jdvc.run("data", "diff", "v1", "v2", "data/train.parquet", "--fail-on", "drift").exitCode());
    assertEquals(5, jdvc.run("data", "diff", "v1", "v2", "data/train.parquet", "--fail-on", "drift",
        "--critical", "amount").exitCode());
    assertEquals(0, jdvc.run("data", "diff", "v1", "v3", "data/train.parquet", "--fail-on", "schema,drift")
        .exitCode());
    CliResult md = jdvc.ok("data", "diff", "v1", "v2", "data/train.parquet", "--md");
    assertTrue(md.out().contains("| column | test | score |"), md.out());
    assertTrue(md.out().contains("| removed | ts | TIMESTAMP | breaking | renamed to event_ts? |"), md.out());
    CliResult schemaOnly = jdvc.ok("data", "diff", "v1", "v2", "data/train.parquet", "--schema-only");
    assertFalse(schemaOnly.out().contains("drift"), schemaOnly.out());
    assertTrue(schemaOnly.out().contains("- ts (TIMESTAMP)  breaking"), schemaOnly.out());

    // half the compared columns drift (amount by 1 sigma, country's DE became US): the dataset drifts
    version("v4", "SELECT id, amount + 2 AS amount, CASE WHEN country = 'DE' THEN 'US' ELSE country END AS country, "
        + "label, ts FROM (" + trainSql(20000, 10, 2, 0, 4) + ")");
    CliResult half = jdvc.run("data", "diff", "v1", "v4", "data/train.parquet", "--fail-on", "drift");
    assertEquals(5, half.exitCode(), half.out() + half.err());
    assertTrue(half.out().contains("dataset drift: YES (2 of 4 compared columns drifted)"), half.out());
    assertTrue(half.out().matches("(?s).*country\\s+jsd\\s+0\\.[2-9]\\d*\\s+0\\.1\\s+DRIFT.*"), half.out());
  }

  @Test
  void smallReferencesUseSignificanceTests() {
    version("v1", trainSql(800, 10, 2, 0, 1));
    version("v2", trainSql(800, 10.6, 2, 0, 2)); // 0.3 sigma: KS sees it at n = 800
    version("v3", trainSql(800, 10, 2, 0, 3));
    CliResult shifted = jdvc.ok("data", "diff", "v1", "v2", "data/train.parquet");
    assertTrue(shifted.out().matches("(?s).*amount\\s+ks\\s+\\S+\\s+p < 0\\.05\\s+DRIFT.*"), shifted.out());
    assertTrue(shifted.out().matches("(?s).*country\\s+chisq\\s+\\S+\\s+p < 0\\.05\\s+ok.*"), shifted.out());
    CliResult same = jdvc.ok("data", "diff", "v1", "v3", "data/train.parquet");
    assertTrue(same.out().matches("(?s).*amount\\s+ks\\s+\\S+\\s+p < 0\\.05\\s+ok.*"), same.out());
    CliResult forced = jdvc.ok("data", "diff", "v1", "v2", "data/train.parquet", "--test", "psi", "--threshold",
        "5");
    assertTrue(forced.out().matches("(?s).*amount\\s+psi\\s+\\S+\\s+5\\s+ok.*"), forced.out());
    assertEquals(2, jdvc.run("data", "diff", "v1", "v2", "data/train.parquet", "--test", "nope").exitCode());
  }

  @Test
  void rowsByKeyAndTheWorkspaceAgainstHead() throws Exception {
    version("v1", trainSql(2000, 10, 2, 0, 1));
    String v1 = "read_parquet('" + repo.path(".dvc/cache").toString() + "/files/md5/*/*')";
    // 10 rows removed (ids 0-9), 5 added, amount changed in 10 rows (ids 10-19)
    TableFixtures.write(repo.path("data/train.parquet"), "SELECT id, CASE WHEN id < 20 THEN amount + 1 ELSE amount "
        + "END AS amount, country, label, ts FROM " + v1 + " WHERE id >= 10 UNION ALL SELECT id + 100000, amount, "
        + "country, label, ts FROM " + v1 + " WHERE id < 5");

    CliResult r = jdvc.ok("data", "diff", "data/train.parquet", "--key", "id", "-o", "changed.parquet");
    assertTrue(r.out().startsWith("data/train.parquet: HEAD ("), r.out());
    assertTrue(r.out().contains("→ workspace"), r.out());
    assertTrue(r.out().contains("rows by key id: 5 added, 10 removed, 10 modified (cells: amount 10), 1980 unchanged"),
        r.out());
    assertTrue(Files.exists(repo.path("changed.parquet")));
    assertTrue(jdvc.ok("data", "profile", "changed.parquet").out().startsWith("changed.parquet: 25 rows"));
    assertEquals(5, jdvc.run("data", "diff", "data/train.parquet", "--key", "id", "--fail-on", "rows").exitCode());

    CliResult whole = jdvc.ok("data", "diff", "data/train.parquet", "--rows", "--json");
    assertTrue(whole.out().contains("\"added\": 15"), whole.out());
    assertTrue(whole.out().contains("\"removed\": 20"), whole.out());
    CliResult badKey = jdvc.run("data", "diff", "data/train.parquet", "--key", "nope");
    assertEquals(1, badKey.exitCode());
    assertTrue(badKey.err().contains("key column 'nope' is not in both versions"), badKey.err());
  }
}
