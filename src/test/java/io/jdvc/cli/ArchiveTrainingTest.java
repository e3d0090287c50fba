package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive's training run really exercises the commands it is meant to: the data ends up tracked and committed. */
class ArchiveTrainingTest {
  @TempDir Path tmp;

  @Test
  void trainingTracksAndCommitsItsData() throws Exception {
    Path dir = tmp.resolve("train");
    ArchiveTraining.main(new String[] {dir.toString()});
    assertTrue(Files.exists(dir.resolve("data.dvc")), "add ran");
    assertTrue(Files.exists(dir.resolve(".dvc/cache/files/md5")), "the cache was written");
    assertTrue(Files.readString(dir.resolve(".git/HEAD")).contains("ref:"));
    try (var refs = Files.walk(dir.resolve(".git/refs/heads"))) {
      assertTrue(refs.anyMatch(Files::isRegularFile), "the training commit was made");
    }
    try (var profiles = Files.walk(dir.resolve(".dvc/tmp/jdvc/profiles"))) {
      assertTrue(profiles.anyMatch(p -> p.toString().endsWith(".csv.json.gz")),
          "data profile ran, so the cached data commands after it read the profile cache");
    }
  }

  @Test
  void trainingPushesAndPullsThroughTheS3Client() throws Exception {
    Path dir = tmp.resolve("train");
    ArchiveTraining.main(new String[] {dir.toString()});
    Path clone = tmp.resolve("train-clone");
    // the clone's workspace has only what pull fetched from the in-memory endpoint, as committed (not "a2")
    assertEquals("a\n", Files.readString(clone.resolve("data/a")), "pull wrote the committed version");
    assertEquals("b\n", Files.readString(clone.resolve("data/sub/b")));
    assertTrue(Files.exists(clone.resolve(".dvc/cache/files/md5")), "pull filled the clone's cache");
  }
}
