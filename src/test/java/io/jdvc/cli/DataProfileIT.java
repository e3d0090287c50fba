package io.jdvc.cli;

import static io.jdvc.testing.TableFixtures.trainSql;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.api.Jdvc;
import io.jdvc.tables.ColumnProfile;
import io.jdvc.tables.DataQuality;
import io.jdvc.tables.ProfileResult;
import io.jdvc.tables.TableProfile;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TableFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** data profile and data schema on real Parquet, CSV and JSON files with known distributions. */
class DataProfileIT extends DataRepoFixture {
  private Path profileCache() {
    return repo.path(".dvc/tmp/jdvc/profiles");
  }

  private List<Path> cachedProfiles() throws Exception {
    if (!Files.isDirectory(profileCache())) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(profileCache())) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void profileMeasuresKnownDistributionsAndIsCachedReproducibly() throws Exception {
    TableFixtures.write(repo.path("data/train.parquet"), trainSql(20000, 10, 2, 0.1, 1));
    jdvc.ok("add", "data/train.parquet");

    try (Jdvc api = Jdvc.open(repo.root()); DataQuality dq = api.data()) {
      ProfileResult r = dq.profile("data/train.parquet");
      TableProfile p = r.profile();
      assertEquals(20000, p.rows());
      assertEquals(1, r.computed());
      ColumnProfile amount = p.column("amount").orElseThrow();
      assertEquals("DOUBLE", amount.type());
      assertEquals(10, amount.mean(), 0.1);
      assertEquals(2, amount.stddev(), 0.1);
      assertEquals(10, amount.quantile(50), 0.1);
      assertEquals(10 - 1.349, amount.quantile(25) * 1, 0.15); // N(10, 2): p25 = 10 - 0.674 * 2
      assertEquals(ColumnProfile.QUANTILES, amount.quantiles().size());
      assertEquals(20000, amount.histogram().counts().stream().mapToLong(Long::longValue).sum());
      ColumnProfile label = p.column("label").orElseThrow();
      assertEquals(0.1, label.nullFraction(), 0.01);
      assertEquals(2, label.distinct());
      ColumnProfile country = p.column("country").orElseThrow();
      assertTrue(country.valuesComplete());
      assertEquals(List.of("DE", "FR", "US"), country.values().stream().map(v -> v.value()).toList());
      assertEquals(0.5, country.values().get(0).count() / 20000.0, 0.02);
      assertEquals("2024-01-01 00:00:00", p.column("ts").orElseThrow().min());
      assertEquals(20000, p.column("id").orElseThrow().distinct(), 20000 * 0.05); // HyperLogLog estimate
    }
    List<Path> cached = cachedProfiles();
    assertEquals(1, cached.size(), cached.toString());
    byte[] first = Files.readAllBytes(cached.get(0));

    // the second run reads the cache: no engine, same answer
    try (Jdvc api = Jdvc.open(repo.root()); DataQuality dq = api.data()) {
      ProfileResult r = dq.profile("data/train.parquet");
      assertEquals(0, r.computed());
      assertFalse(dq.engineStarted(), "a cached profile must not start DuckDB");
    }
    CliResult json1 = jdvc.ok("data", "profile", "data/train.parquet", "--json");
    // recomputed from scratch: the same bytes
    Files.delete(cached.get(0));
    CliResult text = jdvc.ok("data", "profile", "data/train.parquet");
    assertFalse(text.out().contains("(profile cached)"), text.out());
    assertArrayEquals(first, Files.readAllBytes(cached.get(0)));
    assertEquals(json1.out(), jdvc.ok("data", "profile", "data/train.parquet", "--json").out());
    assertTrue(jdvc.ok("data", "profile", "data/train.parquet").out().contains("(profile cached)"));
    assertTrue(text.out().startsWith("data/train.parquet: 20000 rows, 5 columns, 1 file(s)\n"), text.out());
    assertTrue(text.out().contains("country  VARCHAR"), text.out());
    CliResult md = jdvc.ok("data", "profile", "data/train.parquet", "--md", "--columns", "amount,label");
    assertTrue(md.out().contains("| column | type |"), md.out());
    assertFalse(md.out().contains("| country"), md.out());
  }

