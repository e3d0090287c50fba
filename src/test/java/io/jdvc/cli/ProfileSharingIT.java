package io.jdvc.cli;

import static io.jdvc.testing.TableFixtures.trainSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.api.Jdvc;
import io.jdvc.tables.DataQuality;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.FaultProxy;
import io.jdvc.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * push/pull --profiles share profiles through the remote under jdvc/profiles-p2/, outside DVC's files/md5/: CI answers
 * data questions without the data, and gc -c neither lists nor deletes them.
 */
class ProfileSharingIT extends DataRepoFixture {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();

  private List<String> filesUnder(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  private void dropLocalDataAndProfiles() throws Exception {
    for (String d : List.of(".dvc/cache", ".dvc/tmp/jdvc/profiles")) {
      try (Stream<Path> s = Files.walk(repo.path(d))) {
        s.filter(Files::isRegularFile).forEach(f -> f.toFile().delete());
      }
    }
    Files.delete(repo.path("data/train.parquet"));
  }

  @Test
  void profilesTravelThroughADirectoryRemoteOutsideDvcsLayout() throws Exception {
    Path store = Files.createDirectories(tmp.resolve("store"));
    jdvc.ok("remote", "add", "-d", "store", store.toString());
    version("v1", trainSql(1000, 10, 2, 0, 1));
    jdvc.ok("data", "profile", "data/train.parquet");
    CliResult push = jdvc.ok("push", "--profiles");
    assertTrue(push.out().contains("1 data profile(s) pushed"), push.out());
    List<String> remote = filesUnder(store);
    assertEquals(2, remote.size(), remote.toString());
    assertTrue(remote.get(0).startsWith("files/md5/"), remote.toString());
    assertTrue(remote.get(1).matches("jdvc/profiles-p2/[0-9a-f]{32}\\.parquet\\.json\\.gz"),
        remote.toString());
    assertTrue(jdvc.ok("push", "--profiles").out().contains("0 data profile(s) pushed"));

    // gc -c lists only DVC's layout: the shared profile is neither an object nor garbage
    jdvc.ok("gc", "-w", "-c", "-f");
    assertEquals(remote, filesUnder(store));

    // CI: no data anywhere but the remote's profile, not even the remote's copy of the data
    dropLocalDataAndProfiles();
    Files.delete(store.resolve(remote.get(0)));
    try (Jdvc api = Jdvc.open(repo.root()); DataQuality dq = api.data()) {
      assertEquals(1000, dq.profile("data/train.parquet@v1").profile().rows());
      assertFalse(dq.engineStarted(), "a shared profile must not start DuckDB");
    }
    Files.walk(repo.path(".dvc/tmp/jdvc/profiles")).filter(Files::isRegularFile).forEach(f -> f.toFile().delete());
    CliResult pull = jdvc.run("pull", "--profiles", "--allow-missing");
    assertTrue(pull.out().contains("1 data profile(s) pulled"), pull.out() + pull.err());
    assertEquals(1, filesUnder(repo.path(".dvc/tmp/jdvc/profiles")).size());
  }

  @Test
  void profilesTravelThroughS3() throws Exception {
    String bucket = S3.createBucket();
    Files.writeString(repo.path(".dvc/config"), "[core]\n    remote = store\n['remote \"store\"']\n"
        + "    url = s3://" + bucket + "/dvcstore\n    endpointurl = " + S3.uri() + "\n");
    Files.writeString(repo.path(".dvc/config.local"), "['remote \"store\"']\n    access_key_id = "
        + S3ProxyServer.AK + "\n    secret_access_key = " + S3ProxyServer.SK + "\n");
    version("v1", trainSql(700, 10, 2, 0, 1));
    jdvc.ok("data", "profile", "data/train.parquet");
    assertTrue(jdvc.ok("push", "--profiles").out().contains("1 data profile(s) pushed"));
    dropLocalDataAndProfiles();
    CliResult r = jdvc.ok("data", "profile", "data/train.parquet@v1");
    assertTrue(r.out().startsWith("data/train.parquet@v1: 700 rows"), r.out());
    assertTrue(r.out().contains("(profile cached)"), r.out());
  }

  /** CI without the data: a Parquet schema from S3 costs a size query and one ranged read of the footer. */
  @Test
  void aParquetSchemaFromS3ReadsTheFooterOnly() throws Exception {
    String bucket = S3.createBucket();
    try (FaultProxy net = FaultProxy.start(S3.uri(), 0, 1)) {
      Files.writeString(repo.path(".dvc/config"), "[core]\n    remote = store\n['remote \"store\"']\n"
          + "    url = s3://" + bucket + "/dvcstore\n    endpointurl = " + net.uri() + "\n");
      Files.writeString(repo.path(".dvc/config.local"), "['remote \"store\"']\n    access_key_id = "
          + S3ProxyServer.AK + "\n    secret_access_key = " + S3ProxyServer.SK + "\n");
      version("v1", trainSql(50000, 10, 2, 0, 1));
      jdvc.ok("push");
      jdvc.ok("data", "profile", "data/train.parquet"); // then dropped with the data: nothing local to read
      long size = Files.size(repo.path("data/train.parquet"));
      dropLocalDataAndProfiles();
      int before = net.connections();
      long traffic = net.traffic();
      CliResult schema = jdvc.ok("data", "schema", "data/train.parquet@v1");
      assertTrue(schema.out().contains("2  amount   DOUBLE"), schema.out());
      assertEquals(2, net.connections() - before, "HEAD and one ranged GET");
      assertTrue(net.traffic() - traffic < size / 4, (net.traffic() - traffic) + " bytes moved for a file of " + size);
      assertEquals(List.of(), filesUnder(repo.path(".dvc/cache")), "nothing entered the cache");
    }
  }
}
