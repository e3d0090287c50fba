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
import java.util.Optional;
import java.util.Random;
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
      CliRunner jdvc = new CliRunner(root);
      jdvc.ok("init");
      writeData(root, 3);
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
      new CliRunner(root).ok("init");
      writeData(root, 4);
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

  /** Starts {@code jdvc add data} in its own JVM and returns once it has stored a few objects (or ended). */
  private static Process startAddAndWaitForObjects(Path root, Path log, Path objects) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "io.jdvc.cli.Main", "-C", root.toString(), "add", "data")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (System.nanoTime() < deadline && p.isAlive() && countObjects(objects) < 5) {
        Thread.sleep(5);
      }
    } catch (InterruptedException | RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
    return p;
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

  private static long countObjects(Path objects) throws IOException {
    if (!Files.isDirectory(objects)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(objects)) {
      return s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).count();
    } catch (java.io.UncheckedIOException e) {
      return 0; // a temp file was renamed while we walked: the child is busy, look again
    }
  }

  private static void assertEveryObjectMatchesItsName(Path objects) throws IOException {
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
