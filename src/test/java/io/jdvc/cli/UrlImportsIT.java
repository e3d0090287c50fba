package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.DvcHttpServer;
import io.jdvc.testing.TempGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * import-url, get-url and update of them, from a local file, a real HTTP server and a real S3 server on 127.0.0.1.
 */
class UrlImportsIT {
  @org.junit.jupiter.api.extension.RegisterExtension static final io.jdvc.testing.S3ProxyServer S3 =
      new io.jdvc.testing.S3ProxyServer();
  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  DvcHttpServer server;

  @BeforeEach
  void setUp() throws Exception {
    repo = TempGitRepo.create(tmp.resolve("project"));
    jdvc = new CliRunner(repo.root());
    jdvc.ok("init");
    server = DvcHttpServer.serve(tmp.resolve("www"));
  }

  @AfterEach
  void tearDown() {
    server.close();
    repo.close();
  }

  @Test
  void aLocalFileIsImportedAsDvcRecordsItAndUpdatedWhenItChanges() throws Exception {
    Path ext = Files.createDirectories(tmp.resolve("external")).resolve("foo");
    Files.writeString(ext, "foo");
    jdvc.ok("import-url", ext.toString(), "bar");
    assertEquals("foo", Files.readString(repo.path("bar")));
    String foo = HistoryFixture.md5("foo");
    String dump = "{\"deps\": [{\"hash\": \"md5\", \"md5\": \"" + foo + "\", \"path\": \"" + ext + "\"}], "
        + "\"outs\": [{\"hash\": \"md5\", \"md5\": \"" + foo + "\", \"path\": \"bar\"}]}";
    assertEquals("md5: " + HistoryFixture.md5(dump) + "\nfrozen: true\ndeps:\n- md5: " + foo + "\n  size: 3\n"
        + "  hash: md5\n  path: " + ext + "\nouts:\n- md5: " + foo + "\n  size: 3\n  hash: md5\n  path: bar\n",
        Files.readString(repo.path("bar.dvc")));
    assertTrue(jdvc.ok("update", "bar.dvc").out().contains("(unchanged)"));
    Files.writeString(ext, "foo, revised");
    jdvc.ok("update", "bar.dvc");
    assertEquals("foo, revised", Files.readString(repo.path("bar")));
    assertTrue(Files.readString(repo.path("bar.dvc")).contains("md5: " + HistoryFixture.md5("foo, revised")));
  }

  @Test
  void anHttpFileRecordsTheServersEtagAndUpdateDownloadsOnlyWhenItChanges() throws Exception {
    Files.writeString(server.root().resolve("data.csv"), "a,b\n1,2\n");
    jdvc.ok("import-url", server.url("data.csv"));
    assertEquals("a,b\n1,2\n", Files.readString(repo.path("data.csv")));
    String pointer = Files.readString(repo.path("data.csv.dvc"));
    assertTrue(pointer.contains("deps:\n- checksum: '\"" + HistoryFixture.md5("a,b\n1,2\n") + "\"'\n  size: 8\n"
        + "  hash: md5\n  path: " + server.url("data.csv") + "\n"), pointer);
    int gets = (int) server.requests.stream().filter(r -> r.startsWith("GET ")).count();
    assertTrue(jdvc.ok("update", "data.csv.dvc").out().contains("(unchanged)"));
    assertEquals(gets, server.requests.stream().filter(r -> r.startsWith("GET ")).count(),
        "an unchanged ETag downloads nothing");
    Files.writeString(server.root().resolve("data.csv"), "a,b\n3,4\n");
    jdvc.ok("update", "data.csv.dvc");
    assertEquals("a,b\n3,4\n", Files.readString(repo.path("data.csv")));
    CliResult missing = jdvc.run("import-url", server.url("nope.csv"));
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains(server.url("nope.csv")), missing.err());
    assertFalse(Files.exists(repo.path("nope.csv.dvc")));
  }

  /** As DVC: the dep records the source's checksum, the out no hash; pull downloads what the dep describes. */
  @Test
  void aNoDownloadImportIsPulledFromItsUrlUnlessItChangedMeanwhile() throws Exception {
    Files.writeString(server.root().resolve("data.csv"), "a,b\n1,2\n");
    jdvc.ok("import-url", server.url("data.csv"), "--no-download");
    assertTrue(Files.readString(repo.path("data.csv.dvc")).endsWith("outs:\n- hash: md5\n  path: data.csv\n"));
    assertFalse(Files.exists(repo.path("data.csv")));
    jdvc.ok("pull");
    assertEquals("a,b\n1,2\n", Files.readString(repo.path("data.csv")));
    Files.delete(repo.path("data.csv"));
    Files.writeString(server.root().resolve("data.csv"), "a,b\n3,4\n");
    CliResult changed = jdvc.run("pull");
    assertEquals(1, changed.exitCode());
    assertTrue(changed.err().contains("changed since it was imported") && changed.err().contains("jdvc update"),
        changed.err());
    assertFalse(Files.exists(repo.path("data.csv")), "nothing other than what was imported is checked out");
  }

  @Test
  void getUrlDownloadsWithoutTracking() throws Exception {
    Files.writeString(server.root().resolve("model.bin"), "weights");
    Path outside = Files.createDirectories(tmp.resolve("plain"));
    new CliRunner(outside).ok("get-url", server.url("model.bin"));
    assertEquals("weights", Files.readString(outside.resolve("model.bin")));
    assertEquals(1, new CliRunner(outside).run("get-url", server.url("model.bin")).exitCode(), "no overwrite");
    CliResult gs = jdvc.run("import-url", "gs://bucket/x.csv");
    assertEquals(1, gs.exitCode());
    assertTrue(gs.err().contains("unsupported URL scheme 'gs'"), gs.err());
  }

  @Test
  void anS3ObjectIsReadWithTheSettingsOfTheRemoteOfItsBucketAndUpdatedByEtag() throws Exception {
    String bucket = S3.createBucket();
    S3.raw().putObject(b -> b.bucket(bucket).key("raw/x.csv"),
        software.amazon.awssdk.core.sync.RequestBody.fromString("x\n1\n"));
    Files.writeString(repo.path(".dvc/config"), "['remote \"store\"']\n    url = s3://" + bucket + "/dvcstore\n"
        + "    endpointurl = " + S3.uri() + "\n");
    Files.writeString(repo.path(".dvc/config.local"), "['remote \"store\"']\n    access_key_id = "
        + io.jdvc.testing.S3ProxyServer.AK + "\n    secret_access_key = " + io.jdvc.testing.S3ProxyServer.SK + "\n");
    jdvc.ok("import-url", "s3://" + bucket + "/raw/x.csv");
    assertEquals("x\n1\n", Files.readString(repo.path("x.csv")));
    String pointer = Files.readString(repo.path("x.csv.dvc"));
    assertTrue(pointer.contains("deps:\n- etag: " + HistoryFixture.md5("x\n1\n") + "\n  size: 4\n  hash: md5\n"
        + "  path: s3://" + bucket + "/raw/x.csv\n"), pointer);
    assertTrue(jdvc.ok("update", "x.csv.dvc").out().contains("(unchanged)"));
    S3.raw().putObject(b -> b.bucket(bucket).key("raw/x.csv"),
        software.amazon.awssdk.core.sync.RequestBody.fromString("x\n2\n"));
    jdvc.ok("update", "x.csv.dvc");
    assertEquals("x\n2\n", Files.readString(repo.path("x.csv")));
  }
}
