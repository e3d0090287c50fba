package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.S3ProxyServer;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** push / fetch / pull / status -c end to end against a real S3 server on 127.0.0.1 and a real Git clone. */
class RemoteTransfersIT {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();
  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  Path root;
  String bucket;

  @BeforeEach
  void setUp() throws IOException {
    repo = TempGitRepo.create(tmp.resolve("project"));
    root = repo.root();
    jdvc = new CliRunner(root);
    jdvc.ok("init");
    bucket = S3.createBucket();
    Files.writeString(root.resolve(".dvc/config"), "[core]\n    remote = store\n['remote \"store\"']\n"
        + "    url = s3://" + bucket + "/dvcstore\n    endpointurl = " + S3.uri() + "\n");
    writeCredentials(root);
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private static void writeCredentials(Path project) throws IOException {
    Files.writeString(project.resolve(".dvc/config.local"), "['remote \"store\"']\n    access_key_id = "
        + S3ProxyServer.AK + "\n    secret_access_key = " + S3ProxyServer.SK + "\n");
  }

  private void write(String rel, String content) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
  }

  private void addSampleData() throws Exception {
    write("a.txt", "hello\n");
    write("data/x.txt", "hello\n");
    write("data/sub/y.txt", "world\n");
    write("data/sub/z.txt", "zzz\n");
    jdvc.ok("add", "a.txt", "data");
    repo.git().add().addFilepattern(".").call();
    repo.git().commit().setMessage("data v1").call();
  }

  private Path cloneProject() throws Exception {
    Path clone = tmp.resolve("clone");
    Git.cloneRepository().setURI(root.toUri().toString()).setDirectory(clone.toFile()).call().close();
    writeCredentials(clone);
    return clone;
  }

  @Test
  void pushThenPullIntoAFreshCloneRestoresExactBytes() throws Exception {
    addSampleData();
    CliResult push = jdvc.ok("push");
    assertTrue(push.out().contains("4 files pushed"), push.out());
    assertTrue(S3.exists(bucket, "dvcstore/files/md5/b1/946ac92492d2347c6235b4d2611184"));
    Path clone = cloneProject();
    CliRunner cloned = new CliRunner(clone);
    CliResult pull = cloned.ok("pull");
    assertTrue(pull.out().contains("fetched"), pull.out());
    assertEquals("hello\n", Files.readString(clone.resolve("a.txt")));
    assertEquals("world\n", Files.readString(clone.resolve("data/sub/y.txt")));
    assertEquals("Data and pipelines are up to date.\n", cloned.ok("status").out());
  }

