package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.hash.FileHasher;
import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.FaultProxy;
import io.jdvc.testing.FaultProxy.Fault;
import io.jdvc.testing.S3ProxyServer;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the network or the server keeps failing one kind of request through all of its attempts
 * ({@link FaultProxy} at rate 1 for those requests only), the error names the object, the operation, the network
 * error or HTTP status and the number of attempts, and the hint says what to do next; doing it (running the
 * command again once the network healed) works.
 */
class RetriesExhaustedIT {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();
  @TempDir Path tmp;

  private FaultProxy net;
  private TempGitRepo repo;
  private CliRunner jdvc;

  /** A repository with {@code files} files in data/, added, whose default remote is reached through {@link #net}. */
  private void repoThroughProxy(long seed, int files) throws IOException {
    net = FaultProxy.start(S3.uri(), 0, seed);
    repo = TempGitRepo.create(tmp.resolve("repo"));
    jdvc = new CliRunner(repo.root());
    jdvc.ok("init");
    S3ProxyServer.configureDefaultRemote(repo.root(), S3.createBucket(), net.uri());
    for (int i = 0; i < files; i++) {
      repo.write("data/f" + i, "object " + i + " of " + files + "\n");
    }
    jdvc.ok("add", "data");
  }

  @AfterEach
  void close() throws IOException {
    if (repo != null) {
      repo.close();
    }
    if (net != null) {
      net.close();
    }
  }

  @Test
  void anUploadThatBreaksOnEveryAttemptIsNamedWithItsCauseAndTheNextStep() throws Exception {
    repoThroughProxy(21, 3);
    String oid = oidOf("data/f1");
    // every upload of f1's object is dropped before an answer; everything else goes through (a reset of the
    // response can come after the status line, which then counts as the answer it is)
    net.only(objectRequest("PUT", oid), Set.of(Fault.DROP), Integer.MAX_VALUE).rate(1);
    String err = failing("push").err();
    assertTrue(err.contains("ERROR: failed to push 'data/f1' (data.dvc, " + oid + "): remote 'store': upload "
        + oid + " failed: network error ("), err);
    assertTrue(err.contains(", after 10 attempts"), "how hard it tried: " + err);
    assertTrue(err.contains("manifest not pushed because some of its files failed"), "a .dir never goes first: " + err);
    assertTrue(err.contains("ERROR: 2 objects failed to push"), err);
    assertTrue(err.contains("hint: run the command again: only what is still missing is transferred"), err);
    assertEquals(10, net.faults().get(Fault.DROP), "ten attempts, each broken");
    healAndRunAgain("push");
  }

  @Test
  void anUploadTheServerFailsOnEveryAttemptNamesTheHttpStatusAndTheNextStep() throws Exception {
    repoThroughProxy(23, 3);
    String oid = oidOf("data/f2");
    net.only(objectRequest("PUT", oid), Set.of(Fault.SERVER_ERROR), Integer.MAX_VALUE).rate(1);
    String err = failing("push").err();
    assertTrue(err.contains("ERROR: remote 'store' (s3://"), err);
    assertTrue(err.contains("S3 server error 500 (InternalError) from " + net.uri() + " on upload " + oid
        + ", still failing, after 10 attempts"), err);
    assertTrue(err.contains("hint: try again later, or with fewer parallel jobs (-j)"), err);
    assertEquals(10, net.faults().get(Fault.SERVER_ERROR), "ten attempts, each answered 500");
    healAndRunAgain("push");
  }

  @Test
  void aDownloadCutOffOnEveryAttemptIsNamedWithItsCauseAndTheNextStep() throws Exception {
    repoThroughProxy(24, 3);
    jdvc.ok("push");
    String oid = oidOf("data/f0");
    RemoteTransfersIT.deleteTree(repo.root().resolve(".dvc/cache"));
    // every download of f0's object is reset somewhere between its first byte and its last
    net.only(objectRequest("GET", oid), Set.of(Fault.RESET), Integer.MAX_VALUE).rate(1);
    String err = failing("fetch").err();
    assertTrue(err.contains("ERROR: failed to fetch 'data/f0' (data.dvc, " + oid + "): remote 'store': download "
        + oid + " failed: network error ("), err);
    assertTrue(err.contains(", after 10 attempts"), err);
    assertTrue(err.contains("hint: run the command again"), err);
    // at least ten: the JDK's HttpURLConnection itself sends a GET again once when its answer breaks off
    // before the status line, below the SDK's count
    assertTrue(net.faults().get(Fault.RESET) >= 10, "ten attempts, each cut off: " + net.faults());
    healAndRunAgain("fetch");
    assertEquals(0, jdvc.run("status", "-q").exitCode(), "the cache has every object again");
  }

  @Test
  void aListingThatBreaksOnEveryAttemptStopsTheCommandWithItsCauseAndTheNextStep() throws Exception {
    repoThroughProxy(22, 40); // more objects than HEADs in one round: status -c lists
    jdvc.ok("push");
    net.only(Pattern.compile("^GET /[^ ]*\\?[^ ]*list-type=2"), Set.of(Fault.RESET), Integer.MAX_VALUE).rate(1);
    String err = failing("status", "-c").err();
    assertTrue(err.matches("(?s).*ERROR: remote 'store' \\(s3://[^)]*\\): list [^ ]* failed: network error \\("
        + ".*, after 10 attempts\n.*"), err);
    assertTrue(err.contains("hint: the connection to " + net.uri() + " keeps breaking; check the network (or "
        + "proxy) and run the command again"), err);
    healAndRunAgain("status", "-c");
  }

  private String oidOf(String path) throws IOException {
    return FileHasher.hash(repo.root().resolve(path), false).value();
  }

  /** Requests of one method for the object {@code oid}, not listings. */
  private static Pattern objectRequest(String method, String oid) {
    return Pattern.compile("^" + method + " /[^ ]*/files/md5/" + oid.substring(0, 2) + "/" + oid.substring(2) + "[ ?]");
  }

  /** Runs a command that must fail (exit 1) once its retries are spent. */
  private CliResult failing(String... args) {
    CliResult r = jdvc.run(args);
    assertEquals(1, r.exitCode(), r.out() + r.err() + net.faults());
    return r;
  }

  /** The network heals; the next step the hint gave (the command again) finishes, and the remote is complete. */
  private void healAndRunAgain(String... args) {
    net.rate(0);
    jdvc.ok(args);
    assertEquals("Cache and remote 'store' are in sync.\n", jdvc.ok("status", "-c").out());
  }
}
