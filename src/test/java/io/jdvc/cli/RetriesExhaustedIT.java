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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the network keeps breaking one kind of request through all of its attempts ({@link FaultProxy} at rate 1
 * for those requests only), the error names the object, the operation, the network error and the number of
 * attempts, and the hint says what to do next; doing it (running the command again on a healed network) works.
 */
class RetriesExhaustedIT {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();
  @TempDir Path tmp;

  private CliRunner repoThrough(FaultProxy net, TempGitRepo repo, int files) throws IOException {
    Path root = repo.root();
    CliRunner jdvc = new CliRunner(root);
    jdvc.ok("init");
    S3ProxyServer.configureDefaultRemote(root, S3.createBucket(), net.uri());
    for (int i = 0; i < files; i++) {
      repo.write("data/f" + i, "object " + i + " of " + files + "\n");
    }
    jdvc.ok("add", "data");
    return jdvc;
  }

  @Test
  void anUploadThatBreaksOnEveryAttemptIsNamedWithItsCauseAndTheNextStep() throws Exception {
    try (FaultProxy net = FaultProxy.start(S3.uri(), 0, 21);
        TempGitRepo repo = TempGitRepo.create(tmp.resolve("up"))) {
      CliRunner jdvc = repoThrough(net, repo, 3);
      String oid = FileHasher.hash(repo.root().resolve("data/f1"), false).value();
      // every upload of f1's object is dropped before an answer; everything else goes through (a reset of the
      // response can come after the status line, which then counts as the answer it is)
      net.only(Pattern.compile("^PUT /[^ ]*/files/md5/" + oid.substring(0, 2) + "/" + oid.substring(2) + "[ ?]"),
          Set.of(Fault.DROP), Integer.MAX_VALUE).rate(1);
      CliResult push = jdvc.run("push");
      assertEquals(1, push.exitCode(), push.out() + push.err() + net.faults());
      String err = push.err();
      assertTrue(err.contains("ERROR: failed to push 'data/f1' (data.dvc, " + oid + "): remote 'store': upload "
          + oid + " failed: network error ("), err);
      assertTrue(err.contains(", after 10 attempts"), "how hard it tried: " + err);
      assertTrue(err.contains("manifest not pushed because some of its files failed"), "a .dir never goes first: " + err);
      assertTrue(err.contains("ERROR: 2 objects failed to push"), err);
      assertTrue(err.contains("hint: run the command again: only what is still missing is transferred"), err);
      assertEquals(10, net.faults().get(Fault.DROP), "ten attempts, each broken");

      net.rate(0);
      jdvc.ok("push");
      assertEquals("Cache and remote 'store' are in sync.\n", jdvc.ok("status", "-c").out());
    }
  }

  @Test
  void aListingThatBreaksOnEveryAttemptStopsTheCommandWithItsCauseAndTheNextStep() throws Exception {
    try (FaultProxy net = FaultProxy.start(S3.uri(), 0, 22);
        TempGitRepo repo = TempGitRepo.create(tmp.resolve("list"))) {
      CliRunner jdvc = repoThrough(net, repo, 40); // more objects than HEADs in one round: status -c lists
      jdvc.ok("push");
      net.only(Pattern.compile("^GET /[^ ]*\\?[^ ]*list-type=2"), Set.of(Fault.RESET), Integer.MAX_VALUE).rate(1);
      CliResult status = jdvc.run("status", "-c");
      assertEquals(1, status.exitCode(), status.out() + status.err());
      String err = status.err();
      assertTrue(err.matches("(?s).*ERROR: remote 'store' \\(s3://[^)]*\\): list [^ ]* failed: network error \\("
          + ".*, after 10 attempts\n.*"), err);
      assertTrue(err.contains("hint: the connection to " + net.uri() + " keeps breaking; check the network (or "
          + "proxy) and run the command again"), err);

      net.rate(0);
      assertEquals("Cache and remote 'store' are in sync.\n", jdvc.ok("status", "-c").out());
    }
  }
}