  @Test
  void pullWritesMissingWorkspaceFilesAsIndependentCopiesAndReportsThem() throws Exception {
    addSampleData();
    jdvc.ok("push");
    Path clone = cloneProject();
    CliRunner cloned = new CliRunner(clone);
    CliResult pull = cloned.ok("pull");
    assertTrue(pull.out().contains("A       a.txt\n") && pull.out().contains("A       data/\n"), pull.out());
    assertTrue(pull.out().contains("4 files added"), pull.out());
    try (var files = Files.walk(clone)) {
      assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(),
          "no temp file is left behind");
    }
    Path cached = clone.resolve(".dvc/cache/files/md5/b1/946ac92492d2347c6235b4d2611184");
    assertNotEquals(Files.getAttribute(cached, "unix:ino"), Files.getAttribute(clone.resolve("a.txt"), "unix:ino"),
        "the default cache.type makes a copy, not a link");
    Files.writeString(clone.resolve("a.txt"), "edited\n");
    assertEquals("hello\n", Files.readString(cached), "editing the workspace never touches the cache");
    assertTrue(cloned.ok("status").out().contains("modified:           a.txt"));
  }

  @Test
  void pullIntoAPartlyPresentDirectoryKeepsUserFilesSafe() throws Exception {
    addSampleData();
    jdvc.ok("push");
    Path clone = cloneProject();
    Files.createDirectories(clone.resolve("data/sub"));
    Files.writeString(clone.resolve("data/sub/y.txt"), "my own work\n");
    CliResult r = new CliRunner(clone).run("pull");
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("data/sub/y.txt"), r.err());
    assertEquals("my own work\n", Files.readString(clone.resolve("data/sub/y.txt")));
    assertEquals("hello\n", Files.readString(clone.resolve("a.txt")), "the absent file output is still pulled");
  }

  @Test
  void secondPushTransfersNothingAndStatusSaysInSync() throws Exception {
    assertTrue(jdvc.ok("status", "-c").out().startsWith("No tracked data to compare with a remote"),
        "a project with nothing tracked says so instead of printing nothing");
    addSampleData();
    CliResult before = jdvc.ok("status", "-c");
    assertTrue(before.out().contains("\tnew:                a.txt"), before.out());
    assertEquals(1, jdvc.run("-q", "status", "-c").exitCode());
    jdvc.ok("push");
    CliResult again = jdvc.ok("push");
    assertTrue(again.out().startsWith("0 files pushed"), again.out());
    assertEquals("Cache and remote 'store' are in sync.\n", jdvc.ok("status", "-c").out());
    assertEquals(0, jdvc.run("-q", "status", "-c").exitCode());
  }

  @Test
  void interruptedPushRedoesOnlyWhatIsMissing() throws Exception {
    addSampleData();
    jdvc.ok("push");
    // simulate a push that died after some files: remove two files and the manifest from the remote
    S3.raw().deleteObject(b -> b.bucket(bucket).key("dvcstore/files/md5/59/1785b794601e212b260e25925636fd"));
    String dirKey = "dvcstore/files/md5/" + manifestKey();
    S3.raw().deleteObject(b -> b.bucket(bucket).key(dirKey));
    CliResult r = jdvc.ok("push");
    assertTrue(r.out().startsWith("2 files pushed"), "one file and the manifest: " + r.out());
    assertTrue(S3.exists(bucket, dirKey));
  }

  private String manifestKey() throws IOException {
    String dvc = Files.readString(root.resolve("data.dvc"));
    String md5 = dvc.substring(dvc.indexOf("md5: ") + 5, dvc.indexOf(".dir"));
    return md5.substring(0, 2) + "/" + md5.substring(2) + ".dir";
  }

  @Test
  void partialPullFetchesOnlyTheNamedSubtree() throws Exception {
    addSampleData();
    jdvc.ok("push");
    Path clone = cloneProject();
    new CliRunner(clone).ok("pull", "data/sub");
    assertEquals("world\n", Files.readString(clone.resolve("data/sub/y.txt")));
    assertFalse(Files.exists(clone.resolve("data/x.txt")), "outside the target nothing is written");
    assertFalse(Files.exists(clone.resolve("a.txt")));
  }

  @Test
  void globMatchesTrackedPaths() throws Exception {
    addSampleData();
    jdvc.ok("push");
    Path clone = cloneProject();
    new CliRunner(clone).ok("pull", "--glob", "data/**/z.txt");
    assertEquals("zzz\n", Files.readString(clone.resolve("data/sub/z.txt")));
    assertFalse(Files.exists(clone.resolve("data/sub/y.txt")));
  }

  @Test
  void corruptObjectOnRemoteIsRejectedAndNeverReachesCacheOrWorkspace() throws Exception {
    addSampleData();
    jdvc.ok("push");
    S3.raw().putObject(b -> b.bucket(bucket).key("dvcstore/files/md5/b1/946ac92492d2347c6235b4d2611184"),
        RequestBody.fromString("tampered\n"));
    Path clone = cloneProject();
    CliResult r = new CliRunner(clone).run("pull", "a.txt");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("corrupt") && r.err().contains("a.txt.dvc"), r.err());
    assertTrue(r.err().contains("running again cannot help") && !r.err().contains("run the command again"),
        r.err());
    assertFalse(Files.exists(clone.resolve(".dvc/cache/files/md5/b1/946ac92492d2347c6235b4d2611184")));
    assertFalse(Files.exists(clone.resolve("a.txt")));

    // The repair the hint describes works.
    S3.raw().deleteObject(b -> b.bucket(bucket).key("dvcstore/files/md5/b1/946ac92492d2347c6235b4d2611184"));
    deleteTree(root.resolve(".dvc/tmp/jdvc/remote-index"));
    jdvc.ok("push");
    new CliRunner(clone).ok("pull", "a.txt");
    assertEquals("hello\n", Files.readString(clone.resolve("a.txt")));
  }

  @Test
  void objectMissingOnRemoteIsNamedWithItsPointerFile() throws Exception {
    addSampleData();
    Path clone = cloneProject();
    CliResult r = new CliRunner(clone).run("pull", "a.txt");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("'a.txt' (a.txt.dvc") && r.err().contains("missing on remote 'store'"), r.err());
    CliResult allowed = new CliRunner(clone).run("pull", "a.txt", "--allow-missing");
    assertEquals(0, allowed.exitCode(), allowed.err());
    assertTrue(allowed.err().contains("WARNING"), allowed.err());
  }

  @Test
  void largeFileGoesUpInMultipartAndDownInParallelRangesAndRoundTrips() throws Exception {
    String dvcConfig = Files.readString(root.resolve(".dvc/config"));
    jdvc.ok("remote", "modify", "store", "jdvc_part_size", "5MB");
    assertEquals(dvcConfig, Files.readString(root.resolve(".dvc/config")), "DVC's schema rejects unknown keys");
    assertEquals("['remote \"store\"']\n    jdvc_part_size = 5MB\n",
        Files.readString(root.resolve(".dvc/jdvc.config")));
    byte[] big = new byte[66 * 1024 * 1024 + 123]; // above the 64 MiB threshold for ranged downloads
    new Random(7).nextBytes(big);
    Files.write(root.resolve("big.bin"), big);
    jdvc.ok("add", "big.bin");
    jdvc.ok("push");
    Files.delete(root.resolve("big.bin"));
    deleteTree(root.resolve(".dvc/cache"));
    CliResult pull = jdvc.ok("pull");
    assertTrue(pull.out().contains("A       big.bin\n"), pull.out());
    assertArrayEquals(big, Files.readAllBytes(root.resolve("big.bin")));
    assertTrue(Files.isWritable(root.resolve("big.bin")));
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());
  }

  @Test
  void badCredentialsFailWithAClearMessageAndNoSecret() throws Exception {
    addSampleData();
    Files.writeString(root.resolve(".dvc/config.local"), "['remote \"store\"']\n    access_key_id = "
        + S3ProxyServer.AK + "\n    secret_access_key = wrong-secret-value\n");
    CliResult r = jdvc.run("push");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().toLowerCase().contains("credentials"), r.err());
    assertFalse((r.out() + r.err()).contains("wrong-secret-value"));
  }

  @Test
  void unreachableEndpointFailsFastWithOneLine() throws Exception {
    addSampleData();
    Files.writeString(root.resolve(".dvc/config"), "[core]\n    remote = store\n['remote \"store\"']\n"
        + "    url = s3://" + bucket + "/dvcstore\n    endpointurl = http://127.0.0.1:1\n");
    long t0 = System.nanoTime();
    CliResult r = jdvc.run("push");
    assertEquals(1, r.exitCode());
    assertTrue((System.nanoTime() - t0) / 1e9 < 20, "no hang");
    assertTrue(r.err().startsWith("ERROR: "), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void missingOrUnknownRemoteIsExplained() throws Exception {
    addSampleData();
    CliResult unknown = jdvc.run("push", "-r", "nope");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("unknown remote 'nope'") && unknown.err().contains("store"), unknown.err());
    Files.writeString(root.resolve(".dvc/config"), "");
    CliResult none = jdvc.run("push");
    assertEquals(1, none.exitCode());
    assertTrue(none.err().contains("no remote is configured") && none.err().contains("remote add"), none.err());
  }

  @Test
  void allBranchesPushesDataOfOtherBranches() throws Exception {
    addSampleData();
    repo.git().branchCreate().setName("experiment").call();
    repo.git().checkout().setName("experiment").call();
    write("a.txt", "experiment data\n");
    jdvc.ok("add", "a.txt");
    repo.git().add().addFilepattern(".").call();
    repo.git().commit().setMessage("experiment").call();
    repo.git().checkout().setName("main").call();
    jdvc.ok("checkout", "-f");
    jdvc.ok("push", "-a");
    String expOid = io.jdvc.hash.Md5.hex("experiment data\n".getBytes(StandardCharsets.UTF_8));
    assertTrue(S3.exists(bucket, "dvcstore/files/md5/" + expOid.substring(0, 2) + "/" + expOid.substring(2)));
  }

  @Test
  void pullOfAllCommitsWritesTheWorkspaceRevisionsBytes() throws Exception {
    write("data/x.txt", "x on main\n");
    write("data/sub/y.txt", "y on main\n");
    jdvc.ok("add", "data");
    repo.git().add().addFilepattern(".").call();
    repo.git().commit().setMessage("main").call();
    repo.git().branchCreate().setName("experiment").call();
    repo.git().checkout().setName("experiment").call();
    write("data/sub/y.txt", "y on experiment\n");
    jdvc.ok("add", "data");
    repo.git().add().addFilepattern(".").call();
    repo.git().commit().setMessage("experiment").call();
    jdvc.ok("push", "-a");
    repo.git().checkout().setName("main").call();
    Path clone = cloneProject(); // on main: the other branch's y.txt has the same path, other bytes
    // main's y.txt is already cached, so for that path only the other branch's object is downloaded
    String yOid = io.jdvc.hash.Md5.hex("y on main\n".getBytes(StandardCharsets.UTF_8));
    Path cached = clone.resolve(".dvc/cache/files/md5/" + yOid.substring(0, 2) + "/" + yOid.substring(2));
    Files.createDirectories(cached.getParent());
    Files.writeString(cached, "y on main\n");
    CliRunner cloned = new CliRunner(clone);
    cloned.ok("pull", "--all-commits"); // a clone has the other branch only as a remote ref, so not -a
    assertEquals("x on main\n", Files.readString(clone.resolve("data/x.txt")));
    assertEquals("y on main\n", Files.readString(clone.resolve("data/sub/y.txt")));
    assertEquals("Data and pipelines are up to date.\n", cloned.ok("status").out());
  }

  @Test
  void localDirectoryRemoteWorksTheSame() throws Exception {
    addSampleData();
    Path store = Files.createDirectories(tmp.resolve("store"));
    Files.writeString(root.resolve(".dvc/config"), "[core]\n    remote = local\n['remote \"local\"']\n"
        + "    url = " + store + "\n");
    jdvc.ok("push");
    assertTrue(Files.exists(store.resolve("files/md5/b1/946ac92492d2347c6235b4d2611184")));
    Files.delete(root.resolve("a.txt"));
    deleteTree(root.resolve(".dvc/cache"));
    jdvc.ok("pull");
    assertEquals("hello\n", Files.readString(root.resolve("a.txt")));
  }

  static void deleteTree(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        Files.delete(p);
      }
    }
  }
}