  @Test
  void aRevisionIsReadFromTheCacheAfterTheWorkspaceMovedOn() throws Exception {
    TableFixtures.write(repo.path("data/train.parquet"), trainSql(2000, 10, 2, 0, 1));
    jdvc.ok("add", "data/train.parquet");
    repo.commitAll("v1");
    repo.tag("v1");
    TableFixtures.write(repo.path("data/train.parquet"), trainSql(3000, 10, 2, 0, 1));
    jdvc.ok("add", "data/train.parquet");
    repo.commitAll("v2");

    assertTrue(jdvc.ok("data", "profile", "data/train.parquet@v1").out().startsWith(
        "data/train.parquet@v1: 2000 rows"));
    assertTrue(jdvc.ok("data", "profile", "data/train.parquet@HEAD").out().startsWith(
        "data/train.parquet@HEAD: 3000 rows"));
    CliResult missing = jdvc.run("data", "profile", "data/nope.parquet@v1");
    assertEquals(1, missing.exitCode(), missing.err());
    assertTrue(missing.err().contains("'data/nope.parquet' is not tracked in v1"), missing.err());

    // gone from the cache and the workspace, no remote: exit 3, nothing written
    Files.walk(repo.path(".dvc/cache")).filter(Files::isRegularFile).forEach(f -> {
      f.toFile().setWritable(true);
      f.toFile().delete();
    });
    Files.walk(profileCache()).filter(Files::isRegularFile).forEach(f -> f.toFile().delete());
    CliResult gone = jdvc.run("data", "profile", "data/train.parquet@v1");
    assertEquals(3, gone.exitCode(), gone.err());
    assertTrue(gone.err().contains("is neither in the cache nor in the workspace"), gone.err());
  }

  @Test
  void aDirectoryAndAGlobAreOneTableMergedFromPerFileProfiles() throws Exception {
    for (int part = 0; part < 3; part++) {
      TableFixtures.write(repo.path("parts/part-" + part + ".parquet"),
          trainSql(1000 * (part + 1), 10 + part, 1, 0, part));
    }
    jdvc.ok("add", "parts");
    repo.commitAll("parts");
    CliResult dir = jdvc.ok("data", "profile", "parts", "--json");
    assertTrue(dir.out().contains("\"rows\": 6000"), dir.out());
    assertEquals(3, cachedProfiles().size());
    CliResult glob = jdvc.ok("data", "profile", "parts/part-[01].parquet@HEAD");
    assertTrue(glob.out().startsWith("parts/part-[01].parquet@HEAD: 3000 rows, 5 columns, 2 file(s) (profile cached)"),
        glob.out());
    try (Jdvc api = Jdvc.open(repo.root()); DataQuality dq = api.data()) {
      ColumnProfile amount = dq.profile("parts").profile().column("amount").orElseThrow();
      // exact merge of the means: (1000 * 10 + 2000 * 11 + 3000 * 12) / 6000
      assertEquals(11.333, amount.mean(), 0.05);
      assertEquals(11.333, amount.quantile(50), 0.5);
      assertEquals(6000, amount.count());
    }

    // a changed file costs one profile
    TableFixtures.write(repo.path("parts/part-2.parquet"), trainSql(500, 10, 1, 0, 7));
    jdvc.ok("data", "profile", "parts");
    assertEquals(4, cachedProfiles().size());

    // files of different schemas are not one table
    TableFixtures.write(repo.path("parts/part-9.parquet"), "SELECT i AS other FROM range(10) t(i)");
    CliResult mixed = jdvc.run("data", "profile", "parts");
    assertEquals(1, mixed.exitCode());
    assertTrue(mixed.err().contains("have different schemas"), mixed.err());
    CliResult mixedGlob = jdvc.run("data", "schema", "parts/part-*.parquet");
    assertEquals(1, mixedGlob.exitCode());
    assertTrue(mixedGlob.err().contains("the files of parts/part-*.parquet have different schemas: "
        + "parts/part-0.parquet and parts/part-9.parquet"), mixedGlob.err());
  }

