package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.hash.FileHasher;
import io.jdvc.object.ObjectLayout;
import io.jdvc.object.Oid;
import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.FaultProxy;
import io.jdvc.testing.FaultProxy.Fault;
import io.jdvc.testing.ObjectStores;
import io.jdvc.testing.S3ProxyServer;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integrity end to end under faults: a byte damaged on the way up is refused by the server and sent again; one
 * damaged on the way down never enters the cache (ranged downloads included); a damaged or stale remote index
 * hides no missing object from {@code status -c} or {@code push}.
 */
class NetworkIntegrityIT {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();
  @TempDir Path tmp;

  /** GETs of objects (not listings, which carry a query). */
  private static final Pattern OBJECT_GET = Pattern.compile("^GET /[^?]*/files/md5/");

  private String bucket;
  private Path root;
  private CliRunner jdvc;

  /** A repository whose default remote reaches the server through {@code net}. */
  private TempGitRepo repoThrough(FaultProxy net, String name) throws IOException {
    TempGitRepo repo = TempGitRepo.create(tmp.resolve(name));
    root = repo.root();
    jdvc = new CliRunner(root);
    jdvc.ok("init");
    bucket = S3.createBucket();
    Files.writeString(root.resolve(".dvc/config"), "[core]\n    remote = store\n['remote \"store\"']\n"
        + "    url = s3://" + bucket + "/dvcstore\n    endpointurl = " + net.uri() + "\n");
    Files.writeString(root.resolve(".dvc/config.local"), "['remote \"store\"']\n    access_key_id = "
        + S3ProxyServer.AK + "\n    secret_access_key = " + S3ProxyServer.SK + "\n");
    return repo;
  }

  private Path remoteRoot() throws IOException {
    return S3.dataDir().resolve(bucket).resolve("dvcstore");
  }

