package io.jdvc.git;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import io.jdvc.testing.TempGitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Work tree operations: discovery, staging, committing, tracked and ignored paths, reading files. */
class GitRepoTest {
  @TempDir Path tmp;
  TempGitRepo fixture;
  GitRepo repo;

  @BeforeEach
  void setUp() {
    fixture = TempGitRepo.create(tmp.resolve("repo"));
    repo = fixture.open();
  }

  @AfterEach
  void tearDown() {
    repo.close();
    fixture.close();
  }

  @Test
  void discoverFindsWorkTreeFromNestedSubdirectory() throws Exception {
    Path nested = Files.createDirectories(fixture.path("a/b/c"));
    try (GitRepo found = GitRepo.discover(nested).orElseThrow()) {
      assertEquals(fixture.root(), found.workTree());
    }
    // A path that does not exist yet (an output about to be added) is found too.
    try (GitRepo found = GitRepo.discover(nested.resolve("not/yet/there.csv")).orElseThrow()) {
      assertEquals(fixture.root(), found.workTree());
    }
  }

  @Test
  void stagedLooseObjectsUseGitsLooseCompressionAndTheConfigFileIsUntouched() throws Exception {
    // zlib's header names the level class: 0x01 for level 1 (git's loose default), 0x9c for zlib's default 6
    byte[] record = new byte[64 * 1024];
    new java.util.Random(7).nextBytes(record);
    String configBefore = Files.readString(fixture.path(".git/config"));
    fixture.write("record.txt", java.util.HexFormat.of().formatHex(record));
    repo.stage(List.of(fixture.path("record.txt")));
    assertEquals(0x01, looseHeader(fixture.git().getRepository().readDirCache().getEntry("record.txt").getObjectId()));
    assertEquals(configBefore, Files.readString(fixture.path(".git/config")), "the setting is for the call only");
    // a level the user chose is kept, as git keeps it
    repo.close();
    fixture.git().getRepository().getConfig().setInt("core", null, "compression", 9);
    fixture.git().getRepository().getConfig().save();
    repo = fixture.open();
    fixture.write("record.txt", java.util.HexFormat.of().formatHex(record) + "\n");
    repo.stage(List.of(fixture.path("record.txt")));
    assertEquals(0xda, looseHeader(fixture.git().getRepository().readDirCache().getEntry("record.txt").getObjectId()));
  }

  private int looseHeader(org.eclipse.jgit.lib.ObjectId id) throws Exception {
    String hex = id.name();
    byte[] loose = Files.readAllBytes(fixture.path(".git/objects/" + hex.substring(0, 2) + "/" + hex.substring(2)));
    assertEquals(0x78, loose[0] & 0xff);
    return loose[1] & 0xff;
  }

  @Test
  void hexWordsShorterThanGitsAbbreviationAreNotRevisions() throws Exception {
    fixture.write("x.txt", "x");
    String id = fixture.commitAll("one");
    // as git: 'e2' (an experiment's name, say) never abbreviates whatever commit happens to start with it
    for (int n = 1; n <= 3; n++) {
      String prefix = id.substring(0, n);
      JdvcException e = assertThrows(JdvcException.class, () -> repo.resolve(prefix));
      assertTrue(e.getMessage().contains("unknown revision"), e.getMessage());
    }
    assertEquals(id, repo.resolve(id.substring(0, 4)));
    fixture.git().branchCreate().setName(id.substring(0, 2)).call();
    assertEquals(id, repo.resolve(id.substring(0, 2)), "a branch of that name is still found");
  }

  @Test
  void discoverFollowsGitFileOfLinkedWorktree() throws Exception {
    fixture.write("x.txt", "x");
    String id = fixture.commitAll("one");
    // What `git worktree add ../wt` creates: a .git file, a private gitdir with commondir and HEAD.
    Path gitDir = fixture.path(".git/worktrees/wt");
    Files.createDirectories(gitDir);
    Path wt = Files.createDirectories(tmp.resolve("wt"));
    Files.writeString(gitDir.resolve("commondir"), "../..\n");
    Files.writeString(gitDir.resolve("gitdir"), wt.resolve(".git") + "\n");
    Files.writeString(gitDir.resolve("HEAD"), id + "\n");
    Files.writeString(wt.resolve(".git"), "gitdir: " + gitDir + "\n");
    try (GitRepo linked = GitRepo.discover(wt.resolve("sub")).orElseThrow()) {
      assertEquals(wt.toRealPath(), linked.workTree());
      assertEquals(id, linked.resolve("HEAD"));
      assertArrayEquals(bytes("x"), linked.readFile("main", "x.txt").orElseThrow());
    }
  }

