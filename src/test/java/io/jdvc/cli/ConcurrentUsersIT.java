package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.object.Oid;
import io.jdvc.remote.Remote;
import io.jdvc.remote.local.LocalRemote;
import io.jdvc.remote.s3.S3Remote;
import io.jdvc.remote.s3.S3Settings;
import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.FaultProxy;
import io.jdvc.testing.FaultProxy.Fault;
import io.jdvc.testing.JdvcChild;
import io.jdvc.testing.ObjectStores;
import io.jdvc.testing.S3ProxyServer;
import io.jdvc.testing.TempGitRepo;
import io.jdvc.transfer.RemoteActivity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two users on one remote. Two pushes at once are safe: objects are named by their content and each appears
 * whole or not at all. {@code gc -c} while another clone pushes is not (it deletes what the other clone's new
 * commit needs, as DVC's gc warns), so gc refuses while a push runs and a push refuses while a gc deletes; a
 * remote index built before another clone's gc is not trusted.
 */
class ConcurrentUsersIT {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();
  @TempDir Path tmp;

  private static void writeData(Path dir, int files, int size, long seed) throws IOException {
    Files.createDirectories(dir);
    Random rnd = new Random(seed);
    byte[] b = new byte[size];
    for (int i = 0; i < files; i++) {
      rnd.nextBytes(b);
      Files.write(dir.resolve("f" + i), b);
    }
  }

  /** A clone with data/ added; {@code seed} 0 data is shared by all clones, the rest is its own. */
  private CliRunner cloneWithData(TempGitRepo repo, String remoteUrl, long seed) throws IOException {
    CliRunner jdvc = new CliRunner(repo.root());
    jdvc.ok("init");
    if (remoteUrl.startsWith("s3://")) {
      Files.writeString(repo.path(".dvc/config"), "[core]\n    remote = store\n['remote \"store\"']\n"
          + "    url = " + remoteUrl + "\n    endpointurl = " + S3.uri() + "\n");
      Files.writeString(repo.path(".dvc/config.local"), "['remote \"store\"']\n    access_key_id = "
          + S3ProxyServer.AK + "\n    secret_access_key = " + S3ProxyServer.SK + "\n");
    } else {
      jdvc.ok("remote", "add", "-d", "store", remoteUrl);
    }
    writeData(repo.path("data/shared"), 30, 200_000, 0);
    writeData(repo.path("data/own"), 30, 200_000, seed);
    jdvc.ok("add", "data");
    repo.commitAll("data " + seed);
    return jdvc;
  }

  @Test
  void twoPushesFromTwoClonesAtOnceBothComplete() throws Exception {
    String bucket = S3.createBucket();
    String url = "s3://" + bucket + "/shared";
    try (TempGitRepo a = TempGitRepo.create(tmp.resolve("a")); TempGitRepo b = TempGitRepo.create(tmp.resolve("b"))) {
      CliRunner ja = cloneWithData(a, url, 1);
      CliRunner jb = cloneWithData(b, url, 2);
      Process pa = JdvcChild.start(a.root(), tmp.resolve("a.log"), "push");
      Process pb = JdvcChild.start(b.root(), tmp.resolve("b.log"), "push");
      assertEquals(0, pa.waitFor(), Files.readString(tmp.resolve("a.log")));
      assertEquals(0, pb.waitFor(), Files.readString(tmp.resolve("b.log")));
      ObjectStores.Check remote = ObjectStores.check(S3.dataDir().resolve(bucket).resolve("shared"));
      assertEquals(List.of(), remote.corrupt());
      assertEquals(30 + 30 + 30 + 2, remote.checked(), "shared files once, each clone's own, two manifests");
      assertEquals("Cache and remote 'store' are in sync.\n", ja.ok("status", "-c").out());
      assertEquals("Cache and remote 'store' are in sync.\n", jb.ok("status", "-c").out());
      assertTrue(S3.raw().listObjectsV2(r -> r.bucket(bucket).prefix("shared/" + Remote.NOTES)).contents().isEmpty(),
          "both pushes took their notes away");
    }
  }

  @Test
  void gcOfTheRemoteRefusesWhileAnotherClonePushes() throws Exception {
    String bucket = S3.createBucket();
    String url = "s3://" + bucket + "/shared";
    S3Settings settings = S3Settings.fromConfig("store", S3.remoteSection(bucket, "shared", java.util.Map.of()));
    try (TempGitRepo b = TempGitRepo.create(tmp.resolve("b"))) {
      CliRunner jb = cloneWithData(b, url, 2);
      jb.ok("push");
      // another clone's push, caught running: announced on the remote by a live process (this one)
      try (S3Remote remote = new S3Remote("store", settings);
          RemoteActivity push = RemoteActivity.begin(remote, RemoteActivity.Kind.PUSH)) {
        CliResult gc = jb.run("gc", "-w", "-c", "-f");
        assertEquals(1, gc.exitCode(), gc.out() + gc.err());
        assertTrue(gc.err().contains("a push from") && gc.err().contains("is running"), gc.err());
        assertTrue(gc.err().contains("nothing was removed"), gc.err());
      }
      jb.ok("gc", "-w", "-c", "-f"); // the push is over: gc goes ahead
      assertTrue(S3.raw().listObjectsV2(r -> r.bucket(bucket).prefix("shared/" + Remote.NOTES + "gc-"))
          .contents().isEmpty(), "gc took its note away");
    }
  }

  /**
   * The real thing, not a planted note: clone a's push is caught uploading (the server answers its object uploads
   * with 500 until the test lets them through), and clone b's {@code gc -c}, which does not know a's commit,
   * refuses and removes nothing, neither a's new objects nor b's own garbage. Once a's push is through, a's
   * data is on the remote, intact.
   */
  @Test
  void gcOfTheRemoteFromAnotherCloneRefusesWhileARealPushUploads() throws Exception {
    String bucket = S3.createBucket();
    String url = "s3://" + bucket + "/shared";
    Path remoteDir = S3.dataDir().resolve(bucket).resolve("shared");
    try (TempGitRepo a = TempGitRepo.create(tmp.resolve("a")); TempGitRepo b = TempGitRepo.create(tmp.resolve("b"));
        FaultProxy net = FaultProxy.start(S3.uri(), 0, 5)) {
      CliRunner jb = cloneWithData(b, url, 2);
      jb.ok("push");
      writeData(b.path("data/own"), 5, 1000, 3); // a second version: b's first one becomes garbage for gc -w
      jb.ok("add", "data");
      b.commitAll("data 3");
      jb.ok("push");
      Set<Oid> beforeGc = ObjectStores.check(remoteDir).oids();

      cloneWithData(a, url, 1);
      Files.writeString(a.path(".dvc/config"), Files.readString(a.path(".dvc/config"))
          .replace(S3.uri().toString(), net.uri().toString()));
      // a's object uploads get 500 on every attempt for now; its note and listings go through
      net.only(Pattern.compile("^PUT /[^ ]*/files/md5/"), Set.of(Fault.SERVER_ERROR), Integer.MAX_VALUE).rate(1);
      Process push = JdvcChild.startAndWaitFor(a.root(), tmp.resolve("push.log"),
          () -> net.faults().get(Fault.SERVER_ERROR) > 0, "push", "-j", "2");
      try {
        assertTrue(push.isAlive(), "a's push is uploading: " + Files.readString(tmp.resolve("push.log")));
        CliResult gc = jb.run("gc", "-w", "-c", "-f");
        assertEquals(1, gc.exitCode(), gc.out() + gc.err());
        assertTrue(gc.err().contains("a push from") && gc.err().contains("is running"), gc.err());
        assertTrue(gc.err().contains("nothing was removed"), gc.err());
        assertEquals(beforeGc, ObjectStores.check(remoteDir).oids(), "gc removed nothing");
      } finally {
        net.rate(0);
      }
      if (push.waitFor() != 0) { // objects that ran out of attempts before the network healed
        jdvcIn(a).ok("push");
      }
      assertEquals("Cache and remote 'store' are in sync.\n", jdvcIn(a).ok("status", "-c").out());
      ObjectStores.Check remote = ObjectStores.check(remoteDir);
      assertEquals(List.of(), remote.corrupt());
      assertTrue(remote.oids().containsAll(beforeGc), "b's objects, garbage included, are all still there");
    }
  }

  private static CliRunner jdvcIn(TempGitRepo repo) {
    return new CliRunner(repo.root());
  }

  @Test
  void aPushRefusesWhileAGcDeletesFromTheRemote() throws Exception {
    Path store = Files.createDirectories(tmp.resolve("store"));
    try (TempGitRepo a = TempGitRepo.create(tmp.resolve("a"));
        LocalRemote remote = new LocalRemote("store", store);
        RemoteActivity gc = RemoteActivity.begin(remote, RemoteActivity.Kind.GC)) {
      CliRunner ja = cloneWithData(a, store.toString(), 1);
      CliResult push = ja.run("push");
      assertEquals(1, push.exitCode(), push.out() + push.err());
      assertTrue(push.err().contains("a 'jdvc gc -c' from"), push.err());
      assertEquals(0, ObjectStores.check(store).checked(), "nothing was uploaded");
    }
  }

  @Test
  void aRemoteIndexBuiltBeforeAnotherClonesGcIsNotTrusted() throws Exception {
    Path store = Files.createDirectories(tmp.resolve("store"));
    try (TempGitRepo a = TempGitRepo.create(tmp.resolve("a")); TempGitRepo b = TempGitRepo.create(tmp.resolve("b"))) {
      CliRunner ja = cloneWithData(a, store.toString(), 1);
      ja.ok("push"); // a's index now records data/ as complete on the remote
      CliRunner jb = cloneWithData(b, store.toString(), 2);
      jb.ok("push");
      // b does not know a's commit: its gc deletes a's own files (what DVC's gc warns about)
      jb.ok("gc", "-w", "-c", "-f");
      Set<Oid> left = ObjectStores.check(store).oids();
      assertEquals(30 + 30 + 1, left.size(), "b's gc removed a's own files and manifest; shared and b's stay");
      CliResult again = ja.ok("push");
      assertFalse(again.out().startsWith("Everything is up to date"), again.out());
      assertEquals("Cache and remote 'store' are in sync.\n", ja.ok("status", "-c").out(),
          "a's push did not trust its index and uploaded what b's gc removed");
    }
  }
}
