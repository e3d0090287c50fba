package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cache.shared = group}: a cache several users of one group write to, as DVC's LocalHashFileDB makes it. */
class SharedCacheIT {
  @TempDir Path tmp;

  private static int mode(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode") & 07777;
  }

  @Test
  void sharedCacheDirectoriesAreGroupWritableAndSetgidWhileObjectsStayReadOnly() throws IOException {
    try (TempGitRepo repo = TempGitRepo.create(tmp.resolve("project"))) {
      CliRunner jdvc = new CliRunner(repo.root());
      jdvc.ok("init");
      jdvc.ok("config", "cache.shared", "group");
      repo.write("data/a.txt", "hello\n");
      jdvc.ok("add", "data");
      Path cache = repo.root().resolve(".dvc/cache");
      for (Path dir : new Path[] {cache, cache.resolve("files"), cache.resolve("files/md5"),
          cache.resolve("files/md5/b1")}) {
        assertEquals(02775, mode(dir), "mode of " + dir);
      }
      assertEquals(0444, mode(cache.resolve("files/md5/b1/946ac92492d2347c6235b4d2611184")),
          "DVC protects every object read-only, shared or not");
    }
  }
}
