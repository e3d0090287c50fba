package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.S3ProxyServer;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push stopped by SIGTERM (as Ctrl-C's SIGINT) leaves nothing half-done on the remote; what a kill -9 leaves in
 * a local remote, {@code gc -c} removes once it is old enough to belong to no live push.
 */
class PushInterruptIT {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();
  @TempDir Path tmp;

  private static List<String> multipartUploads(String bucket) {
    return S3.raw().listMultipartUploads(b -> b.bucket(bucket)).uploads().stream()
        .map(u -> u.key()).toList();
  }

  @Test
  void terminationDuringAMultipartPushAbortsTheUploadOnTheWayOut() throws Exception {
    try (TempGitRepo repo = TempGitRepo.create(tmp.resolve("p"))) {
      Path root = repo.root();
      CliRunner jdvc = new CliRunner(root);
      jdvc.ok("init");
      String bucket = S3.createBucket();
      Files.writeString(root.resolve(".dvc/config"), "[core]\n    remote = store\n['remote \"store\"']\n"
          + "    url = s3://" + bucket + "/dvcstore\n    endpointurl = " + S3.uri() + "\n");
      Files.writeString(root.resolve(".dvc/config.local"), "['remote \"store\"']\n    access_key_id = "
          + S3ProxyServer.AK + "\n    secret_access_key = " + S3ProxyServer.SK + "\n");
      Files.writeString(root.resolve(".dvc/jdvc.config"), "['remote \"store\"']\n    jdvc_part_size = 5MB\n");
      byte[] big = new byte[80 * 1024 * 1024];
      new Random(11).nextBytes(big);
      Files.write(root.resolve("big.bin"), big);
      jdvc.ok("add", "big.bin");

      Process p = CrashSafetyIT.startAndWaitFor(root, tmp.resolve("push.log"),
          () -> !multipartUploads(bucket).isEmpty(), "push", "-j", "1");
      assertTrue(p.isAlive(), "the push was still uploading: " + Files.readString(tmp.resolve("push.log")));
      p.destroy(); // SIGTERM: shutdown hooks run
      p.waitFor();
      assertEquals(List.of(), multipartUploads(bucket), "no unfinished multipart upload is left on the bucket; push said: " + Files.readString(tmp.resolve("push.log")));
    }
  }

  private static List<Path> tempFiles(Path store) throws IOException {
    if (!Files.isDirectory(store.resolve("files/md5"))) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(store.resolve("files/md5"))) {
      return s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  /** {@code jdvc init} and a default local remote {@code loc} in a new directory, returned. */
  private Path initWithLocalRemote(CliRunner jdvc) throws IOException {
    jdvc.ok("init");
    Path store = Files.createDirectories(tmp.resolve("store"));
    jdvc.ok("remote", "add", "-d", "loc", store.toString());
    return store;
  }

  @Test
  void terminationDuringAPushToALocalRemoteRemovesItsTempFileOnTheWayOut() throws Exception {
    try (TempGitRepo repo = TempGitRepo.create(tmp.resolve("l"))) {
      Path root = repo.root();
      CliRunner jdvc = new CliRunner(root);
      Path store = initWithLocalRemote(jdvc);
      byte[] big = new byte[200 * 1024 * 1024];
      new Random(12).nextBytes(big);
      Files.write(root.resolve("big.bin"), big);
      jdvc.ok("add", "big.bin");

      Process p = CrashSafetyIT.startAndWaitFor(root, tmp.resolve("push-local.log"), () -> {
        try {
          return !tempFiles(store).isEmpty();
        } catch (IOException | java.io.UncheckedIOException e) {
          return false;
        }
      }, "push");
      assertTrue(p.isAlive(), "the push was still copying: " + Files.readString(tmp.resolve("push-local.log")));
      p.destroy(); // SIGTERM: shutdown hooks run
      p.waitFor();
      assertEquals(List.of(), tempFiles(store), "no temp file of the stopped push is left in the remote");
    }
  }

  @Test
  void gcOfALocalRemoteRemovesTempFilesADayOldAndKeepsRecentOnes() throws Exception {
    try (TempGitRepo repo = TempGitRepo.create(tmp.resolve("g"))) {
      CliRunner jdvc = new CliRunner(repo.root());
      Path shard = Files.createDirectories(initWithLocalRemote(jdvc).resolve("files/md5/ab"));
      Path stale = Files.writeString(shard.resolve(".killed-push.tmp"), "partial");
      Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(25))));
      Path live = Files.writeString(shard.resolve(".running-push.tmp"), "partial");

      CliResult gc = jdvc.ok("gc", "-w", "-c", "-f");
      assertTrue(gc.out().contains("Removed 1 temporary file(s) of interrupted uploads"), gc.out());
      assertFalse(Files.exists(stale), "a temp file a day old belongs to no live push");
      assertTrue(Files.exists(live), "another user's push may still be writing a recent one");
    }
  }
}
