package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.DvcHttpServer;
import io.jdvc.testing.TempGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data registries: a real registry repository (data pushed to a local remote) and a real consumer repository;
 * get, import, update, and pull of imports in a fresh clone of the consumer.
 */
class RepoImportsIT {
  @TempDir Path tmp;
  TempGitRepo registry;
  TempGitRepo consumer;
  CliRunner reg;
  CliRunner jdvc;
  String v1;
  String v2;

  @BeforeEach
  void setUp() throws Exception {
    registry = TempGitRepo.create(tmp.resolve("registry"));
    reg = new CliRunner(registry.root());
    reg.ok("init");
    Files.createDirectories(tmp.resolve("regstore"));
    reg.ok("remote", "add", "-d", "store", tmp.resolve("regstore").toString());
    registry.write("README.md", "the registry\n");
    registry.write("data.xml", "<v1/>\n");
    registry.write("images/a.png", "aaa");
    registry.write("images/sub/b.png", "bbb");
    reg.ok("add", "data.xml", "images");
    reg.ok("push");
    v1 = registry.commitAll("v1");
    registry.tag("v1");
    registry.write("data.xml", "<v2/>\n");
    reg.ok("add", "data.xml");
    reg.ok("push");
    v2 = registry.commitAll("v2");
    consumer = TempGitRepo.create(tmp.resolve("consumer"));
    jdvc = new CliRunner(consumer.root());
    jdvc.ok("init");
    consumer.commitAll("init");
  }

  @AfterEach
  void tearDown() {
    registry.close();
    consumer.close();
  }

  /** A fresh clone of the consumer, as a colleague would make it: imports' pointers, no data. */
  private Path cloneConsumer() throws Exception {
    Path clone = tmp.resolve("consumer-clone");
    Git.cloneRepository().setURI(consumer.root().toUri().toString()).setDirectory(clone.toFile()).call().close();
    return clone;
  }

  private String url() {
    return registry.root().toString();
  }

  @Test
  void getCopiesAFileOrADirectoryAtARevisionAndTracksNothing() throws Exception {
    jdvc.ok("get", url(), "data.xml", "-o", "latest.xml");
    assertEquals("<v2/>\n", Files.readString(consumer.path("latest.xml")));
    jdvc.ok("get", url(), "data.xml", "--rev", "v1", "-o", "old.xml");
    assertEquals("<v1/>\n", Files.readString(consumer.path("old.xml")));
    jdvc.ok("get", url(), "images");
    assertEquals("bbb", Files.readString(consumer.path("images/sub/b.png")));
    jdvc.ok("get", url(), "images/sub/b.png", "-o", "b.png");
    assertEquals("bbb", Files.readString(consumer.path("b.png")));
    assertFalse(Files.exists(consumer.path("latest.xml.dvc")), "get tracks nothing");
    CliResult again = jdvc.run("get", url(), "data.xml", "-o", "latest.xml");
    assertEquals(1, again.exitCode());
    assertTrue(again.err().contains("already exists"), again.err());
    Path outside = Files.createDirectories(tmp.resolve("plain"));
    new CliRunner(outside).ok("get", url(), "data.xml");
    assertEquals("<v2/>\n", Files.readString(outside.resolve("data.xml")), "get works outside a DVC repository");
  }