  @Test
  void csvAndJsonTablesAndTheirSchemas() throws Exception {
    TableFixtures.write(repo.path("t.csv"), trainSql(500, 5, 1, 0, 3));
    TableFixtures.write(repo.path("t.json"), trainSql(400, 5, 1, 0, 3));
    assertTrue(jdvc.ok("data", "profile", "t.csv").out().startsWith("t.csv: 500 rows, 5 columns"));
    assertTrue(jdvc.ok("data", "profile", "t.json").out().startsWith("t.json: 400 rows, 5 columns"));
    try (Jdvc api = Jdvc.open(repo.root()); DataQuality dq = api.data()) {
      for (String t : List.of("t.csv", "t.json")) {
        ColumnProfile amount = dq.profile(t).profile().column("amount").orElseThrow();
        assertEquals(5, amount.mean(), 0.15, t); // N(5, 1)
        assertEquals(1, amount.stddev(), 0.1, t);
        assertEquals(3, dq.profile(t).profile().column("country").orElseThrow().distinct(), t);
      }
    }
    CliResult schema = jdvc.ok("data", "schema", "t.csv");
    assertTrue(schema.out().contains("2  amount   DOUBLE"), schema.out());
    assertTrue(jdvc.ok("data", "schema", "t.csv", "--json").out().contains("\"type\": \"BIGINT\""));

    Files.writeString(repo.path("bad.csv"), "a,b\n1,2\n3,4,5,6\n\"unterminated\n");
    CliResult bad = jdvc.run("data", "profile", "bad.csv");
    assertEquals(1, bad.exitCode(), bad.err());
    assertTrue(bad.err().startsWith("ERROR: cannot read bad.csv: "), bad.err());
    assertTrue(bad.err().contains("; first bad line: 3 (3,4,5,6): Expected Number of Columns: 2"), bad.err());
    assertTrue(bad.err().contains("hint: check that bad.csv is well-formed CSV, or pin its dialect"), bad.err());
    assertEquals(1, jdvc.run("data", "profile", "notes.txt").exitCode());

    // a damaged Parquet file of two row groups (122880 rows each at most): the message names the bad one
    TableFixtures.write(repo.path("damaged.parquet"), trainSql(130000, 5, 1, 0, 3));
    byte[] bytes = Files.readAllBytes(repo.path("damaged.parquet"));
    java.util.Arrays.fill(bytes, 1000, 20000, (byte) 0);
    Files.write(repo.path("damaged.parquet"), bytes);
    CliResult damaged = jdvc.run("data", "profile", "damaged.parquet");
    assertEquals(1, damaged.exitCode(), damaged.err());
    assertTrue(damaged.err().contains("; row group 0 (rows 0–122879) cannot be read"), damaged.err());
  }

  /** Every file under the repository (Git's own excluded) with its size and modification time. */
  private java.util.Map<String, String> files() throws Exception {
    try (Stream<Path> s = Files.walk(repo.root())) {
      java.util.Map<String, String> out = new java.util.TreeMap<>();
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = repo.root().relativize(p).toString();
        if (!rel.startsWith(".git/")) {
          out.put(rel, Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
        }
      }
      return out;
    }
  }

  @Test
  void theDataCommandsWriteNothingButTheProfileCache() throws Exception {
    version("v1", trainSql(2000, 10, 2, 0, 1));
    version("v2", trainSql(1500, 11, 2, 0.1, 2));
    repo.write("checks.yml", "checks for data/train.parquet:\n  - row_count > 0\n  - duplicate_count(id) = 0\n");
    jdvc.ok("status"); // the state cache is up to date before the snapshot
    java.util.Map<String, String> before = files();
    jdvc.ok("data", "profile", "data/train.parquet@v1");
    jdvc.ok("data", "schema", "data/train.parquet");
    jdvc.ok("data", "diff", "v1", "v2", "data/train.parquet", "--key", "id");
    jdvc.ok("data", "diff", "data/train.parquet", "--rows");
    jdvc.ok("data", "check", "--rev", "v2");
    jdvc.ok("data", "suggest", "data/train.parquet@v1");
    jdvc.ok("data", "log", "data/train.parquet", "--json");
    jdvc.ok("catalog");
    java.util.Map<String, String> after = files();
    java.util.Map<String, String> changed = new java.util.TreeMap<>(after);
    changed.entrySet().removeIf(e -> e.getValue().equals(before.get(e.getKey())));
    List<String> outsideProfiles = changed.keySet().stream()
        .filter(p -> !p.startsWith(".dvc/tmp/jdvc/profiles/")).toList();
    assertEquals(List.of(), outsideProfiles, "written besides profiles");
    assertEquals(2, changed.size(), "one profile per version: " + changed.keySet());
    assertTrue(after.keySet().containsAll(before.keySet()), "nothing deleted");
  }