  @Test
  void discoverReturnsEmptyOutsideAnyRepository() throws Exception {
    Path lonely = Files.createDirectories(tmp.resolve("lonely/dir"));
    // Only meaningful if no repository encloses the temp dir itself.
    if (GitRepo.discover(tmp).isEmpty()) {
      assertEquals(Optional.empty(), GitRepo.discover(lonely));
    }
  }

  @Test
  void initCreatesRepositoryThatDiscoverFinds() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("fresh"));
    try (GitRepo created = GitRepo.init(dir)) {
      assertEquals(dir.toRealPath(), created.workTree());
      assertTrue(Files.isDirectory(dir.resolve(".git")));
    }
  }

  @Test
  void toRepoPathAcceptsAbsoluteAndRelativeAndRejectsOutside() {
    assertEquals("a/b.dvc", repo.toRepoPath(fixture.path("a/b.dvc")));
    assertEquals("a/b.dvc", repo.toRepoPath(Path.of("a", "b.dvc")));
    assertEquals("", repo.toRepoPath(fixture.root()));
    JdvcException e = assertThrows(JdvcException.class, () -> repo.toRepoPath(tmp.resolve("elsewhere")));
    assertTrue(e.getMessage().contains("outside the Git work tree"), e.getMessage());
    assertThrows(JdvcException.class, () -> repo.toRepoPath(Path.of("..", "x")));
  }

  @Test
  void stageAddsNewAndModifiedFilesAndRemovalsInOneCall() throws Exception {
    fixture.write("keep.txt", "1");
    fixture.write("gone.txt", "1");
    fixture.commitAll("base");
    fixture.write("keep.txt", "2");
    fixture.write("new/a.dvc", "a");
    fixture.delete("gone.txt");
    fixture.write("untouched.txt", "not staged");

    repo.stage(List.of(fixture.path("keep.txt"), Path.of("new"), Path.of("gone.txt"), Path.of("never-existed")));

    Status st = fixture.git().status().call();
    assertEquals(Set.of("keep.txt"), st.getChanged());
    assertEquals(Set.of("new/a.dvc"), st.getAdded());
    assertEquals(Set.of("gone.txt"), st.getRemoved());
    assertEquals(Set.of("untouched.txt"), st.getUntracked());
  }

  @Test
  void stageSkipsIgnoredUntrackedFilesButUpdatesTrackedOnes() throws Exception {
    fixture.write("was-tracked.csv", "1");
    fixture.commitAll("tracked before it was ignored");
    fixture.write(".gitignore", "*.csv\n");
    fixture.commitAll("ignore csv");
    fixture.write("was-tracked.csv", "2");
    fixture.write("data.csv", "big");

    repo.stage(List.of(Path.of("data.csv"), Path.of("was-tracked.csv")));

    Status st = fixture.git().status().call();
    assertEquals(Set.of("was-tracked.csv"), st.getChanged());
    assertFalse(repo.isTracked(Path.of("data.csv")));
  }

  @Test
  void stageHandlesHundredsOfPaths() {
    List<Path> paths = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      paths.add(fixture.write("d" + (i % 10) + "/f" + i + ".dvc", "v" + i));
    }
    repo.stage(paths);
    for (Path p : paths) {
      assertTrue(repo.isTracked(p), p.toString());
    }
  }

  @Test
  void commitOnlySelectedPathsLeavesOtherChangesUncommitted() throws Exception {
    fixture.write("a.dvc", "a1");
    fixture.write("b.txt", "b1");
    fixture.write("old.dvc", "o");
    fixture.commitAll("base");
    fixture.write("a.dvc", "a2");
    fixture.write("b.txt", "b2");
    fixture.write("staged.txt", "s");
    fixture.addAll(); // b.txt and staged.txt are staged too, but must not be committed
    fixture.write("fresh.dvc", "f");
    fixture.write(".gitignore", "/data\n");
    fixture.delete("old.dvc");

    String id =
        repo.commit(
            "jdvc: track data",
            List.of(Path.of("a.dvc"), Path.of("fresh.dvc"), Path.of(".gitignore"), Path.of("old.dvc")));

    assertEquals(40, id.length());
    assertEquals(id, fixture.head());
    assertArrayEquals(bytes("a2"), repo.readFile("HEAD", "a.dvc").orElseThrow());
    assertArrayEquals(bytes("f"), repo.readFile("HEAD", "fresh.dvc").orElseThrow());
    assertArrayEquals(bytes("/data\n"), repo.readFile("HEAD", ".gitignore").orElseThrow());
    assertEquals(Optional.empty(), repo.readFile("HEAD", "old.dvc"));
    assertArrayEquals(bytes("b1"), repo.readFile("HEAD", "b.txt").orElseThrow());
    assertEquals(Optional.empty(), repo.readFile("HEAD", "staged.txt"));

    Status st = fixture.git().status().call();
    assertEquals(Set.of("b.txt"), st.getChanged());
    assertEquals(Set.of("staged.txt"), st.getAdded());

    RevCommit c = fixture.git().log().setMaxCount(1).call().iterator().next();
    assertEquals("jdvc: track data", c.getFullMessage());
    assertEquals(TempGitRepo.NAME, c.getAuthorIdent().getName());
    assertEquals(TempGitRepo.EMAIL, c.getCommitterIdent().getEmailAddress());
  }

  @Test
  void commitWithNothingChangedFails() {
    fixture.write("a.dvc", "a");
    fixture.commitAll("base");
    JdvcException e = assertThrows(JdvcException.class, () -> repo.commit("again", List.of(Path.of("a.dvc"))));
    assertTrue(e.getMessage().startsWith("nothing to commit"), e.getMessage());
  }

  @Test
  void commitWithNoPathsCommitsTheIndex() {
    fixture.write("a.dvc", "a");
    fixture.addAll();
    fixture.write("b.dvc", "not staged");
    String id = repo.commit("first", List.of());
    assertEquals(id, repo.resolve("HEAD"));
    assertTrue(repo.readFile(id, "a.dvc").isPresent());
    assertFalse(repo.readFile(id, "b.dvc").isPresent());
  }

  @Test
  void isTrackedForFilesAndDirectories() {
    fixture.write("data/raw/x.csv", "x");
    fixture.write("data.dvc", "p");
    fixture.commitAll("base");
    fixture.write("untracked/y.csv", "y");

    assertTrue(repo.isTracked(Path.of("data/raw/x.csv")));
    assertTrue(repo.isTracked(Path.of("data")));
    assertTrue(repo.isTracked(fixture.path("data/raw")));
    assertTrue(repo.isTracked(Path.of("data.dvc")));
    assertFalse(repo.isTracked(Path.of("dat")), "a prefix of a tracked name is not tracked");
    assertFalse(repo.isTracked(Path.of("untracked")));
    assertFalse(repo.isTracked(Path.of("untracked/y.csv")));
    assertFalse(repo.isTracked(Path.of("missing")));
  }

  @Test
  void isTrackedIsFalseAfterRmCachedEvenThoughHeadStillHasIt() throws Exception {
    fixture.write("data/x.csv", "x");
    fixture.commitAll("base");
    assertTrue(repo.isTracked(Path.of("data")));
    fixture.git().rm().setCached(true).addFilepattern("data").call();
    assertFalse(repo.isTracked(Path.of("data")));
  }

  @Test
  void isIgnoredHonoursNestedGitignoreAndNegation() {
    fixture.write(".gitignore", "*.log\n/build/\ncache\n");
    fixture.write("sub/.gitignore", "!keep.log\n/local.csv\n");
    fixture.write("sub/deeper/.gitignore", "*.tmp\n");
    fixture.write("build/out.bin", "b");

    assertTrue(repo.isIgnored(Path.of("app.log")));
    assertTrue(repo.isIgnored(Path.of("sub/other.log")));
    assertFalse(repo.isIgnored(Path.of("sub/keep.log")), "negated in the nearer .gitignore");
    assertTrue(repo.isIgnored(Path.of("sub/local.csv")));
    assertFalse(repo.isIgnored(Path.of("local.csv")), "anchored to sub/");
    assertFalse(repo.isIgnored(Path.of("sub/deeper/local.csv")), "anchored to sub/, not sub/deeper/");
    assertTrue(repo.isIgnored(Path.of("sub/deeper/x.tmp")));
    assertFalse(repo.isIgnored(Path.of("x.tmp")));
    assertTrue(repo.isIgnored(Path.of("build")), "existing directory matches a dir-only pattern");
    assertTrue(repo.isIgnored(Path.of("build/out.bin")));
    assertTrue(repo.isIgnored(Path.of("a/cache/deep/file.csv")), "ignored parent directory");
    assertFalse(repo.isIgnored(Path.of("data.csv")), "paths that do not exist are judged too");
    assertFalse(repo.isIgnored(fixture.root()));
  }

  @Test
  void isIgnoredCannotReincludeBelowAnIgnoredDirectory() {
    fixture.write(".gitignore", "/data/\n!/data/keep.csv\n");
    fixture.write("data/keep.csv", "k");
    assertTrue(repo.isIgnored(Path.of("data/keep.csv")));
  }

  @Test
  void isIgnoredReadsInfoExclude() {
    fixture.write(".git/info/exclude", "secret.*\n");
    assertTrue(repo.isIgnored(Path.of("secret.txt")));
    assertTrue(repo.isIgnored(Path.of("dir/secret.dvc")));
    fixture.write(".gitignore", "!secret.dvc\n");
    assertFalse(repo.isIgnored(Path.of("secret.dvc")), ".gitignore takes precedence over info/exclude");
  }

  @Test
  void isIgnoredReadsCoreExcludesFile() throws Exception {
    Path excludes = tmp.resolve("global-ignore");
    Files.writeString(excludes, "*.bak\n");
    var config = fixture.git().getRepository().getConfig();
    config.setString("core", null, "excludesFile", excludes.toString());
    config.save();
    try (GitRepo reopened = fixture.open()) {
      assertTrue(reopened.isIgnored(Path.of("x/y.bak")));
      assertFalse(reopened.isIgnored(Path.of("x/y.dvc")));
    }
  }

  @Test
  void isIgnoredSeesEntriesWrittenByGitIgnoreFile() throws Exception {
    fixture.write("data/raw/x[1].csv", "x");
    assertFalse(repo.isIgnored(Path.of("data/raw/x[1].csv")));
    GitIgnoreFile.addEntry(fixture.path("data/raw/.gitignore"), "x[1].csv");
    assertTrue(repo.isIgnored(Path.of("data/raw/x[1].csv")));
    assertFalse(repo.isIgnored(Path.of("data/raw/x1.csv")), "brackets are escaped, not a character class");
  }

  @Test
  void readFileAtOlderCommitAndTag() {
    fixture.write("model.dvc", "v1");
    fixture.commitAll("one");
    fixture.tag("v1.0");
    fixture.write("model.dvc", "v2");
    fixture.commitAll("two");
    fixture.annotatedTag("v2.0", "release two");
    fixture.write("model.dvc", "v3");
    fixture.commitAll("three");

    assertArrayEquals(bytes("v3"), repo.readFile("HEAD", "model.dvc").orElseThrow());
    assertArrayEquals(bytes("v2"), repo.readFile("HEAD~1", "model.dvc").orElseThrow());
    assertArrayEquals(bytes("v1"), repo.readFile("v1.0", "model.dvc").orElseThrow());
    assertArrayEquals(bytes("v2"), repo.readFile("v2.0", "model.dvc").orElseThrow());
    assertArrayEquals(bytes("v1"), repo.readFile("main~2", "./model.dvc").orElseThrow());
    assertEquals(Optional.empty(), repo.readFile("HEAD", "nope.dvc"));
  }

  @Test
  void readFileOfDirectoryIsEmpty() {
    fixture.write("dir/a.dvc", "a");
    fixture.commitAll("one");
    assertEquals(Optional.empty(), repo.readFile("HEAD", "dir"));
    assertThrows(IllegalArgumentException.class, () -> repo.readFile("HEAD", "../x"));
  }

  @Test
  void unknownRevisionIsReportedByName() {
    fixture.write("a", "a");
    fixture.commitAll("one");
    for (String rev : List.of("no-such-branch", "HEAD~5", "0123456789abcdef0123456789abcdef01234567", "a..b^{")) {
      JdvcException e = assertThrows(JdvcException.class, () -> repo.resolve(rev));
      assertEquals("unknown revision '" + rev + "'", e.getMessage());
      assertTrue(e.hint() != null);
      assertThrows(JdvcException.class, () -> repo.readFile(rev, "a"));
    }
  }

  @Test
  void emptyRepositoryHasNoHead() {
    JdvcException e = assertThrows(JdvcException.class, () -> repo.head());
    assertTrue(e.getMessage().contains("no commits yet"), e.getMessage());
    assertEquals("unknown revision 'HEAD'", assertThrows(JdvcException.class, () -> repo.resolve("HEAD")).getMessage());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
