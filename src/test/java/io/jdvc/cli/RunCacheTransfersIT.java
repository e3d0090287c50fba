package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.cache.LocalCache;
import io.jdvc.object.Oid;
import io.jdvc.pipeline.LockEntry;
import io.jdvc.pipeline.LockedStageEntry;
import io.jdvc.pipeline.RunCache;
import io.jdvc.pointer.DvcFileCodec;
import io.jdvc.testing.CliRunner;
import io.jdvc.testing.S3ProxyServer;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * {@code push/pull/fetch --run-cache} against a real S3 server and a directory remote: the {@code runs/} files land
 * at DVC's keys byte for byte, and a fresh clone gets them back together with the outputs they name.
 */
class RunCacheTransfersIT {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();
  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  Path root;

  @BeforeEach
  void setUp() throws IOException {
    repo = TempGitRepo.create(tmp.resolve("project"));
    root = repo.root();
    jdvc = new CliRunner(root);
    jdvc.ok("init");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  /** A run of stage 'train' whose outputs are a tracked directory and a model no .dvc file names. */
  private RunCache.Entry recordRun() throws Exception {
    Files.createDirectories(root.resolve("data"));
    Files.writeString(root.resolve("data/a.txt"), "a\n");
    Files.writeString(root.resolve("data/b.txt"), "b\n");
    jdvc.ok("add", "data");
    Oid dir = new DvcFileCodec().read(root.resolve("data.dvc")).outs().get(0).md5();
    byte[] model = "weights v1\n".getBytes(StandardCharsets.UTF_8);
    Oid modelOid = Oid.parse(DigestUtils.md5Hex(model));
    LocalCache cache = new LocalCache(root.resolve(".dvc/cache"));
    cache.insertBytes(modelOid, model);
    LockedStageEntry run = new LockedStageEntry("train", "python train.py",
        List.of(LockEntry.of("data", dir, 4L, 2L, false)), Map.of("params.yaml", Map.of("lr", 0.01)),
        List.of(LockEntry.of("model.pkl", modelOid, (long) model.length, null, false)));
    RunCache runs = new RunCache(cache);
    assertTrue(runs.save(run));
    repo.git().add().addFilepattern(".").call();
    repo.git().commit().setMessage("data").call();
    return RunCache.entryOf(run);
  }

  private Path cloneProject(String configLocal) throws Exception {
    Path clone = tmp.resolve("clone");
    Git.cloneRepository().setURI(root.toUri().toString()).setDirectory(clone.toFile()).call().close();
    if (configLocal != null) {
      Files.writeString(clone.resolve(".dvc/config.local"), configLocal);
    }
    return clone;
  }

  private static void assertPulled(Path clone, RunCache.Entry entry, byte[] runFile) throws IOException {
    assertArrayEquals(runFile, Files.readAllBytes(clone.resolve(".dvc/cache").resolve(entry.relativePath())));
    assertEquals("weights v1\n", Files.readString(clone.resolve(".dvc/cache/files/md5/"
        + DigestUtils.md5Hex("weights v1\n").substring(0, 2) + "/" + DigestUtils.md5Hex("weights v1\n").substring(2))),
        "the output the run names comes along, though no .dvc file names it");
  }

  @Test
  void pushAndPullTheRunCacheThroughS3() throws Exception {
    String bucket = S3.createBucket();
    Files.writeString(root.resolve(".dvc/config"), "[core]\n    remote = store\n['remote \"store\"']\n"
        + "    url = s3://" + bucket + "/dvcstore\n    endpointurl = " + S3.uri() + "\n");
    String credentials = "['remote \"store\"']\n    access_key_id = " + S3ProxyServer.AK
        + "\n    secret_access_key = " + S3ProxyServer.SK + "\n";
    Files.writeString(root.resolve(".dvc/config.local"), credentials);
    RunCache.Entry entry = recordRun();
    byte[] runFile = Files.readAllBytes(root.resolve(".dvc/cache").resolve(entry.relativePath()));

    jdvc.ok("push");
    assertFalse(S3.exists(bucket, "dvcstore/" + entry.relativePath()), "without --run-cache, runs stay local");
    jdvc.ok("push", "--run-cache");
    ResponseBytes<GetObjectResponse> onRemote =
        S3.raw().getObjectAsBytes(b -> b.bucket(bucket).key("dvcstore/" + entry.relativePath()));
    assertArrayEquals(runFile, onRemote.asByteArray(), "DVC's key: <prefix>/runs/<key[:2]>/<key>/<value>");

    Path clone = cloneProject(credentials);
    CliRunner cloned = new CliRunner(clone);
    cloned.ok("pull", "--run-cache");
    assertPulled(clone, entry, runFile);
    assertEquals("a\n", Files.readString(clone.resolve("data/a.txt")));
  }

  @Test
  void pushAndFetchTheRunCacheThroughADirectoryRemote() throws Exception {
    Path store = Files.createDirectories(tmp.resolve("store"));
    Files.writeString(root.resolve(".dvc/config"), "[core]\n    remote = store\n['remote \"store\"']\n"
        + "    url = " + store + "\n");
    RunCache.Entry entry = recordRun();
    byte[] runFile = Files.readAllBytes(root.resolve(".dvc/cache").resolve(entry.relativePath()));

    jdvc.ok("push", "--run-cache");
    assertArrayEquals(runFile, Files.readAllBytes(store.resolve(entry.relativePath())));
    String again = jdvc.ok("push", "--run-cache", "--json").out();
    assertTrue(again.contains("\"transferred\": 0") || again.contains("\"transferred\":0"), again);

    Path clone = cloneProject(null);
    CliRunner cloned = new CliRunner(clone);
    cloned.ok("fetch", "--run-cache");
    assertPulled(clone, entry, runFile);
    assertFalse(Files.exists(clone.resolve("data")), "fetch leaves the workspace alone");
  }
}