  /**
   * Data only on the remote: a Parquet schema comes from the footer alone, a profile needs the whole file, and a
   * remote that cannot be used means the data is not retrievable (exit 3). Nothing enters the cache.
   */
  @Test
  void aParquetSchemaIsReadFromTheRemotesFooterAlone() throws Exception {
    Path store = Files.createDirectories(tmp.resolve("store"));
    jdvc.ok("remote", "add", "-d", "store", store.toString());
    version("v1", trainSql(20000, 10, 2, 0, 1));
    jdvc.ok("push");
    try (Stream<Path> s = Files.walk(repo.path(".dvc/cache"))) {
      s.filter(Files::isRegularFile).forEach(f -> f.toFile().delete());
    }
    Files.delete(repo.path("data/train.parquet"));
    // the remote's copy is downloaded, verified, read and deleted: the profile is the only thing kept
    CliResult fromRemote = jdvc.ok("data", "profile", "data/train.parquet@v1", "--no-cache");
    assertTrue(fromRemote.out().startsWith("data/train.parquet@v1: 20000 rows, 5 columns"), fromRemote.out());
    Path object;
    try (Stream<Path> s = Files.walk(store)) {
      object = s.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    // zero the data pages: a whole download no longer matches the MD5, the footer at the end is intact
    byte[] bytes = Files.readAllBytes(object);
    java.util.Arrays.fill(bytes, 4, bytes.length / 2, (byte) 0);
    Files.write(object, bytes);

    CliResult schema = jdvc.ok("data", "schema", "data/train.parquet@v1");
    assertTrue(schema.out().contains("2  amount   DOUBLE"), schema.out());
    assertTrue(jdvc.ok("data", "diff", "v1", "v1", "data/train.parquet", "--schema-only").out().contains(
        "schema: unchanged"), "the schema diff reads the footers too");
    CliResult profile = jdvc.run("data", "profile", "data/train.parquet@v1");
    assertEquals(1, profile.exitCode(), profile.err());
    assertTrue(profile.err().contains("the remote's copy of data/train.parquet@v1 is corrupt"), profile.err());
    try (Stream<Path> s = Files.walk(repo.path(".dvc"))) {
      List<String> left = s.filter(Files::isRegularFile).map(p -> repo.root().relativize(p).toString())
          .filter(p -> p.startsWith(".dvc/cache/") || p.startsWith(".dvc/tmp/jdvc/fetched/")).toList();
      assertEquals(List.of(), left, "no object, footer or download is left behind");
    }

    Files.writeString(repo.path(".dvc/config"), Files.readString(repo.path(".dvc/config"))
        .replace(store.toString(), tmp.resolve("gone").toString()));
    CliResult gone = jdvc.run("data", "schema", "data/train.parquet@v1");
    assertEquals(3, gone.exitCode(), gone.err());
    assertTrue(gone.err().contains("is neither in the cache nor in the workspace, and the default remote cannot be "
        + "used: "), gone.err());
    assertEquals(3, jdvc.run("data", "profile", "data/train.parquet@v1").exitCode());
  }

  /** A directory only on the remote: its manifest and files are read from there, and the cache stays empty. */
  @Test
  void aDirectoryOnlyOnTheRemoteLeavesTheCacheAsItWas() throws Exception {
    Path store = Files.createDirectories(tmp.resolve("store"));
    jdvc.ok("remote", "add", "-d", "store", store.toString());
    for (int part = 0; part < 2; part++) {
      TableFixtures.write(repo.path("parts/part-" + part + ".parquet"), trainSql(1000, 10, 1, 0, part));
    }
    jdvc.ok("add", "parts");
    repo.commitAll("parts");
    jdvc.ok("push");
    try (Stream<Path> s = Files.walk(repo.path(".dvc/cache"))) {
      s.filter(Files::isRegularFile).forEach(f -> f.toFile().delete());
    }
    try (Stream<Path> s = Files.walk(repo.path("parts"))) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }

    CliResult dir = jdvc.ok("data", "profile", "parts@HEAD");
    assertTrue(dir.out().startsWith("parts@HEAD: 2000 rows, 5 columns, 2 file(s)"), dir.out());
    CliResult one = jdvc.ok("data", "profile", "parts/part-1.parquet@HEAD", "--no-cache");
    assertTrue(one.out().startsWith("parts/part-1.parquet@HEAD: 1000 rows"), one.out());
    try (Stream<Path> s = Files.walk(repo.path(".dvc"))) {
      List<String> left = s.filter(Files::isRegularFile).map(p -> repo.root().relativize(p).toString())
          .filter(p -> p.startsWith(".dvc/cache/") || p.startsWith(".dvc/tmp/jdvc/fetched/")).toList();
      assertEquals(List.of(), left, "no manifest, object or download is left behind");
    }
    assertEquals(2, cachedProfiles().size(), "one profile per file, the only thing kept");
  }

