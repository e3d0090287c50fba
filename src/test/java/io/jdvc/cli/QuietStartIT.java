package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.TempGitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Main names SLF4J's provider (JGit's logging) instead of letting SLF4J scan every jar for one, which is a start-up
 * cost; SLF4J announces a provider named that way on stderr unless told not to. A command that opens Git history,
 * run in a fresh JVM as a user runs it, must leave stderr empty, so that scripts reading it see only jdvc's words.
 */
class QuietStartIT {
  @TempDir Path tmp;

  private static String stderrOf(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.jdvc.cli.Main", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", args) + ":\n" + err);
    return err;
  }

  @Test
  void commandsThatOpenGitWriteNothingOnStderr() throws Exception {
    try (TempGitRepo repo = TempGitRepo.create(tmp.resolve("p"))) {
      CliRunner jdvc = new CliRunner(repo.root());
      jdvc.ok("init");
      repo.write("data.txt", "a\n");
      jdvc.ok("add", "data.txt");
      repo.addAll();
      repo.commitAll("v1");
      repo.write("data.txt", "b\n");
      jdvc.ok("add", "data.txt");
      repo.addAll();
      repo.commitAll("v2");

      assertEquals("", stderrOf(repo.root(), "-q", "diff", "HEAD~1"));
      assertEquals("", stderrOf(repo.root(), "-q", "log", "-n", "2", "data.txt"));
      assertEquals("", stderrOf(repo.root(), "--version"));
    }
  }
}
