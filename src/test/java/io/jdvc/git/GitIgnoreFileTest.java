package io.jdvc.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact bytes of DVC-style .gitignore edits (dvc-format.md §5). */
class GitIgnoreFileTest {
  @TempDir Path dir;

  @Test
  void entryEscapesWildcardCharacters() {
    assertEquals("/x.csv", GitIgnoreFile.entryFor("x.csv"));
    assertEquals("/\\[a\\]\\!b\\*c\\#d\\?e f\\g", GitIgnoreFile.entryFor("[a]!b*c#d?e f\\g"));
    assertThrows(IllegalArgumentException.class, () -> GitIgnoreFile.entryFor("a/b"));
    assertThrows(IllegalArgumentException.class, () -> GitIgnoreFile.entryFor(""));
  }

  @Test
  void addCreatesFileWithOneEntry() throws Exception {
    Path gi = dir.resolve(".gitignore");
    assertTrue(GitIgnoreFile.addEntry(gi, "data"));
    assertEquals("/data\n", read(gi));
    assertTrue(GitIgnoreFile.addEntry(gi, "x#1.csv"));
    assertEquals("/data\n/x\\#1.csv\n", read(gi));
  }

  @Test
  void addFirstTerminatesALastLineWithoutNewline() throws Exception {
    Path gi = write("*.log");
    assertTrue(GitIgnoreFile.addEntry(gi, "model.pkl"));
    assertEquals("*.log\n/model.pkl\n", read(gi));
  }

  @Test
  void addIsIdempotent() throws Exception {
    Path gi = write("# mine\n/data\n");
    assertFalse(GitIgnoreFile.addEntry(gi, "data"));
    assertEquals("# mine\n/data\n", read(gi));
    assertTrue(GitIgnoreFile.addEntry(gi, "a*b"));
    assertFalse(GitIgnoreFile.addEntry(gi, "a*b"));
    assertEquals("# mine\n/data\n/a\\*b\n", read(gi));
    assertOnlyGitignoreInDir();
  }

  @Test
  void addDoesNotTreatAnUnescapedLineAsTheSameEntry() throws Exception {
    Path gi = write("/a*b\n");
    assertTrue(GitIgnoreFile.addEntry(gi, "a*b"));
    assertEquals("/a*b\n/a\\*b\n", read(gi));
  }

  @Test
  void removeDropsOnlyThatEntryAndKeepsOtherBytes() throws Exception {
    Path gi = write("# keep me\n/data\n*.log\n  /data  \n/data2\n/last");
    assertTrue(GitIgnoreFile.removeEntry(gi, "data"));
    assertEquals("# keep me\n*.log\n/data2\n/last", read(gi));
    assertFalse(GitIgnoreFile.removeEntry(gi, "data"));
    assertTrue(GitIgnoreFile.removeEntry(gi, "last"));
    assertEquals("# keep me\n*.log\n/data2\n", read(gi));
  }

  @Test
  void removeDeletesFileThatBecomesEmpty() throws Exception {
    Path gi = dir.resolve(".gitignore");
    GitIgnoreFile.addEntry(gi, "x[1].csv");
    assertEquals("/x\\[1\\].csv\n", read(gi));
    assertTrue(GitIgnoreFile.removeEntry(gi, "x[1].csv"));
    assertFalse(Files.exists(gi));
    assertFalse(GitIgnoreFile.removeEntry(gi, "x[1].csv"), "missing file is not an error");
  }

  private Path write(String content) throws Exception {
    return Files.writeString(dir.resolve(".gitignore"), content, StandardCharsets.UTF_8);
  }

  private static String read(Path p) throws Exception {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  private void assertOnlyGitignoreInDir() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "temporary files must not be left behind");
    }
  }
}
