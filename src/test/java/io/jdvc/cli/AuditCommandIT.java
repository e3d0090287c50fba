package io.jdvc.cli;

import static io.jdvc.cli.HistoryFixture.md5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.api.Jdvc;
import io.jdvc.cache.LocalCache;
import io.jdvc.object.Oid;
import io.jdvc.remote.Remote;
import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.S3ProxyServer;
import io.jdvc.testing.TempGitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** audit end to end against a real (in-process) S3 server: presence by HEAD, integrity from ETags, --deep. */
class AuditCommandIT {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();
  private static final String PREFIX = "store";

  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  HistoryFixture fx;
  String bucket;

  @BeforeEach
  void setUp() throws Exception {
    repo = TempGitRepo.create(tmp.resolve("project"));
    jdvc = new CliRunner(repo.root());
    fx = new HistoryFixture().build(repo, jdvc);
    bucket = S3.createBucket();
    Files.writeString(repo.root().resolve(".dvc/config"), "[core]\n    remote = s3\n['remote \"s3\"']\n"
        + "    url = s3://" + bucket + "/" + PREFIX + "\n    endpointurl = " + S3.uri() + "\n"
        + "    access_key_id = " + S3ProxyServer.AK + "\n    secret_access_key = " + S3ProxyServer.SK + "\n");
    repo.commitAll("configure the remote");
    // put every cached object on the remote without jdvc push (not ours): upload each one directly
    try (Jdvc j = Jdvc.open(repo.root()); Remote remote = j.openRemote(null)) {
      LocalCache cache = j.cache();
      List<Oid> all = new ArrayList<>();
      cache.list(all::add);
      for (Oid oid : all) {
        remote.upload(oid, cache.pathOf(oid), n -> {});
      }
    }
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private String key(String md5) {
    return PREFIX + "/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2);
  }

  @Test
  void everythingPresentAndVerifiedByEtag() {
    CliResult r = jdvc.ok("audit", "-T");
    assertTrue(r.out().contains("Result: OK (exit 0)"), r.out());
    assertTrue(r.out().contains("s3: "), r.out());
    assertTrue(r.out().contains("verified"), r.out());
    assertTrue(r.out().contains("data.dvc"), r.out());
    CliResult json = jdvc.ok("audit", "--all-commits", "--json");
    assertTrue(json.out().contains("\"result\": \"ok\""), json.out());
    assertTrue(json.out().contains("\"commit\": \"" + fx.v1 + "\""), json.out());
    assertTrue(json.out().contains("\"s3\": \"verified\""), json.out());
    assertTrue(json.out().contains("\"date\": \"2024-01-01T"), json.out());
  }

  @Test
  void deletedRemoteObjectIsMissingInAllThreeForms() throws Exception {
    String alpha = md5(HistoryFixture.ALPHA);
    S3.raw().deleteObject(b -> b.bucket(bucket).key(key(alpha)));
    CliResult text = jdvc.run("audit", "v1", "v3");
    assertEquals(ExitCode.AUDIT_MISSING, text.exitCode(), text.out() + text.err());
    assertTrue(text.out().contains("missing: " + alpha), text.out());
    assertTrue(text.out().contains("Result: MISSING (exit 3)"), text.out());

    CliResult json = jdvc.run("audit", "v1", "--json");
    assertEquals(ExitCode.AUDIT_MISSING, json.exitCode());
    assertTrue(json.out().contains("\"result\": \"missing\""), json.out());
    assertTrue(json.out().contains("\"missing\": [\n            \"" + alpha + "\""), json.out());

    CliResult md = jdvc.run("audit", "v1", "--markdown");
    assertEquals(ExitCode.AUDIT_MISSING, md.exitCode());
    assertTrue(md.out().startsWith("## jdvc audit: MISSING"), md.out());
    assertTrue(md.out().contains("- `" + alpha + "`: cache: present, s3: missing"), md.out());

    // v3 does not reference the deleted object: it passes alone
    jdvc.ok("audit", "v3");
  }

  @Test
  void replacedRemoteObjectIsCorruptAndCorruptWins() throws Exception {
    String echo = md5(HistoryFixture.ECHO);
    S3.raw().putObject(b -> b.bucket(bucket).key(key(echo)), RequestBody.fromString("tampered\n"));
    S3.raw().deleteObject(b -> b.bucket(bucket).key(key(md5("m2"))));

    CliResult text = jdvc.run("audit");
    assertEquals(ExitCode.AUDIT_CORRUPT, text.exitCode(), text.out() + text.err());
    assertTrue(text.out().contains("corrupt: " + echo), text.out());
    assertTrue(text.out().contains("missing: " + md5("m2")), text.out());
    assertTrue(text.out().contains("Result: CORRUPT (exit 4)"), text.out());

    CliResult json = jdvc.run("audit", "--json");
    assertEquals(ExitCode.AUDIT_CORRUPT, json.exitCode());
    assertTrue(json.out().contains("\"result\": \"corrupt\""), json.out());
    assertTrue(json.out().contains("\"s3\": \"corrupt\""), json.out());
    assertTrue(json.out().contains("ETag MD5"), json.out());

    Path report = tmp.resolve("audit.md");
    CliResult md = jdvc.run("audit", "--markdown", "-o", report.toString());
    assertEquals(ExitCode.AUDIT_CORRUPT, md.exitCode());
    String written = Files.readString(report, StandardCharsets.UTF_8);
    assertTrue(written.startsWith("## jdvc audit: CORRUPT"), written);
    assertTrue(written.contains("`" + echo + "`: cache: present, s3: corrupt"), written);

    CliResult deep = jdvc.run("audit", "--deep");
    assertEquals(ExitCode.AUDIT_CORRUPT, deep.exitCode(), deep.out() + deep.err());
    assertTrue(deep.out().contains("content hashes to " + md5("tampered\n")), deep.out());
  }

  @Test
  void deepAuditChecksTheSha256Record() throws Exception {
    CliResult rec = jdvc.ok("audit", "--record");
    assertTrue(rec.out().contains("Recorded SHA-256 of"), rec.out());
    Path record = repo.root().resolve(".dvc/objects.sha256");
    String text = Files.readString(record);
    String echo = md5(HistoryFixture.ECHO);
    assertTrue(text.contains(echo + " "), text);
    assertTrue(Files.readString(repo.root().resolve(".dvc/.gitattributes")).contains("merge=union"));
    repo.commitAll("record sha256");
    CliResult ok = jdvc.ok("audit", "--deep");
    assertTrue(ok.out().contains("SHA-256 record covers"), ok.out());
    assertTrue(ok.out().contains("Result: OK"), ok.out());

    // a record that disagrees with the bytes (what an MD5 collision would look like) fails the deep audit
    String forged = text.replaceFirst(echo + " [0-9a-f]{64}", echo + " " + "0".repeat(64));
    Files.writeString(record, forged);
    repo.commitAll("forged record");
    CliResult bad = jdvc.run("audit", "--deep", "--json");
    assertEquals(ExitCode.AUDIT_CORRUPT, bad.exitCode(), bad.out() + bad.err());
    assertTrue(bad.out().contains("differs from the record"), bad.out());
    // without --deep the record is not checked: ETags still match
    jdvc.ok("audit");
  }
  @Test
  void corruptManifestOnALocalRemoteIsCorruptNotMissing() throws Exception {
    Path store = tmp.resolve("local-store");
    HistoryFixture.copyTree(repo.root().resolve(".dvc/cache"), store);
    Files.writeString(repo.root().resolve(".dvc/config"), "[core]\n    remote = local\n['remote \"local\"']\n"
        + "    url = " + store + "\n");
    String dir = Files.readAllLines(repo.root().resolve("data.dvc")).stream().filter(l -> l.contains("md5:"))
        .findFirst().orElseThrow().replaceAll(".*md5: *", "").trim();
    Path remoteCopy = store.resolve("files/md5/" + dir.substring(0, 2) + "/" + dir.substring(2));
    remoteCopy.toFile().setWritable(true);
    Files.writeString(remoteCopy, "[{\"md5\": \"" + md5(HistoryFixture.ALPHA) + "\", \"relpath\": \"a.txt\"}]");
    // a fresh clone: nothing cached, so the manifest must come from the remote
    deleteTree(repo.root().resolve(".dvc/cache"));

    CliResult text = jdvc.run("audit");
    assertEquals(ExitCode.AUDIT_CORRUPT, text.exitCode(), text.out() + text.err());
    assertTrue(text.out().contains("corrupt: " + dir), text.out());
    assertTrue(text.out().contains("Result: CORRUPT (exit 4)"), text.out());
    CliResult json = jdvc.run("audit", "--json");
    assertTrue(json.out().contains("\"local\": \"corrupt\""), json.out());
    assertTrue(json.out().contains("\"corrupt\": [\n            \"" + dir + "\""), json.out());
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        Files.delete(p);
      }
    }
  }
}
