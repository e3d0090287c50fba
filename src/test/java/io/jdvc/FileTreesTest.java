package io.jdvc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
  @TempDir Path tmp;

  @Test
  void deletesReadOnlyTreesButNeverFollowsALinkOutOfThem() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path kept = Files.writeString(outside.resolve("kept.txt"), "user data");
    Path tree = Files.createDirectories(tmp.resolve("tree/a/b"));
    Files.writeString(tree.resolve("f"), "x");
    Files.createSymbolicLink(tmp.resolve("tree/a/link"), outside);
    Files.createSymbolicLink(tmp.resolve("tree/dangling"), tmp.resolve("nowhere"));
    Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("r-xr-xr-x"));

    FileTrees.deleteTree(tmp.resolve("tree"));

    assertFalse(Files.exists(tmp.resolve("tree"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isRegularFile(kept), "the link's target outside the tree is untouched");
  }

  @Test
  void aMissingPathOrASingleFileIsFine() throws Exception {
    FileTrees.deleteTree(tmp.resolve("absent"));
    Path file = Files.writeString(tmp.resolve("file"), "x");
    FileTrees.deleteTree(file);
    assertFalse(Files.exists(file));
  }
}