  private void writeFiles(int n, long seed) throws IOException {
    Path data = Files.createDirectories(root.resolve("data"));
    Random rnd = new Random(seed);
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[1000 + rnd.nextInt(5000)];
      rnd.nextBytes(b);
      Files.write(data.resolve("f" + i), b);
    }
  }

  /** Three files added, pushed and committed; returns the oid of one of them. */
  private Oid threeFilesPushed(TempGitRepo repo, long seed) throws IOException {
    writeFiles(3, seed);
    jdvc.ok("add", "data");
    jdvc.ok("push");
    repo.commitAll("data");
    return Oid.parse(FileHasher.hash(root.resolve("data/f1"), false).value());
  }

  /** The GETs of one object. */
  private static Pattern getOf(Oid oid) {
    return Pattern.compile("^GET /[^?]*" + Pattern.quote(ObjectLayout.keyOf(oid)) + " ");
  }

  @Test
  void aByteDamagedOnTheWayUpIsRefusedByTheServerAndSentAgain() throws Exception {
    try (FaultProxy net = FaultProxy.start(S3.uri(), 0, 7); TempGitRepo repo = repoThrough(net, "up")) {
      writeFiles(20, 1);
      jdvc.ok("add", "data");
      pushWithDamagedUploads(net, 8, 21);
    }
  }

  /** Pushes with the first {@code damaged} object uploads damaged; all {@code objects} arrive intact. */
  private void pushWithDamagedUploads(FaultProxy net, int damaged, int objects) throws IOException {
    net.only(Pattern.compile("^PUT [^ ]*/files/md5/"), Set.of(Fault.FLIP_REQUEST), damaged).rate(1);
    jdvc.ok("push");
    assertEquals(damaged, net.faults().get(Fault.FLIP_REQUEST), "uploads that arrived damaged");
    ObjectStores.Check remote = ObjectStores.check(remoteRoot());
    assertEquals(objects, remote.checked());
    assertEquals(List.of(), remote.corrupt(), "the server refused every damaged body; the retries stored it intact");
  }

  /**
   * Small uploads are mostly framing: the aws-chunked chunk headers, the checksum trailer and their signatures. A
   * byte damaged there draws other answers than BadDigest (S3Proxy: 400 InvalidRequest for a damaged trailer
   * name; S3: InvalidChunkSizeError, MalformedTrailerError, IncompleteBody), each of which is damage too.
   */
  @Test
  void aByteDamagedAnywhereInAnUploadFramingIncludedIsSentAgain() throws Exception {
    try (FaultProxy net = FaultProxy.start(S3.uri(), 0, 12); TempGitRepo repo = repoThrough(net, "framing")) {
      Path data = Files.createDirectories(root.resolve("data"));
      for (int i = 0; i < 60; i++) {
        Files.writeString(data.resolve("f" + i), "small object " + i + "\n");
      }
      jdvc.ok("add", "data");
      pushWithDamagedUploads(net, 60, 61);
    }
  }

  @Test
  void aByteDamagedOnTheWayDownNeverEntersTheCache() throws Exception {
    try (FaultProxy net = FaultProxy.start(S3.uri(), 0, 8); TempGitRepo repo = repoThrough(net, "down")) {
      writeFiles(20, 2);
      jdvc.ok("add", "data");
      jdvc.ok("push");
      RemoteTransfersIT.deleteTree(root.resolve(".dvc/cache"));

      // every object download damaged: nothing may enter the cache, and the error says what happened
      net.only(OBJECT_GET, Set.of(Fault.FLIP_RESPONSE), Integer.MAX_VALUE).rate(1);
      CliResult r = jdvc.run("fetch");
      assertEquals(1, r.exitCode(), r.out() + r.err());
      assertTrue(r.err().contains("corrupt"), r.err());
      assertEquals(0, ObjectStores.check(root.resolve(".dvc/cache")).checked(), "no damaged object was kept");
      assertEquals(List.of(), leftovers(root.resolve(".dvc/cache")), "and no temp file either");

      // some damaged: each is fetched again, and the cache ends up exact
      int before = net.faults().get(Fault.FLIP_RESPONSE);
      net.only(OBJECT_GET, Set.of(Fault.FLIP_RESPONSE), 10).rate(0.5);
      jdvc.ok("fetch");
      ObjectStores.Check cache = ObjectStores.check(root.resolve(".dvc/cache"));
      assertEquals(21, cache.checked());
      assertEquals(List.of(), cache.corrupt());
      assertEquals(10, net.faults().get(Fault.FLIP_RESPONSE) - before, "ten more damaged bodies were caught");
    }
  }

  @Test
  void aByteDamagedOnTheWayDownIsReadAgainByADeepAudit_notReportedAsCorruptionOfTheRemote() throws Exception {
    try (FaultProxy net = FaultProxy.start(S3.uri(), 0, 11); TempGitRepo repo = repoThrough(net, "audit")) {
      writeFiles(20, 5);
      jdvc.ok("add", "data");
      jdvc.ok("push");
      repo.commitAll("data");
      net.only(OBJECT_GET, Set.of(Fault.FLIP_RESPONSE), 10).rate(0.5);
      CliResult audit = jdvc.run("audit", "--deep");
      assertEquals(0, audit.exitCode(), audit.out() + audit.err());
      assertTrue(audit.out().contains("store: 21 verified"), audit.out());
      assertEquals(10, net.faults().get(Fault.FLIP_RESPONSE), "ten bodies arrived damaged, and were read again");
    }
  }

  /**
   * The false "corrupt" of bench/faults (seed 12668016): a deep audit took the last of a read's attempts, damaged
   * on the way, for the object's content. Now only two complete reads that hash to the same wrong content make a
   * copy corrupt; reads that all disagree are a transfer error (exit 1), and say so.
   */
  @Test
  void aDeepAuditCallsACopyCorruptOnlyWhenTwoReadsAgree_readsThatDisagreeAreATransferError() throws Exception {
    try (FaultProxy net = FaultProxy.start(S3.uri(), 0, 12); TempGitRepo repo = repoThrough(net, "disagree")) {
      Oid victim = threeFilesPushed(repo, 6);
      Pattern victimGet = getOf(victim);

      // every read of one intact object arrives with another byte flipped
      net.only(victimGet, Set.of(Fault.FLIP_RESPONSE), Integer.MAX_VALUE).rate(1);
      CliResult audit = jdvc.run("audit", "--deep");
      assertEquals(ExitCode.ERROR, audit.exitCode(), audit.out() + audit.err());
      assertFalse((audit.out() + audit.err()).contains("content hashes to"), audit.out() + audit.err());
      assertTrue(audit.err().contains(victim.value() + " not judged"), audit.err());
      assertTrue(net.faults().get(Fault.FLIP_RESPONSE) >= 2, "read more than once: " + net.faults());

      // really damaged on the server, and the first read damaged on the way too: the next two reads agree
      byte[] tampered = "tampered\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      Files.write(remoteRoot().resolve(ObjectLayout.keyOf(victim)), tampered);
      int flipped = net.faults().get(Fault.FLIP_RESPONSE);
      net.only(victimGet, Set.of(Fault.FLIP_RESPONSE), 1).rate(1);
      audit = jdvc.run("audit", "--deep");
      assertEquals(ExitCode.AUDIT_CORRUPT, audit.exitCode(), audit.out() + audit.err());
      assertTrue(audit.out().contains("content hashes to "
          + FileHasher.hash(new java.io.ByteArrayInputStream(tampered), false, null).value()), audit.out());
      assertEquals(flipped + 1, net.faults().get(Fault.FLIP_RESPONSE));
    }
  }

  /**
   * The JDK's HTTP client ends a body cut short by a clean close (FIN) as if it were whole: such a read must be
   * read again, never hashed as the object, or two reads cut at the same byte would agree on a wrong content.
   */
  @Test
  void aBodyCutShortByACleanCloseIsReadAgain_neverHashedAsTheObject() throws Exception {
    try (FaultProxy net = FaultProxy.start(S3.uri(), 0, 13); TempGitRepo repo = repoThrough(net, "cut")) {
      Oid victim = threeFilesPushed(repo, 7);
      Pattern victimGet = getOf(victim);

      net.only(victimGet, Set.of(Fault.TRUNCATE), 2).rate(1);
      CliResult audit = jdvc.run("audit", "--deep");
      assertEquals(0, audit.exitCode(), audit.out() + audit.err());
      assertTrue(audit.out().contains("store: 4 verified"), audit.out());
      assertEquals(2, net.faults().get(Fault.TRUNCATE));

      net.only(victimGet, Set.of(Fault.TRUNCATE), Integer.MAX_VALUE).rate(1);
      audit = jdvc.run("audit", "--deep");
      assertEquals(ExitCode.ERROR, audit.exitCode(), audit.out() + audit.err());
      assertFalse((audit.out() + audit.err()).contains("content hashes to"), audit.out() + audit.err());
      assertTrue(audit.err().contains("ended after"), audit.err());

      RemoteTransfersIT.deleteTree(root.resolve(".dvc/cache"));
      net.only(victimGet, Set.of(Fault.TRUNCATE), 2).rate(1);
      jdvc.ok("fetch");
      assertEquals(List.of(), ObjectStores.check(root.resolve(".dvc/cache")).corrupt());
    }
  }

  @Test
  void aRangedDownloadWithADamagedPartIsFetchedAgainAndNeverCachedDamaged() throws Exception {
    try (FaultProxy net = FaultProxy.start(S3.uri(), 0, 9); TempGitRepo repo = repoThrough(net, "ranged")) {
      Path big = root.resolve("big.bin");
      Random rnd = new Random(3);
      byte[] buf = new byte[1 << 20];
      try (OutputStream out = Files.newOutputStream(big)) {
        for (int i = 0; i < 66; i++) { // above the 64 MiB threshold of ranged downloads: five parts of 16 MiB
          rnd.nextBytes(buf);
          out.write(buf);
        }
      }
      String md5 = FileHasher.hash(big, false).value();
      jdvc.ok("add", "big.bin");
      jdvc.ok("push");
      RemoteTransfersIT.deleteTree(root.resolve(".dvc/cache"));

      int before = net.connections();
      // the first two part GETs damaged: the parts arrive whole, so only the object's MD5 can tell
      net.only(OBJECT_GET, Set.of(Fault.FLIP_RESPONSE), 2).rate(1);
      jdvc.ok("fetch");
      assertEquals(2, net.faults().get(Fault.FLIP_RESPONSE));
      assertTrue(net.connections() - before >= 10, "the whole object was fetched a second time");
      Path cached = root.resolve(".dvc/cache").resolve(ObjectLayout.keyOf(Oid.parse(md5)));
      assertEquals(md5, FileHasher.hash(cached, false).value());
    }
  }

  @Test
  void aDamagedOrStaleRemoteIndexHidesNoMissingObject() throws Exception {
    try (FaultProxy net = FaultProxy.start(S3.uri(), 0, 10); TempGitRepo repo = repoThrough(net, "index")) {
      writeFiles(30, 4);
      jdvc.ok("add", "data");
      jdvc.ok("push");
      Path indexDir = root.resolve(".dvc/tmp/jdvc/remote-index");
      Path index;
      try (Stream<Path> s = Files.list(indexDir)) {
        index = s.findFirst().orElseThrow();
      }
      String dirLine;
      try (Stream<String> lines = Files.lines(index)) { // beside it: "last <oid> data", the version last pushed
        dirLine = lines.filter(l -> l.endsWith(".dir")).findFirst().orElse("");
      }
      assertTrue(dirLine.endsWith(".dir"), "push recorded the directory as complete: " + dirLine);
      Oid victim = Oid.parse(FileHasher.hash(root.resolve("data/f7"), false).value());
      Path victimOnRemote = remoteRoot().resolve(ObjectLayout.keyOf(victim));

      // damaged: garbage, a half line, a directory that is not there
      Files.delete(victimOnRemote);
      Files.writeString(index, "\u0000\u00ffgarbage\n" + dirLine.substring(0, 10) + "\n"
          + "0123456789abcdef0123456789abcdef.dir\n");
      jdvc.ok("push");
      assertTrue(Files.exists(victimOnRemote), "push re-uploaded the file a damaged index might have hidden");

      // stale: the index is right about the directory, but a file went missing on the remote behind its back
      Files.writeString(index, dirLine + "\n");
      Files.delete(victimOnRemote);
      CliResult status = jdvc.run("status", "-c");
      assertTrue(status.out().contains("data/f7"), "status -c asks about files, index or not: " + status.out());
      assertFalse(Files.readString(index).contains(dirLine), "and forgets the incomplete directory");
      jdvc.ok("push");
      assertTrue(Files.exists(victimOnRemote), "so the next push uploads the file again");
      assertEquals("Cache and remote 'store' are in sync.\n", jdvc.ok("status", "-c").out());
      assertNotEquals(0, net.connections());
    }
  }

  /** Temp files left in a cache. */
  private static List<Path> leftovers(Path cache) throws IOException {
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(cache)) {
      return s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().contains("tmp")).toList();
    }
  }
}
