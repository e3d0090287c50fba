package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.S3ProxyServer;
import io.jdvc.testing.TempGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A push stopped by SIGTERM (as Ctrl-C's SIGINT) leaves nothing half-done on the remote. */
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
}