  /** A semicolon-separated CSV with decimal commas: the sniffer cannot know; --format-option pins it. */
  @Test
  void aCsvDialectIsPinnedByFormatOptions() throws Exception {
    Files.writeString(repo.path("eu.csv"), "id;amount;country\n1;1,5;DE\n2;2,5;FR\n3;3,5;\n");
    CliResult guessed = jdvc.ok("data", "schema", "eu.csv");
    assertFalse(guessed.out().contains("amount"), guessed.out()); // read with ',' as the delimiter: wrong columns
    String delim = "--format-option=delim=;";
    String decimal = "--format-option=decimal_separator=,";
    CliResult pinned = jdvc.ok("data", "schema", "eu.csv", delim, decimal);
    assertTrue(pinned.out().matches("(?s).*1  id\\s+BIGINT\n2  amount\\s+DOUBLE\n3  country\\s+VARCHAR\n.*"),
        pinned.out());
    try (Jdvc api = Jdvc.open(repo.root()); DataQuality dq = api.data()) {
      dq.profile("eu.csv"); // the sniffer's reading, cached under its own key
      dq.readOptions(io.jdvc.tables.ReadOptions.parse(List.of("delim=;", "decimal_separator=,")));
      TableProfile p = dq.profile("eu.csv").profile();
      assertEquals(2.5, p.column("amount").orElseThrow().mean(), 1e-9);
      assertEquals(1, p.column("country").orElseThrow().nulls());
    }
    assertEquals(2, cachedProfiles().size(), "one profile per way of reading the bytes");
    CliResult again = jdvc.ok("data", "profile", "eu.csv", delim, decimal);
    assertTrue(again.out().startsWith("eu.csv: 3 rows, 3 columns, 1 file(s) (profile cached)"), again.out());

    CliResult unknown = jdvc.run("data", "profile", "eu.csv", "--format-option", "separator=;");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("--format-option: unknown format option 'separator'"), unknown.err());
    CliResult badValue = jdvc.run("data", "profile", "eu.csv", "--format-option", "header=maybe");
    assertEquals(1, badValue.exitCode());
    assertTrue(badValue.err().contains("format option header takes true or false, not 'maybe'"), badValue.err());
    TableFixtures.write(repo.path("t.parquet"), "SELECT 1 AS x");
    CliResult parquet = jdvc.run("data", "profile", "t.parquet", delim);
    assertEquals(1, parquet.exitCode());
    assertTrue(parquet.err().contains("t.parquet is parquet, which has no format options"), parquet.err());

    Files.writeString(repo.path("bad.csv"), "a,b\n1,2\n3,4,5,6\n\"unterminated\n");
    CliResult bad = jdvc.run("data", "profile", "bad.csv", "--format-option", "quote='");
    assertEquals(1, bad.exitCode());
    assertTrue(bad.err().contains("or pin its dialect (now quote=') with --format-option KEY=VALUE or 'format for "
        + "PATH:' in the checks file: delim, quote"), bad.err());
  }
}
