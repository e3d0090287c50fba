package io.jdvc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.ProgressListener;
import io.jdvc.repo.ConfigFile;
import io.jdvc.testing.TempGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One big file moves a progress bar while it is hashed, pushed, pulled and checked out: the library reports its
 * bytes as they go, not only once the file is done, and counts each byte once.
 */
class ByteProgressTest {
  private static final int SIZE = 40 << 20;
  @TempDir Path tmp;

  /** What a listener heard in one phase. */
  private static final class Phase {
    final String task;
    final long totalBytes;
    long bytes;
    /** Byte reports heard before the file was done: the bar's intermediate states. */
    int bytesBeforeDone;
    boolean done;

    Phase(String task, long totalBytes) {
      this.task = task;
      this.totalBytes = totalBytes;
    }
  }

  private static final class Recorder implements ProgressListener {
    final List<Phase> phases = new ArrayList<>();

    @Override
    public synchronized void begin(String task, long totalItems, long totalBytes) {
      phases.add(new Phase(task, totalBytes));
    }

    @Override
    public synchronized void advance(long items, long bytes) {
      Phase p = phases.get(phases.size() - 1);
      p.bytes += bytes;
      if (bytes > 0 && !p.done) {
        p.bytesBeforeDone++;
      }
      p.done |= items > 0;
    }

    /** The one phase whose task starts with {@code prefix}, checked: the whole file, reported as it went. */
    void assertMovedWhileWorking(String prefix, int atLeast) {
      List<Phase> matching = phases.stream().filter(p -> p.task.startsWith(prefix)).toList();
      assertEquals(1, matching.size(), prefix + " in " + phases.stream().map(p -> p.task).toList());
      Phase p = matching.get(0);
      assertEquals(SIZE, p.totalBytes, p.task + ": the total is announced");
      assertEquals(SIZE, p.bytes, p.task + ": every byte counted once");
      assertTrue(p.done, p.task + ": the file is reported done");
      assertTrue(p.bytesBeforeDone >= atLeast, p.task + ": " + p.bytesBeforeDone + " byte reports while the "
          + "file was in progress, expected at least " + atLeast);
      phases.clear();
    }
  }

  @Test
  void oneBigFileReportsItsBytesWhileItIsAddedPushedPulledAndCheckedOut() throws Exception {
    try (TempGitRepo repo = TempGitRepo.create(tmp.resolve("project"))) {
      byte[] content = new byte[SIZE];
      new Random(12).nextBytes(content);
      Path big = Files.write(repo.path("big.bin"), content);
      Jdvc.init(repo.root()).call();
      Path configPath = repo.path(".dvc/config");
      ConfigFile config = ConfigFile.read(configPath);
      config.setRemoteOption("backup", "url", Files.createDirectories(tmp.resolve("storage")).toString());
      config.set("core.remote", "backup");
      config.save(configPath);
      Recorder heard = new Recorder();
      try (Jdvc jdvc = Jdvc.open(repo.root()).progress(heard)) {
        jdvc.add().targets(List.of(Path.of("big.bin"))).call();
        heard.assertMovedWhileWorking("Adding big.bin", 20); // per 1 MiB read and hashed
        jdvc.push().call();
        heard.assertMovedWhileWorking("Pushing", 4); // a directory remote copies 8 MiB at a time

        Files.delete(big);
        deleteFiles(repo.path(".dvc/cache"));
        jdvc.pull().call();
        heard.assertMovedWhileWorking("Fetching", 20); // per 1 MiB downloaded
        assertTrue(Files.exists(big));

        Files.delete(big);
        jdvc.checkout().call();
        heard.assertMovedWhileWorking("Checking out big.bin", 2); // a kernel copy, 16 MiB at a time
      }
    }
  }

  /** Empties the cache as a fresh clone has it: its objects go, its directories stay. */
  private static void deleteFiles(Path dir) throws java.io.IOException {
    try (var s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Files.delete(p);
      }
    }
  }
}
