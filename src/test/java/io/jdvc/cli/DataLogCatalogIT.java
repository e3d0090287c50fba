package io.jdvc.cli;

import static io.jdvc.testing.TableFixtures.trainSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.api.Jdvc;
import io.jdvc.tables.CatalogEntry;
import io.jdvc.tables.DataQuality;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TableFixtures;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** data log over a table's history, and the catalog of what a revision tracks. */
class DataLogCatalogIT extends DataRepoFixture {
  @Test
  void logShowsMetricsOfEveryVersionThatChangedTheTable() throws Exception {
    version("v1", trainSql(2000, 10, 2, 0, 1));
    repo.write("README.md", "unrelated\n");
    repo.commitAll("docs only");
    version("v2", trainSql(1500, 12, 2, 0.1, 2));

    CliResult r = jdvc.ok("data", "log", "data/train.parquet", "--metric", "row_count,missing_percent(label)",
        "-m", "avg(amount)");
    String[] lines = r.out().split("\n");
    assertEquals(3, lines.length, r.out());
    assertTrue(lines[0].matches("commit\\s+date\\s+subject\\s+row_count\\s+missing_percent\\(label\\)\\s+"
        + "avg\\(amount\\)"), r.out());
    assertTrue(lines[1].matches("[0-9a-f]{7}\\s+2024-01-01\\s+v2\\s+1500\\s+([89]|1[01])\\.\\d+\\s+1[12]\\.\\d+"), r.out());
    assertTrue(lines[2].matches("[0-9a-f]{7}\\s+2024-01-01\\s+v1\\s+2000\\s+0\\s+(9\\.9|10\\.0)\\d*"), r.out());
    CliResult json = jdvc.ok("data", "log", "data/train.parquet", "-n", "1", "--json");
    assertTrue(json.out().contains("\"row_count\": 1500.0"), json.out());
    assertFalse(json.out().contains("2000"), json.out());
    CliResult chart = jdvc.ok("data", "log", "data/train.parquet", "-m", "row_count,avg(amount)", "--html", "-o",
        "charts");
    assertTrue(chart.err().contains("chart: file:"), chart.err());
    String page = Files.readString(repo.path("charts/index.html"));
    assertTrue(page.contains("<svg") && !page.contains("<script") && !page.contains("http://cdn"), "offline page");
    assertTrue(page.contains("data/train.parquet: row_count") && page.contains("data/train.parquet: avg(amount)"));
    // oldest first: version 1 is v1 with 2000 rows, version 2 is v2 with 1500
    assertTrue(page.matches("(?s).*version 1: [0-9a-f]{7} 2024-01-01 v1.*version 2: [0-9a-f]{7} 2024-01-01 v2.*"),
        page);
    CliResult bad = jdvc.run("data", "log", "data/train.parquet", "-m", "avg(country)");
    assertEquals(0, bad.exitCode());
    assertTrue(bad.err().contains("WARNING: column 'country' is VARCHAR, not numeric"), bad.err());
  }

