package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line itself: global options after a command, bad option values, missing commands. */
class CommandLineUsageIT {
  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;

  @BeforeEach
  void setUp() {
    repo = TempGitRepo.create(tmp.resolve("project"));
    jdvc = new CliRunner(repo.root());
    jdvc.ok("init");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private static void assertUsageError(CliResult r, String expected) {
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("java."), "no Java exception names: " + r.err());
    assertFalse(r.err().contains("ERROR: Error:"), "one prefix: " + r.err());
  }

  @Test
  void versionAfterACommandPrintsTheVersion() {
    for (String cmd : new String[] {"push", "status", "remote"}) {
      CliResult r = jdvc.ok(cmd, "-V");
      assertTrue(r.out().startsWith("jdvc "), cmd + ": " + r.out());
    }
    assertTrue(jdvc.ok("remote", "default", "-V").out().startsWith("jdvc "));
  }

  @Test
  void invalidOptionValuesAreUsageErrorsNamingTheOption() {
    assertUsageError(jdvc.run("log", "-n", "0"), "-n|--max-count must be at least 1");
    assertUsageError(jdvc.run("gc", "--rev", "HEAD", "-n", "0", "--dry"), "-n|--num must be at least 1");
    assertUsageError(jdvc.run("audit", "-j", "0"), "-j|--jobs must be at least 1");
    assertUsageError(jdvc.run("push", "-j", "0"), "-j|--jobs must be at least 1");
    assertUsageError(jdvc.run("push", "--glob", "["), "invalid --glob pattern '['");
    assertUsageError(jdvc.run("status", "-c", "--glob", "a{"), "invalid --glob pattern 'a{'");
    assertUsageError(jdvc.run("audit", "--json", "--markdown"), "mutually exclusive");
    assertUsageError(jdvc.run("audit", "--record", "--json"), "--record cannot be combined with --json");
    assertUsageError(jdvc.run("audit", "--record", "v1"), "--record cannot be combined with a revision (v1)");
  }

  @Test
  void noCommandIsAUsageErrorWithTheHelpOnStderr() {
    CliResult top = jdvc.run();
    assertEquals(2, top.exitCode());
    assertEquals("", top.out());
    assertTrue(top.err().contains("Commands:"), top.err());
    CliResult remote = jdvc.run("remote");
    assertEquals(2, remote.exitCode());
    assertTrue(remote.err().contains("Usage: jdvc remote"), remote.err());
  }

  @Test
  void aMissingOrNonDirectoryDashCIsReportedLikeGit() throws Exception {
    CliRunner nowhere = new CliRunner(tmp.resolve("nonexistent"));
    assertUsageError(nowhere.run("status"), "cannot change to '" + tmp.resolve("nonexistent")
        + "': No such file or directory");
    Path file = Files.writeString(tmp.resolve("file.txt"), "x");
    assertUsageError(new CliRunner(file).run("status"), "Not a directory");
    assertUsageError(new CliRunner(file).run("init"), "Not a directory");
  }
}