  @Test
  void importWritesDvcsPointerAndUpdateMovesItWithoutCloningAgain() throws Exception {
    jdvc.ok("import", url(), "data.xml", "--rev", "v1");
    assertEquals("<v1/>\n", Files.readString(consumer.path("data.xml")));
    try (Stream<Path> dirs = Files.list(consumer.path(".dvc/tmp/jdvc/repos"))) {
      assertTrue(dirs.anyMatch(d -> Files.exists(d.resolve(".git/shallow"))), "a tag's tip comes with a shallow clone");
    }
    // the stage md5 is Python's json.dumps(..., sort_keys=True) of the dump, as dvc/stage/utils.py computes it
    String dump = "{\"deps\": [{\"path\": \"data.xml\", \"repo\": {\"rev\": \"v1\", \"rev_lock\": \"" + v1
        + "\", \"url\": \"" + url() + "\"}}], \"outs\": [{\"hash\": \"md5\", \"md5\": \""
        + HistoryFixture.md5("<v1/>\n") + "\", \"path\": \"data.xml\"}]}";
    assertEquals("md5: " + HistoryFixture.md5(dump) + "\nfrozen: true\ndeps:\n- path: data.xml\n  repo:\n    url: "
        + url() + "\n    rev: v1\n    rev_lock: " + v1 + "\nouts:\n- md5: " + HistoryFixture.md5("<v1/>\n")
        + "\n  size: 6\n  hash: md5\n  path: data.xml\n", Files.readString(consumer.path("data.xml.dvc")));
    assertTrue(Files.readString(consumer.path(".gitignore")).contains("/data.xml"));
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());