  @Test
  void catalogDescribesEveryOutputWithoutStartingTheEngine() throws Exception {
    version("v1", trainSql(300, 10, 2, 0, 1));
    String dvc = Files.readString(repo.path("data/train.parquet.dvc"));
    repo.write("data/train.parquet.dvc", dvc.replace("  path: train.parquet\n", "  path: train.parquet\n"
        + "  desc: Training set, one row per order\n  type: dataset\n  labels:\n  - orders\n  - gold\n"
        + "  meta:\n    owner: data-team\n    version: 2\n"));
    repo.write("dvc.lock", "schema: '2.0'\nstages:\n  train:\n    cmd: python train.py\n    outs:\n    - path: "
        + "model.bin\n      hash: md5\n      md5: 0123456789abcdef0123456789abcdef\n      size: 42\n");
    repo.commitAll("describe");
    Files.createDirectories(tmp.resolve("store"));
    jdvc.ok("remote", "add", "-d", "store", tmp.resolve("store").toString());
    jdvc.ok("push");
    jdvc.ok("data", "profile", "data/train.parquet");
    // declared after the push: model.bin's object (a made-up hash in dvc.lock) is not in the cache to push
    repo.write("dvc.yaml", "stages:\n  train:\n    cmd: python train.py\n    outs:\n    - model.bin\n  report:\n"
        + "    cmd: python report.py\n    outs:\n    - report.json:\n        desc: Weekly quality report\n"
        + "        cache: false\nartifacts:\n  orders-model:\n    path: model.bin\n    type: model\n"
        + "    desc: Order classifier\n    labels: [prod]\n");
    repo.commitAll("declare the pipeline");

    try (Jdvc api = Jdvc.open(repo.root()); DataQuality dq = api.data()) {
      List<CatalogEntry> all = dq.catalog("HEAD", true);
      assertEquals(List.of("data/train.parquet", "model.bin", "report.json"),
          all.stream().map(CatalogEntry::path).toList());
      CatalogEntry data = all.get(0);
      assertEquals("Training set, one row per order", data.desc());
      assertEquals("dataset", data.type());
      assertEquals(List.of("orders", "gold"), data.labels());
      assertEquals(java.util.Map.of("owner", "data-team", "version", 2L), data.meta());
      assertEquals(300L, data.rows());
      assertEquals(5, data.columns());
      assertEquals(Boolean.TRUE, data.onRemote());
      assertEquals("describe", data.lastCommit().subject());
      CatalogEntry model = all.get(1);
      assertEquals("train", model.stage());
      assertEquals("orders-model", model.artifact());
      assertEquals("model", model.type());
      assertEquals("Order classifier", model.desc());
      assertEquals(List.of("prod"), model.labels());
      CatalogEntry report = all.get(2);
      assertEquals("report", report.stage(), "declared in dvc.yaml, not run yet");
      assertEquals("dvc.yaml", report.pointer());
      assertEquals(null, report.md5());
      assertEquals("Weekly quality report", report.desc());
      assertEquals(Boolean.FALSE, model.onRemote());
      assertEquals(null, model.rows());
      assertFalse(dq.engineStarted(), "the catalog must not start DuckDB");
    }
    CliResult text = jdvc.ok("catalog");
    assertTrue(text.out().matches("(?s).*data/train\\.parquet\\s+dataset\\s+\\S+ \\S+\\s+300×5\\s+[0-9a-f]{7} "
        + "2024-01-01 Jdvc Tester\\s+yes\\s+orders,gold\\s+Training set, one row per order\n.*"), text.out());
    assertTrue(text.out().matches("(?s).*model\\.bin\\s+model\\s+42 B\\s+train\\s+.*"), text.out());
    assertTrue(text.out().matches("(?s).*report\\.json\\s+report\\s+.*Weekly quality report.*"), text.out());
    CliResult datasets = jdvc.ok("catalog", "--type", "dataset", "--json", "--offline");
    assertTrue(datasets.out().contains("\"owner\": \"data-team\""), datasets.out());
    assertTrue(datasets.out().contains("\"on_remote\": null"), datasets.out());
    assertFalse(datasets.out().contains("model.bin"), datasets.out());
    assertTrue(jdvc.ok("catalog", "--label", "gold", "--md").out().contains("| data/train.parquet | dataset |"));

    CliResult ls = jdvc.ok("ls", "--json");
    assertTrue(ls.out().contains("\"desc\": \"Training set, one row per order\""), ls.out());
    assertTrue(ls.out().contains("\"version\": 2"), ls.out());
    // and so does the listing of a repository by URL, as dvc ls gives it: the .dvc file's and dvc.yaml's words
    CliResult byUrl = jdvc.ok("ls", repo.root().toString(), "--json");
    assertTrue(byUrl.out().matches("(?s).*\"path\": \"model\\.bin\",\\s+\"desc\": \"Order classifier\",\\s+"
        + "\"type\": \"model\",\\s+\"labels\": \\[\\s+\"prod\"\\s+\\],\\s+\"meta\": null.*"), byUrl.out());
    CliResult inData = jdvc.ok("ls", repo.root().toString(), "data", "--json");
    assertTrue(inData.out().contains("\"desc\": \"Training set, one row per order\""), inData.out());
    assertTrue(inData.out().contains("\"owner\": \"data-team\""), inData.out());
    assertFalse(jdvc.ok("ls", repo.root().toString(), "--json").out().matches("(?s).*\"path\": \"dvc\\.yaml\",\\s+"
        + "\"desc\".*"), "files Git tracks have no description");
  }

  @Test
  void catalogOfAllCommitsListsOutputsNoLongerTracked() throws Exception {
    TableFixtures.write(repo.path("old.parquet"), trainSql(100, 10, 2, 0, 1));
    jdvc.ok("add", "old.parquet");
    repo.commitAll("old");
    version("v1", trainSql(300, 10, 2, 0, 1));
    Files.delete(repo.path("old.parquet.dvc"));
    String dvc = Files.readString(repo.path("data/train.parquet.dvc"));
    repo.write("data/train.parquet.dvc", dvc.replace("  path: train.parquet\n", "  path: train.parquet\n"
        + "  desc: Newest description\n"));
    repo.commitAll("drop old, describe train");

    CliResult head = jdvc.ok("catalog", "--json", "--offline");
    assertFalse(head.out().contains("old.parquet"), head.out());
    CliResult all = jdvc.ok("catalog", "-A", "--json", "--offline");
    assertTrue(all.out().contains("\"path\": \"old.parquet\""), all.out());
    assertTrue(all.out().contains("\"subject\": \"old\""), "its last commit is the one that added it: " + all.out());
    assertTrue(all.out().contains("\"desc\": \"Newest description\""), "described by the newest commit: " + all.out());
    assertEquals(2, all.out().split("\"path\": ").length - 1, all.out());
    assertEquals(2, jdvc.run("catalog", "-A", "--rev", "v1").exitCode());
  }
}
