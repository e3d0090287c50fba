package io.jdvc.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceCopyTest {
  @TempDir Path tmp;

  private static void write(WorkspaceCopy copy, String s) throws Exception {
    copy.channel().write(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
  }

  private List<Path> listing(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(Path::getFileName).sorted().toList();
    }
  }

  @Test
  void nothingAppearsUnderTheTargetNameUntilPublished() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("data/sub")).resolve("file.txt");
    try (WorkspaceCopy copy = WorkspaceCopy.create(target)) {
      write(copy, "content\n");
      assertFalse(Files.exists(target), "a half-written copy is never visible under its name");
      assertTrue(copy.publish());
    }
    assertEquals("content\n", Files.readString(target));
    assertEquals(List.of(Path.of("file.txt")), listing(target.getParent()));
  }

  @Test
  void anUnpublishedCopyIsDeletedOnClose() throws Exception {
    Path target = tmp.resolve("file.txt");
    try (WorkspaceCopy copy = WorkspaceCopy.create(target)) {
      write(copy, "bytes that failed verification\n");
    }
    assertEquals(List.of(), listing(tmp));
  }

  @Test
  void neverReplacesAFileThatAppearedMeanwhile() throws Exception {
    Path target = tmp.resolve("file.txt");
    try (WorkspaceCopy copy = WorkspaceCopy.create(target)) {
      write(copy, "downloaded\n");
      Files.writeString(target, "the user's own\n");
      assertFalse(copy.publish());
    }
    assertEquals("the user's own\n", Files.readString(target));
    assertEquals(List.of(Path.of("file.txt")), listing(tmp));
  }

  @Test
  void aRetriedDownloadLeavesNothingOfTheBrokenAttempt() throws Exception {
    Path target = tmp.resolve("file.txt");
    try (WorkspaceCopy copy = WorkspaceCopy.create(target)) {
      copy.restart(); // first attempt
      write(copy, "half of a long first attem");
      copy.restart(); // the connection broke: the download starts over
      write(copy, "second\n");
      assertTrue(copy.publish());
    }
    assertEquals("second\n", Files.readString(target));
  }
}