    Path clones = consumer.path(".dvc/tmp/jdvc/repos");
    Object cloneId;
    try (Stream<Path> dirs = Files.list(clones)) {
      cloneId = Files.getAttribute(dirs.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst()
          .orElseThrow().resolve(".git"), "unix:ino");
    }
    jdvc.ok("update", "--rev", "main", "data.xml.dvc");
    assertEquals("<v2/>\n", Files.readString(consumer.path("data.xml")));
    String pointer = Files.readString(consumer.path("data.xml.dvc"));
    assertTrue(pointer.contains("rev: main\n    rev_lock: " + v2), pointer);
    try (Stream<Path> dirs = Files.list(clones)) {
      assertEquals(cloneId, Files.getAttribute(dirs.filter(p -> !p.getFileName().toString().startsWith("."))
          .findFirst().orElseThrow().resolve(".git"), "unix:ino"), "the clone is kept and fetched, not re-made");
    }
    CliResult unchanged = jdvc.ok("update", "data.xml.dvc");
    assertTrue(unchanged.out().contains("(unchanged)"), unchanged.out());
  }

  /** The clone under .dvc/tmp is shallow (one commit of history); update fetches into it instead of cloning. */
  @Test
  void anImportOfTheDefaultBranchClonesShallowAndUpdateFetchesIntoThatClone() throws Exception {
    jdvc.ok("import", url(), "data.xml");
    Path clones = consumer.path(".dvc/tmp/jdvc/repos");
    List<Path> made;
    try (Stream<Path> dirs = Files.list(clones)) {
      made = dirs.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    }
    assertEquals(1, made.size(), made.toString());
    Path gitDir = made.get(0).resolve(".git");
    assertTrue(Files.readString(gitDir.resolve("shallow")).contains(v2), "a shallow clone, cut at v2");
    try (Git clone = Git.open(gitDir.toFile())) {
      List<String> history = new java.util.ArrayList<>();
      clone.log().add(clone.getRepository().resolve(v2)).call().forEach(c -> history.add(c.getId().name()));
      assertEquals(List.of(v2), history, "v1, the parent of the default branch's tip, was not fetched");
    }
    Object inode = Files.getAttribute(gitDir, "unix:ino");
    registry.write("data.xml", "<v3/>\n");
    reg.ok("add", "data.xml");
    reg.ok("push");
    registry.commitAll("v3");
    jdvc.ok("update", "data.xml.dvc");
    assertEquals("<v3/>\n", Files.readString(consumer.path("data.xml")));
    try (Stream<Path> dirs = Files.list(clones)) {
      assertEquals(made, dirs.filter(p -> !p.getFileName().toString().startsWith(".")).toList());
    }
    assertEquals(inode, Files.getAttribute(gitDir, "unix:ino"), "fetched into the kept clone, not cloned again");
    // v2 is no branch's or tag's tip any more: the clone fetches the history it lacks
    jdvc.ok("import", url(), "data.xml", "--rev", v2, "-o", "old.xml");
    assertEquals("<v2/>\n", Files.readString(consumer.path("old.xml")));
  }

  /**
   * {@code dvc import --no-download} records no hash for the output (DVC's test_pull_import_no_download has to
   * {@code dvc commit --force} after the pull to get one); pull brings the data from the source all the same.
   */
  @Test
  void aNoDownloadImportRecordsNoHashAndPullFetchesItFromTheSource() throws Exception {
    jdvc.ok("import", url(), "data.xml", "--no-download");
    jdvc.ok("import", url(), "images/sub", "-o", "sub", "--no-download");
    String dump = "{\"deps\": [{\"path\": \"data.xml\", \"repo\": {\"rev_lock\": \"" + v2 + "\", \"url\": \"" + url()
        + "\"}}], \"outs\": [{\"hash\": \"md5\", \"path\": \"data.xml\"}]}";
    String pointer = "md5: " + HistoryFixture.md5(dump) + "\nfrozen: true\ndeps:\n- path: data.xml\n  repo:\n"
        + "    url: " + url() + "\n    rev_lock: " + v2 + "\nouts:\n- hash: md5\n  path: data.xml\n";
    assertEquals(pointer, Files.readString(consumer.path("data.xml.dvc")));
    assertFalse(Files.exists(consumer.path("data.xml")));
    assertFalse(Files.exists(consumer.path(".dvc/cache/files")), "nothing is downloaded");
    consumer.commitAll("imports, not downloaded");
    CoreCommandsIT.deleteTree(registry.path(".dvc/cache")); // from the registry's remote, then

    Path clone = cloneConsumer();
    CliRunner cloned = new CliRunner(clone);
    CliResult pull = cloned.ok("pull");
    assertEquals("<v2/>\n", Files.readString(clone.resolve("data.xml")), pull.out() + pull.err());
    assertEquals("bbb", Files.readString(clone.resolve("sub/b.png")));
    assertEquals(pointer, Files.readString(clone.resolve("data.xml.dvc")), "pull leaves the .dvc file as it is");

    jdvc.ok("update", "data.xml.dvc");
    assertTrue(Files.readString(consumer.path("data.xml.dvc")).contains("- md5: " + HistoryFixture.md5("<v2/>\n")),
        "update records the hash");
    assertEquals("<v2/>\n", Files.readString(consumer.path("data.xml")));
  }

  /** DVC's status says 'update available' when the import's branch (or the source's default one) moved on. */
  @Test
  void statusSaysWhenTheSourceHasMovedOnAsDvcDoes() throws Exception {
    jdvc.ok("import", url(), "data.xml");
    jdvc.ok("import", url(), "data.xml", "--rev", "v1", "-o", "pinned.xml");
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());
    registry.write("data.xml", "<v3/>\n");
    reg.ok("add", "data.xml");
    registry.commitAll("v3");
    assertEquals("data.xml.dvc:\n\tchanged deps:\n\t\tupdate available:   data.xml (" + url() + ")\n",
        jdvc.ok("status").out(), "the tag v1 has not moved: pinned.xml has no update");
    assertEquals("{\n  \"data.xml.dvc\": [\n    {\n      \"changed deps\": {\n        \"data.xml (" + url()
        + ")\": \"update available\"\n      }\n    }\n  ]\n}", jdvc.ok("status", "--json").out().strip());
    assertEquals(1, jdvc.run("-q", "status").exitCode());
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status", "--no-updates").out());
    jdvc.ok("update", "data.xml.dvc");
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());

    consumer.write("far.xml.dvc", Files.readString(consumer.path("pinned.xml.dvc"))
        .replace(url(), "https://registry.example.invalid/data.git").replace("path: pinned.xml", "path: far.xml")
        .replace("    rev: v1\n", ""));
    Files.writeString(consumer.path("far.xml"), "<v1/>\n");
    CliResult unreachable = jdvc.ok("status");
    assertEquals("Data and pipelines are up to date.\n", unreachable.out());
    assertTrue(unreachable.err().contains("cannot check far.xml.dvc for updates"), unreachable.err());
  }

  @Test
  void aFreshCloneOfTheConsumerPullsImportsFromTheSourceRemote() throws Exception {
    Files.createDirectories(tmp.resolve("ownstore"));
    jdvc.ok("remote", "add", "-d", "own", tmp.resolve("ownstore").toString());
    jdvc.ok("import", url(), "images", "-o", "pics");
    jdvc.ok("import", url(), "images/sub/b.png", "-o", "b.png");
    jdvc.ok("import", url(), "README.md", "-o", "REGISTRY.md"); // Git tracks it there: imported all the same
    consumer.commitAll("imports");
    jdvc.ok("push");
    try (Stream<Path> pushed = Files.walk(tmp.resolve("ownstore"))) {
      assertEquals(0, pushed.filter(Files::isRegularFile).count(), "imports are never pushed");
    }
    // the registry's own cache is gone: the data must come from its default remote
    CoreCommandsIT.deleteTree(registry.path(".dvc/cache"));
    Path clone = cloneConsumer();
    CliRunner cloned = new CliRunner(clone);
    CliResult fetch = cloned.ok("fetch");
    assertFalse(fetch.err().contains("skipped"), fetch.err());
    assertTrue(Files.isRegularFile(clone.resolve(".dvc/cache/files/md5/" + HistoryFixture.md5("bbb").substring(0, 2)
        + "/" + HistoryFixture.md5("bbb").substring(2))), "fetch brings imports' data into the cache");
    assertFalse(Files.exists(clone.resolve("pics")), "and checks nothing out");
    assertEquals(0, cloned.run("audit").exitCode(), "the cache now holds every import's data");
    CliResult pull = cloned.ok("pull");
    assertEquals("bbb", Files.readString(clone.resolve("pics/sub/b.png")), pull.out() + pull.err());
    assertEquals("bbb", Files.readString(clone.resolve("b.png")));
    assertEquals("the registry\n", Files.readString(clone.resolve("REGISTRY.md")));
    assertFalse(pull.err().contains("skipped"), pull.err());
    CliResult audit = cloned.run("audit");
    assertEquals(0, audit.exitCode(), "imports are judged by the cache, not the project's remote: " + audit.out());
  }

  /**
   * A project that itself imports from the registry (as DVC's example project imports data.xml from its dataset
   * registry): its imports are on no remote of its own, so their data comes from the registry, as DVC follows it.
   */
  @Test
  void anImportOfAnImportComesFromTheRepositoryItWasImportedFrom() throws Exception {
    try (TempGitRepo middle = TempGitRepo.create(tmp.resolve("middle"))) {
      CliRunner mid = new CliRunner(middle.root());
      mid.ok("init");
      mid.ok("import", url(), "data.xml");
      mid.ok("import", url(), "images/sub", "-o", "sub");
      middle.commitAll("imports from the registry");
      CoreCommandsIT.deleteTree(middle.path(".dvc/cache"));
      CoreCommandsIT.deleteTree(registry.path(".dvc/cache")); // the registry's remote has it all

      jdvc.ok("import", middle.root().toString(), "data.xml", "-o", "twice.xml");
      assertEquals("<v2/>\n", Files.readString(consumer.path("twice.xml")));
      jdvc.ok("get", middle.root().toString(), "sub", "-o", "sub-copy");
      assertEquals("bbb", Files.readString(consumer.path("sub-copy/b.png")));
      assertEquals(List.of("b.png"), jdvc.ok("ls", middle.root().toString(), "sub").out().lines().toList());
      consumer.commitAll("import of an import");
      Path clone = cloneConsumer();
      new CliRunner(clone).ok("pull");
      assertEquals("<v2/>\n", Files.readString(clone.resolve("twice.xml")));
    }
  }

  /** The registry's default remote is DVC's http remote behind basic auth; its own cache is gone. */
  @Test
  void aRegistryWhoseRemoteIsAnHttpServerIsImportedFromItVerified() throws Exception {
    try (DvcHttpServer server = DvcHttpServer.serve(tmp).basicAuth("reg", "reg-pw")) {
      reg.ok("remote", "add", "-d", "web", server.url("regstore"));
      reg.ok("remote", "modify", "web", "auth", "basic");
      reg.ok("remote", "modify", "web", "user", "reg");
      reg.ok("remote", "modify", "--local", "web", "password", "reg-pw");
      registry.commitAll("the registry's data is served over HTTP");
      CoreCommandsIT.deleteTree(registry.path(".dvc/cache"));

      jdvc.ok("import", url(), "images", "-o", "pics");
      assertEquals("bbb", Files.readString(consumer.path("pics/sub/b.png")));
      assertTrue(server.requests.stream().anyMatch(r -> r.startsWith("GET /regstore/files/md5/")
          && r.contains("Basic ")), server.requests.toString());

      String key = "files/md5/" + HistoryFixture.md5("<v2/>\n").substring(0, 2) + "/"
          + HistoryFixture.md5("<v2/>\n").substring(2);
      server.replace("/regstore/" + key, "<evil/>\n".getBytes());
      CliResult evil = jdvc.run("import", url(), "data.xml");
      assertNotEquals(0, evil.exitCode());
      assertTrue(evil.err().contains(HistoryFixture.md5("<v2/>\n")), evil.err());
      assertFalse(Files.exists(consumer.path("data.xml")) || Files.exists(consumer.path("data.xml.dvc")),
          "nothing lands");
      assertFalse(Files.exists(consumer.path(".dvc/cache/" + key)), "the wrong bytes never enter the cache");
    }
  }

  @Test
  void badInputFailsClearlyAndWritesNothing() throws Exception {
    CliResult notTracked = jdvc.run("import", url(), "nope.csv");
    assertEquals(1, notTracked.exitCode());
    assertTrue(notTracked.err().contains("'nope.csv' is not tracked by DVC"), notTracked.err());
    CliResult badRev = jdvc.run("import", url(), "data.xml", "--rev", "no-such-tag");
    assertTrue(badRev.err().contains("unknown revision 'no-such-tag'"), badRev.err());
    try (TempGitRepo plain = TempGitRepo.create(tmp.resolve("plain-git"))) {
      plain.write("notes.txt", "just git\n");
      plain.commitAll("no dvc here");
      CliResult notDvc = jdvc.run("import", plain.root().toString(), "data.xml");
      assertTrue(notDvc.err().contains("is not a DVC repository"), notDvc.err());
      jdvc.ok("get", plain.root().toString(), "notes.txt");
      assertEquals("just git\n", Files.readString(consumer.path("notes.txt")), "get copies what Git tracks");
    }
    CliResult badUrl = jdvc.run("get", tmp.resolve("missing-repo").toString(), "data.xml");
    assertEquals(1, badUrl.exitCode());
    assertTrue(badUrl.err().contains("missing-repo"), badUrl.err());
    try (DvcHttpServer web = DvcHttpServer.serve(tmp.resolve("www"))) {
      CliResult noRepo = jdvc.run("import", web.url("nope.git"), "data.xml");
      assertEquals(1, noRepo.exitCode());
      assertTrue(noRepo.err().contains("cannot clone " + web.url("nope.git")) && noRepo.err().contains("not found"),
          "JGit's 'Invalid remote: origin' is not the message: " + noRepo.err());
    }
    CliResult noHost = jdvc.run("import", "https://registry.example.invalid/data.git", "data.xml");
    assertTrue(noHost.err().contains("host not found"), noHost.err());
    // the data is nowhere: neither in the registry's cache nor on its remote
    CoreCommandsIT.deleteTree(registry.path(".dvc/cache"));
    CoreCommandsIT.deleteTree(tmp.resolve("regstore/files"));
    CliResult gone = jdvc.run("import", url(), "data.xml");
    assertNotEquals(0, gone.exitCode());
    assertTrue(gone.err().contains("could not be fetched"), gone.err());
    assertFalse(Files.exists(consumer.path("data.xml.dvc")), "nothing is written");
    assertFalse(Files.exists(consumer.path("data.xml")));
  }

  /** A registry behind HTTP auth, its credentials in the URL: a 401 is named with the URL, never the password. */
  @Test
  void aRegistryThatRefusesTheCredentialsIsNamedWithoutThePassword() throws Exception {
    try (DvcHttpServer web = DvcHttpServer.serve(tmp.resolve("git-www")).basicAuth("alice", "right-pw")) {
      String withSecret = web.url("registry.git").replace("://", "://alice:t0ken-xyz@");
      for (String[] command : List.of(new String[] {"import", withSecret, "data.xml"},
          new String[] {"get", withSecret, "data.xml"}, new String[] {"ls", withSecret})) {
        CliResult denied = jdvc.run(command);
        assertEquals(1, denied.exitCode(), denied.err());
        String all = denied.out() + denied.err();
        assertTrue(all.contains("127.0.0.1:") && all.toLowerCase().contains("not authorized"), all);
        assertFalse(all.contains("t0ken-xyz"), all);
      }
      assertFalse(Files.exists(consumer.path("data.xml.dvc")));
    }
  }

  /** The registry's data is on a kind of remote jdvc does not speak: the failure says so, not "push it". */
  @Test
  void aRegistryWhoseRemoteJdvcCannotUseIsNamedAndNothingIsWritten() throws Exception {
    Files.writeString(registry.path(".dvc/config"), "[core]\n    remote = gcs\n['remote \"gcs\"']\n"
        + "    url = gs://registry-bucket/store\n");
    registry.commitAll("the registry's data moved to GCS");
    CoreCommandsIT.deleteTree(registry.path(".dvc/cache"));
    CliResult r = jdvc.run("import", url(), "data.xml");
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("remote 'gcs' (gs://, Google Cloud Storage)"), r.err());
    assertTrue(r.err().contains("its default remote 'gcs' cannot be used") && !r.err().contains("'jdvc push' there"),
        r.err());
    assertFalse(Files.exists(consumer.path("data.xml")) || Files.exists(consumer.path("data.xml.dvc")));
    CliResult ls = jdvc.ok("ls", url(), "--dvc-only", "-R"); // listing needs no data, only .dir manifests
    assertTrue(ls.out().contains("data.xml") && ls.out().contains("images"), ls.out());
    assertTrue(ls.err().contains("listed as a whole"), ls.err());
  }

  @Test
  void corruptBytesInTheSourceAreRefused() throws Exception {
    Path obj = registry.path(".dvc/cache/files/md5/" + HistoryFixture.md5("<v2/>\n").substring(0, 2) + "/"
        + HistoryFixture.md5("<v2/>\n").substring(2));
    obj.toFile().setWritable(true);
    Files.writeString(obj, "<evil/>");
    Path remoteObj = tmp.resolve("regstore").resolve(registry.root().relativize(obj).toString()
        .replace(".dvc/cache/", ""));
    remoteObj.toFile().setWritable(true);
    Files.writeString(remoteObj, "<evil/>");
    CliResult r = jdvc.run("import", url(), "data.xml");
    assertNotEquals(0, r.exitCode());
    assertFalse(Files.exists(consumer.path("data.xml")), r.err());
  }

  @Test
  void lsListsGitFilesAndOutputsOfAnotherRepository() throws Exception {
    CliResult top = jdvc.ok("ls", url());
    assertEquals(List.of(".dvc", ".dvcignore", ".gitignore", "README.md", "data.xml", "data.xml.dvc", "images",
        "images.dvc"),
        top.out().lines().toList());
    assertEquals(List.of("a.png", "sub/b.png"), jdvc.ok("ls", url(), "images", "-R").out().lines().toList());
    assertEquals(List.of("data.xml", "images/a.png", "images/sub/b.png"),
        jdvc.ok("ls", url(), "--dvc-only", "-R").out().lines().toList());
    String json = jdvc.ok("ls", url(), "--json", "--rev", "v1", "--dvc-only").out();
    assertTrue(json.contains("\"isout\": true") && json.contains(HistoryFixture.md5("<v1/>\n")), json);
    CliResult missing = jdvc.run("ls", url(), "nope");
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("'nope' does not exist"), missing.err());
    assertEquals(2, jdvc.run("ls", "-R").exitCode(), "-R without a URL is a usage error");
  }
}
