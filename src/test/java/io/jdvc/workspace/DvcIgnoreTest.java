package io.jdvc.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .dvcignore} lines are read as DVC's {@code DvcIgnorePatterns.from_file} reads them. */
class DvcIgnoreTest {
  @TempDir Path root;

  private boolean ignored(String rel) {
    return new DvcIgnore(root).isIgnored(root.resolve(rel), false);
  }

  @Test
  void indentedAndSpacePaddedPatternsMatchAsDvcStripsThem() throws IOException {
    Files.writeString(root.resolve(".dvcignore"), "  *.tmp\n\tcache/\n  # an indented comment\nlog.txt   \r\n");
    assertTrue(ignored("data/a.tmp"));
    assertTrue(new DvcIgnore(root).isIgnored(root.resolve("x/cache"), true));
    assertTrue(ignored("log.txt"));
    assertFalse(ignored("# an indented comment"));
    assertFalse(ignored("data/a.csv"));
  }

  @Test
  void aPatternLeftEndingInAnEscapeIsRefusedAsDvcRefusesIt() throws IOException {
    // DVC strips "name\ " to "name\", which its matcher (pathspec) rejects: a dangling escape
    Files.writeString(root.resolve(".dvcignore"), "ok.txt\nname\\ \n");
    JdvcException e = assertThrows(JdvcException.class, () -> ignored("name "));
    assertTrue(e.getMessage().contains(".dvcignore:2") && e.getMessage().contains("name\\"), e.getMessage());
    assertEquals("name\\\\\n", DvcIgnore.patterns(".dvcignore", " name\\\\ \n"), "an escaped backslash is fine");
  }

  @Test
  void theDeepestDvcignoreWithAnOpinionWinsAndItsPatternsAreRelativeToItsDirectory() throws IOException {
    Files.writeString(root.resolve(".dvcignore"), "*.tmp\n");
    Files.createDirectories(root.resolve("a/b"));
    Files.writeString(root.resolve("a/.dvcignore"), "!keep.tmp\n/local.csv\n");
    DvcIgnore ignore = new DvcIgnore(root);
    assertTrue(ignore.isIgnored(root.resolve("a/b/x.tmp"), false), "the root's rule, two levels down");
    assertFalse(ignore.isIgnored(root.resolve("a/b/keep.tmp"), false), "a deeper negation overrides it");
    assertTrue(ignore.isIgnored(root.resolve("c/keep.tmp"), false), "outside a/ the negation does not apply");
    assertTrue(ignore.isIgnoredChild(root.resolve("a"), root.resolve("a/local.csv"), false));
    assertFalse(ignore.isIgnoredChild(root.resolve("a/b"), root.resolve("a/b/local.csv"), false),
        "anchored to a/, not to a/b/");
  }
}
