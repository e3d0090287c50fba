package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.hash.FileHasher;
import io.jdvc.object.ObjectLayout;
import io.jdvc.object.Oid;
import io.jdvc.testing.CliRunner;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of an add leaves no corrupt object and no half-written pointer; the next run recovers. */
class CrashSafetyIT {
  @TempDir Path tmp;

  @Test
  void killDuringAddLeavesCacheAndPointersConsistent() throws Exception {
    try (TempGitRepo repo = TempGitRepo.create(tmp.resolve("p"))) {
      Path root = repo.root();
      CliRunner jdvc = initWithData(root, 3);
      Path objects = root.resolve(".dvc/cache/files/md5");
      Process p = startAddAndWaitForObjects(root, tmp.resolve("child.log"), objects);
      p.destroyForcibly().waitFor();
      assertFalse(Files.exists(root.resolve("data.dvc")) && !Files.readString(root.resolve("data.dvc"))
          .contains("nfiles: 40"), "a pointer is either absent or complete");
      assertEveryObjectMatchesItsName(objects);

      jdvc.ok("add", "data");
      assertTrue(Files.readString(root.resolve("data.dvc")).contains("nfiles: 40"));
      try (Stream<Path> s = Files.list(objects)) {
        assertEquals(List.of(), s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(),
            "stale temp files are cleaned");
      }
      assertEveryObjectMatchesItsName(objects);
      assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());
    }
  }

  @Test
  void terminationDuringAddRemovesItsTempFilesOnTheWayOut() throws Exception {
    try (TempGitRepo repo = TempGitRepo.create(tmp.resolve("t"))) {
      Path root = repo.root();
      initWithData(root, 4);
      Path objects = root.resolve(".dvc/cache/files/md5");
      Process p = startAddAndWaitForObjects(root, tmp.resolve("child2.log"), objects);
      p.destroy(); // SIGTERM, as Ctrl-C's SIGINT: shutdown hooks run
      p.waitFor();
      try (Stream<Path> s = Files.list(objects)) {
        assertEquals(List.of(), s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(),
            "no temp file outlives the process");
      }
      assertEveryObjectMatchesItsName(objects);
    }
  }

  @Test
  void killDuringPullLeavesNoPartialWorkspaceFileAndTheNextPullCleansUp() throws Exception {
    try (TempGitRepo repo = TempGitRepo.create(tmp.resolve("u"))) {
      Path root = repo.root();
      CliRunner jdvc = initWithData(root, 5);
      jdvc.ok("add", "data");
      jdvc.ok("remote", "add", "-d", "store", Files.createDirectories(tmp.resolve("remote")).toString());
      jdvc.ok("push");
      Map<String, String> expected = new TreeMap<>();
      try (Stream<Path> s = Files.list(root.resolve("data"))) {
        for (Path f : s.toList()) {
          expected.put(f.getFileName().toString(), FileHasher.hash(f, false).value());
        }
      }
      RemoteTransfersIT.deleteTree(root.resolve("data"));
      RemoteTransfersIT.deleteTree(root.resolve(".dvc/cache"));

      Process p = startAndWaitFor(root, tmp.resolve("child3.log"), () -> countPublished(root.resolve("data")) >= 5,
          "pull");
      assertTrue(p.isAlive(), "the pull is caught half-way (see child3.log)");
      p.destroyForcibly().waitFor();
      try (Stream<Path> s = Files.list(root.resolve("data"))) {
        for (Path f : s.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
          assertEquals(expected.get(f.getFileName().toString()), FileHasher.hash(f, false).value(),
              "a workspace file appears under its name only complete: " + f.getFileName());
        }
      }
      assertEveryObjectMatchesItsName(root.resolve(".dvc/cache/files/md5"));

      jdvc.ok("pull");
      try (Stream<Path> s = Files.list(root.resolve("data"))) {
        assertEquals(List.of(), s.filter(f -> f.getFileName().toString().startsWith(".")).toList(),
            "the next pull removes the temp files the killed one left");
      }
      for (Map.Entry<String, String> e : expected.entrySet()) {
        assertEquals(e.getValue(), FileHasher.hash(root.resolve("data").resolve(e.getKey()), false).value());
      }
      assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());
    }
  }

  private static long countPublished(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> !f.getFileName().toString().startsWith(".")).count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0; // not there yet, or a temp file was renamed while we listed
    }
  }

  /** Starts {@code jdvc add data} in its own JVM and returns once it has stored a few objects (or ended). */
  private static Process startAddAndWaitForObjects(Path root, Path log, Path objects) throws Exception {
    return startAndWaitFor(root, log, () -> countObjects(objects) >= 5, "add", "data");
  }

  /** Starts jdvc with {@code args} in its own JVM and returns once {@code ready} holds (or the child ended). */
  static Process startAndWaitFor(Path root, Path log, java.util.function.BooleanSupplier ready,
      String... args) throws Exception {
    return io.jdvc.testing.JdvcChild.startAndWaitFor(root, log, ready, args);
  }

  /** {@code jdvc init} in the repository, then {@link #writeData}. */
  private static CliRunner initWithData(Path root, long seed) throws IOException {
    CliRunner jdvc = new CliRunner(root);
    jdvc.ok("init");
    writeData(root, seed);
    return jdvc;
  }

  /** 40 files of 8 MiB: enough for an add to be caught half-way. */
  private static void writeData(Path root, long seed) throws IOException {
    Path data = Files.createDirectories(root.resolve("data"));
    Random rnd = new Random(seed);
    byte[] buf = new byte[1 << 20];
    for (int i = 0; i < 40; i++) {
      try (OutputStream out = Files.newOutputStream(data.resolve("part-" + i + ".bin"))) {
        for (int j = 0; j < 8; j++) {
          rnd.nextBytes(buf);
          out.write(buf);
        }
      }
    }
  }

  private static long countObjects(Path objects) {
    if (!Files.isDirectory(objects)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(objects)) {
      return s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0; // a temp file was renamed while we walked: the child is busy, look again
    }
  }

  static void assertEveryObjectMatchesItsName(Path objects) throws IOException {
    if (!Files.isDirectory(objects)) {
      return;
    }
    Path cacheRoot = objects.getParent().getParent();
    try (Stream<Path> s = Files.walk(objects)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        String rel = cacheRoot.relativize(f).toString();
        Optional<Oid> oid = ObjectLayout.oidOf(rel);
        if (oid.isEmpty()) {
          continue;
        }
        String actual = FileHasher.hash(f, false).value();
        assertEquals(oid.get().md5(), actual, "object " + rel + " holds exactly its content");
      }
    }
  }
}
