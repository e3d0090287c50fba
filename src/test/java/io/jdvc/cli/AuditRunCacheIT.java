package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.FaultProxy;
import io.jdvc.testing.FaultProxy.Fault;
import io.jdvc.testing.S3ProxyServer;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code audit --run-cache} on run-cache entries that a real {@code jdvc repro} filed: a sound entry passes, a
 * tampered one is corrupt (exit 4), and an entry or an object it names that a store lacks is missing (exit 3), on a
 * directory remote and on S3.
 */
class AuditRunCacheIT {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();
  private static final String LOUD = "HELLO\nWORLD\n";

  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  Path root;
  /** The one entry the repro filed, relative to the cache: runs/ab/<key>/<value>. */
  String entry;

  @BeforeEach
  void setUp() throws Exception {
    repo = TempGitRepo.create(tmp.resolve("project"));
    root = repo.root();
    jdvc = new CliRunner(root);
    jdvc.ok("init");
    Files.writeString(root.resolve("words.txt"), "hello\nworld\n");
    Files.writeString(root.resolve("dvc.yaml"), "stages:\n  shout:\n"
        + "    cmd: tr a-z A-Z < words.txt > loud.txt && mkdir parts && echo one > parts/1.txt"
        + " && echo two > parts/2.txt\n"
        + "    deps:\n    - words.txt\n    outs:\n    - loud.txt\n    - parts\n");
    jdvc.ok("repro");
    assertEquals(LOUD, Files.readString(root.resolve("loud.txt")));
    repo.commitAll("pipeline");
    try (Stream<Path> s = Files.walk(root.resolve(".dvc/cache/runs"))) {
      List<Path> files = s.filter(Files::isRegularFile).toList();
      assertEquals(1, files.size(), "repro filed its run: " + files);
      entry = root.resolve(".dvc/cache").relativize(files.get(0)).toString().replace('\\', '/');
    }
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private Path cachedEntry() {
    return root.resolve(".dvc/cache").resolve(entry);
  }

  private Path cachedObject(String content) {
    String md5 = DigestUtils.md5Hex(content);
    return root.resolve(".dvc/cache/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2));
  }

  /** Makes a new bucket the default remote {@code s3}, reached at {@code endpoint}; returns the bucket. */
  private String s3Remote(java.net.URI endpoint) throws IOException {
    String bucket = S3.createBucket();
    Files.writeString(root.resolve(".dvc/config"), "[core]\n    remote = s3\n['remote \"s3\"']\n"
        + "    url = s3://" + bucket + "/store\n    endpointurl = " + endpoint + "\n");
    Files.writeString(root.resolve(".dvc/config.local"), "['remote \"s3\"']\n    access_key_id = "
        + S3ProxyServer.AK + "\n    secret_access_key = " + S3ProxyServer.SK + "\n");
    return bucket;
  }

  private CliResult audit(int expectedExit, String... args) {
    CliResult r = jdvc.run(args);
    assertEquals(expectedExit, r.exitCode(), r.out() + r.err());
    return r;
  }

  @Test
  void soundEntryPassesAndOneMissingOnADirectoryRemoteIsMissing() throws Exception {
    Path store = Files.createDirectories(tmp.resolve("store"));
    jdvc.ok("remote", "add", "-d", "store", store.toString());
    jdvc.ok("push", "--run-cache");

    CliResult ok = audit(ExitCode.OK, "audit", "--run-cache");
    assertTrue(ok.out().contains("Run cache: 1 entry, 0 corrupt, 0 incomplete"), ok.out());
    assertTrue(ok.out().contains("tr a-z A-Z < words.txt"), ok.out());
    assertTrue(ok.out().contains("Result: OK (exit 0)"), ok.out());
    CliResult json = audit(ExitCode.OK, "audit", "--run-cache", "--json");
    assertTrue(json.out().contains("\"path\": \"" + entry + "\""), json.out());
    assertTrue(json.out().contains("\"objects\": 4"), "loud.txt, parts' manifest and its 2 files: " + json.out());
    assertTrue(audit(ExitCode.OK, "audit", "--json").out().contains("\"run_cache\": null"),
        "without --run-cache the run cache is not audited");

    Files.delete(store.resolve(entry));
    CliResult text = audit(ExitCode.AUDIT_MISSING, "audit", "--run-cache");
    assertTrue(text.out().contains("not on store"), text.out());
    assertTrue(text.out().contains(entry + "  (cache: verified, store: missing)"), text.out());
    CliResult missingJson = audit(ExitCode.AUDIT_MISSING, "audit", "--run-cache", "--json");
    assertTrue(flat(missingJson).contains("\"missing_from\": [ \"store\" ]"), missingJson.out());
    audit(ExitCode.OK, "audit"); // the revision's own data is all there
    CliResult usage = audit(ExitCode.USAGE, "audit", "--record", "--run-cache");
    assertTrue(usage.err().contains("--record cannot be combined with --run-cache"), usage.err());
  }

  @Test
  void tamperedEntriesAreCorruptAndKeptAsEvidence() throws Exception {
    String original = Files.readString(cachedEntry());
    String otherMd5 = DigestUtils.md5Hex("forged\n");
    String forged = original.replace(DigestUtils.md5Hex(LOUD), otherMd5);
    assertTrue(!forged.equals(original), original);
    cachedEntry().toFile().setWritable(true);
    Files.writeString(cachedEntry(), forged);

    CliResult text = audit(ExitCode.AUDIT_CORRUPT, "audit", "--run-cache");
    assertTrue(text.out().contains("corrupt entry"), text.out());
    assertTrue(text.out().contains("cache: its content hashes to "), text.out());
    assertTrue(text.out().contains("Result: CORRUPT (exit 4)"), text.out());
    assertEquals(forged, Files.readString(cachedEntry()), "an audit deletes nothing");

    Files.writeString(cachedEntry(), original.replace("tr a-z A-Z", "tr a-y A-Y"));
    CliResult json = audit(ExitCode.AUDIT_CORRUPT, "audit", "--run-cache", "--json");
    assertTrue(json.out().contains("\"cache\": \"corrupt\""), json.out());
    assertTrue(json.out().contains("not to its directory"), "the command is part of the key: " + json.out());

    Files.writeString(cachedEntry(), "cmd: [unclosed\n");
    CliResult md = audit(ExitCode.AUDIT_CORRUPT, "audit", "--run-cache", "--markdown");
    assertTrue(md.out().contains("### Run cache"), md.out());
    assertTrue(md.out().contains("| `" + entry + "` | `?` | cache: corrupt | 0 | corrupt entry: cache: not a run-cache"
        + " entry"), md.out());
  }

  @Test
  void anObjectTheEntryNamesThatTheCacheLacksIsMissing() throws Exception {
    Files.delete(cachedObject("two\n"));
    CliResult text = audit(ExitCode.AUDIT_MISSING, "audit", "--run-cache");
    assertTrue(text.out().contains("missing: " + DigestUtils.md5Hex("two\n") + "  (cache: missing)"), text.out());
    assertTrue(text.out().contains("1 missing"), text.out());
    CliResult json = audit(ExitCode.AUDIT_MISSING, "audit", "--run-cache", "--json");
    assertTrue(json.out().contains("\"incomplete\": 1"), json.out());
  }

  @Test
  void onS3AMissingEntryIsMissingAndATamperedCopyIsCorrupt() throws Exception {
    String bucket = s3Remote(S3.uri());
    jdvc.ok("push", "--run-cache");
    String key = "store/" + entry;
    byte[] sound = S3.raw().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    assertArrayEquals(Files.readAllBytes(cachedEntry()), sound);
    assertTrue(audit(ExitCode.OK, "audit", "--run-cache").out().contains("(judged: s3)"));

    S3.raw().deleteObject(b -> b.bucket(bucket).key(key));
    CliResult missing = audit(ExitCode.AUDIT_MISSING, "audit", "--run-cache");
    assertTrue(missing.out().contains("not on s3"), missing.out());

    String tampered = new String(sound, StandardCharsets.UTF_8).replace("words.txt", "wordz.txt");
    S3.raw().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(tampered));
    CliResult deep = audit(ExitCode.AUDIT_CORRUPT, "audit", "--run-cache", "--deep");
    assertTrue(deep.out().contains("s3: its command, dependencies and params hash to key"), deep.out());
    // a CI machine with an empty cache reads the remote's copy to learn the outputs, and so checks it
    deleteTree(root.resolve(".dvc/cache/runs"));
    CliResult ci = audit(ExitCode.AUDIT_CORRUPT, "audit", "--run-cache", "--json");
    assertTrue(flat(ci).contains("\"stores\": { \"cache\": \"missing\", \"s3\": \"corrupt\" }"), ci.out());
  }

  /**
   * An entry read damaged (a flipped byte) or cut short (a clean close half-way) is read again: only two reads
   * that agree make a remote copy corrupt. Each of these was reported corrupt before.
   */
  @Test
  void onS3AnEntryReadDamagedOrCutShortIsReadAgain_notCorrupt() throws Exception {
    try (FaultProxy net = FaultProxy.start(S3.uri(), 0, 5)) {
      s3Remote(net.uri());
      jdvc.ok("push", "--run-cache");
      Pattern entryGet = Pattern.compile("^GET /[^?]*/runs/");
      for (Fault fault : List.of(Fault.FLIP_RESPONSE, Fault.TRUNCATE)) {
        net.only(entryGet, Set.of(fault), 2).rate(1);
        CliResult r = audit(ExitCode.OK, "audit", "--run-cache", "--deep");
        assertTrue(r.out().contains("Run cache: 1 entry, 0 corrupt, 0 incomplete"), fault + ": " + r.out());
        assertEquals(2, net.faults().get(fault), "both damaged reads were read again: " + net.faults());
      }
    }
  }

  /** The output with every run of white space as one space, so JSON can be matched whatever its indentation. */
  private static String flat(CliResult r) {
    return r.out().replaceAll("\\s+", " ");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
