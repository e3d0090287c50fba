package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.TableFixtures;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB is loaded by the data commands that read rows, and by nothing else: each command runs in a fresh JVM with
 * class loading logged, and the log must not name a DuckDB class (its driver extracts a 71 MB native library).
 */
class DataEngineLoadingIT {
  @TempDir Path tmp;

  private List<String> loadedClasses(Path dir, String... args) throws IOException, InterruptedException {
    Path log = Files.createTempFile(tmp, "classes", ".log");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"), "io.jdvc.cli.Main",
        "-C", dir.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), String.join(" ", args) + ":\n" + out);
    return Files.readAllLines(log);
  }

  private static boolean duckDb(List<String> classes) {
    return classes.stream().anyMatch(l -> l.contains(" org.duckdb.") || l.contains("io.jdvc.tables.DuckDbEngine"));
  }

  @Test
  void onlyTheDataCommandsThatReadRowsLoadTheEngine() throws Exception {
    try (TempGitRepo repo = TempGitRepo.create(tmp.resolve("p"))) {
      CliRunner jdvc = new CliRunner(repo.root());
      jdvc.ok("init");
      TableFixtures.write(repo.path("t.parquet"), "SELECT i AS id FROM range(100) t(i)");
      jdvc.ok("add", "t.parquet");

      assertFalse(duckDb(loadedClasses(repo.root(), "--version")), "--version loaded DuckDB");
      assertFalse(duckDb(loadedClasses(repo.root(), "status")), "status loaded DuckDB");
      assertFalse(duckDb(loadedClasses(repo.root(), "ls", "--json")), "ls loaded DuckDB");
      assertFalse(duckDb(loadedClasses(repo.root(), "data", "--help")), "data --help loaded DuckDB");

      List<String> first = loadedClasses(repo.root(), "data", "profile", "t.parquet");
      assertTrue(duckDb(first), "the first profile must run DuckDB (is the class log working?)");
      // the driver would set up JFR for a memory monitor jdvc never enables (DuckDbDriverLoader hides JFR from it)
      assertFalse(first.stream().anyMatch(l -> l.contains(" jdk.jfr.")), "starting DuckDB set up JFR");
      assertFalse(duckDb(loadedClasses(repo.root(), "data", "profile", "t.parquet")),
          "a cached profile loaded DuckDB");
    }
  }
}
