package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: jdvc commands run in-process in a real Git repository, checked on disk and in the Git index. */
class CoreCommandsIT {
  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  Path root;

  @BeforeEach
  void setUp() {
    repo = TempGitRepo.create(tmp.resolve("project"));
    root = repo.root();
    jdvc = new CliRunner(root);
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private Set<String> index() throws IOException {
    DirCache dc = repo.git().getRepository().readDirCache();
    Set<String> paths = new HashSet<>();
    for (int i = 0; i < dc.getEntryCount(); i++) {
      paths.add(dc.getEntry(i).getPathString());
    }
    return paths;
  }

  private String read(String rel) throws IOException {
    return Files.readString(root.resolve(rel), StandardCharsets.UTF_8);
  }

  private void write(String rel, String content) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
  }

  @Test
  void initWritesDvcFilesWithDvcBytesAndStagesThem() throws IOException {
    jdvc.ok("init");
    assertEquals("", read(".dvc/config"));
    assertEquals("/config.local\n/tmp\n/cache\n", read(".dvc/.gitignore"));
    assertTrue(read(".dvcignore").startsWith("# Add patterns of files dvc should ignore"));
    assertTrue(index().containsAll(Set.of(".dvc/config", ".dvc/.gitignore", ".dvcignore")));
  }

  @Test
  void initFromASubdirectoryActsOnTheTopOfTheWorkTree() throws IOException {
    Path sub = Files.createDirectories(root.resolve("src/deep"));
    new CliRunner(sub).ok("init");
    assertTrue(Files.isDirectory(root.resolve(".dvc")));
    assertFalse(Files.exists(sub.resolve(".dvc")));
  }

  @Test
  void initRefusesOutsideGitAndTwice() throws IOException {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    CliResult r = new CliRunner(plain).run("init");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("is not a Git repository"), r.err());
    assertTrue(r.err().contains("--no-scm"), r.err());
    new CliRunner(plain).ok("init", "--no-scm");
    assertEquals("[core]\n    no_scm = True\n", Files.readString(plain.resolve(".dvc/config")));

    jdvc.ok("init");
    CliResult again = jdvc.run("init");
    assertEquals(1, again.exitCode());
    assertTrue(again.err().contains("'.dvc' exists"), again.err());
    jdvc.ok("init", "-f");
  }

  @Test
  void reAddingAfterAnInterruptedAddStagesThePointerItWroteBefore() throws Exception {
    jdvc.ok("init");
    repo.commitAll("init");
    write("a.txt", "hello\n");
    write("b.txt", "world\n");
    jdvc.ok("add", "a.txt", "b.txt");
    // as if the add had been killed (or hit a full disk) after writing the pointers, before staging them
    repo.git().rm().setCached(true).addFilepattern("a.txt.dvc").addFilepattern("b.txt.dvc").call();
    repo.git().reset().addPath(".gitignore").call();
    assertFalse(index().contains("a.txt.dvc"));

    CliResult again = jdvc.ok("add", "a.txt");
    assertTrue(again.out().contains("Unchanged a.txt"), again.out());
    assertTrue(index().contains("a.txt.dvc"), "the unchanged pointer is staged now");
    var status = repo.git().status().call();
    assertTrue(index().contains(".gitignore") && status.getModified().isEmpty() && status.getUntracked().stream()
        .noneMatch(p -> p.endsWith(".gitignore") || p.equals("a.txt.dvc")), "the ignore entry is staged too");

    jdvc.ok("commit", "b.txt");
    assertTrue(index().contains("b.txt.dvc"), "commit stages an unchanged pointer the index lacks");
  }

  @Test
  void readOnlyCommandsWorkWhereTheStateCacheCannotBeWritten() throws IOException {
    jdvc.ok("init");
    write("a.txt", "hello\n");
    jdvc.ok("add", "a.txt");
    repo.commitAll("data");
    // as in a fresh clone on a read-only mount: .dvc/tmp cannot be created (root ignores file modes, so a file
    // where the directory belongs stands in for the read-only file system)
    deleteTree(root.resolve(".dvc/tmp"));
    Files.writeString(root.resolve(".dvc/tmp"), "not a directory");
    write("a.txt", "changed\n");
    CliResult status = jdvc.run("status");
    assertEquals(0, status.exitCode(), status.err());
    assertTrue(status.out().contains("modified:           a.txt"), status.out());
    assertEquals(0, jdvc.run("ls").exitCode());
    assertEquals(0, jdvc.run("diff").exitCode());
  }

  @Test
  void addOfADirectoryWithAnUnportableNameSaysWhichFileAndWritesNothing() throws IOException {
    jdvc.ok("init");
    write("d/ok.txt", "fine\n");
    write("d/sub/a\\b", "windows would split this name\n");
    CliResult r = jdvc.run("add", "d");
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("cannot track 'd/sub/a\\b': its name contains a backslash"), r.err());
    assertTrue(r.err().contains("rename it"), r.err());
    assertFalse(Files.exists(root.resolve("d.dvc")));
    assertFalse(Files.exists(root.resolve(".dvc/cache/files")), "nothing was cached");
  }

  @Test
  void addFileWritesDvcPointerCacheObjectAndGitignore() throws IOException {
    jdvc.ok("init");
    write("a.txt", "hello\n");
    jdvc.ok("add", "a.txt");
    assertEquals("outs:\n- md5: b1946ac92492d2347c6235b4d2611184\n  size: 6\n  hash: md5\n  path: a.txt\n",
        read("a.txt.dvc"));
    Path obj = root.resolve(".dvc/cache/files/md5/b1/946ac92492d2347c6235b4d2611184");
    assertEquals("hello\n", Files.readString(obj));
    assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(obj)));
    assertEquals("/a.txt\n", read(".gitignore"));
    Set<String> idx = index();
    assertTrue(idx.contains("a.txt.dvc") && idx.contains(".gitignore"), idx.toString());
    assertFalse(idx.contains("a.txt"));
    assertEquals("hello\n", read("a.txt"), "the workspace file is kept");
    assertTrue(read(".dvc/objects.sha256").contains("b1946ac92492d2347c6235b4d2611184 "
        + "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03\n"), "SHA-256 recorded at add");
    assertTrue(idx.contains(".dvc/objects.sha256") && idx.contains(".dvc/.gitattributes"), idx.toString());
    // a second add merges its line into the sorted record (streamed), keeping the first
    write("0.txt", "zero\n");
    jdvc.ok("add", "0.txt");
    String record = read(".dvc/objects.sha256");
    List<String> lines = record.lines().filter(l -> !l.startsWith("#")).toList();
    assertEquals(2, lines.size(), record);
    assertTrue(lines.get(1).startsWith("b1946ac92492d2347c6235b4d2611184 "), record);
    assertTrue(lines.get(0).compareTo(lines.get(1)) < 0, "sorted: " + record);
  }

  @Test
  void addDirectoryMatchesDvcWorkedExample() throws IOException {
    jdvc.ok("init");
    write("data/a.txt", "hello\n");
    write("data/sub/b.txt", "world\n");
    jdvc.ok("add", "data");
    assertEquals("outs:\n- md5: 5369cb520f35f5d77e793cf181884a27.dir\n  size: 12\n  nfiles: 2\n  hash: md5\n"
        + "  path: data\n", read("data.dvc"));
    String manifest = Files.readString(root.resolve(".dvc/cache/files/md5/53/69cb520f35f5d77e793cf181884a27.dir"));
    assertEquals("[{\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"relpath\": \"a.txt\"}, {\"md5\": "
        + "\"591785b794601e212b260e25925636fd\", \"relpath\": \"sub/b.txt\"}]", manifest);
    assertTrue(Files.exists(root.resolve(".dvc/cache/files/md5/59/1785b794601e212b260e25925636fd")));
  }

  @Test
  void addWithMessageCommitsExactlyThePointerFiles() throws Exception {
    jdvc.ok("init");
    write("a.txt", "hello\n");
    write("notes.md", "unrelated, staged by hand\n");
    repo.git().add().addFilepattern("notes.md").call();
    CliResult r = jdvc.ok("add", "a.txt", "-m", "track a");
    assertTrue(r.out().contains("Committed"), r.out());
    var head = repo.git().log().setMaxCount(1).call().iterator().next();
    assertEquals("track a", head.getFullMessage());
    assertTrue(repo.git().status().call().getAdded().contains("notes.md"), "notes.md stays staged, uncommitted");
  }

  @Test
  void addWithMessageAlsoCommitsATargetAddedEarlierWithoutOne() throws Exception {
    jdvc.ok("init");
    repo.git().commit().setMessage("init").call();
    write("data/x.txt", "x\n");
    write("labels.csv", "a,b\n");
    jdvc.ok("add", "data");
    jdvc.ok("add", "data", "labels.csv", "-m", "data v1");
    var status = repo.git().status().call();
    assertTrue(status.getAdded().isEmpty() && status.getChanged().isEmpty(), "left staged: " + status.getAdded());
    var head = repo.git().log().setMaxCount(1).call().iterator().next();
    var tree = new org.eclipse.jgit.treewalk.TreeWalk(repo.git().getRepository());
    tree.addTree(head.getTree());
    tree.setRecursive(true);
    Set<String> committed = new HashSet<>();
    while (tree.next()) {
      committed.add(tree.getPathString());
    }
    assertTrue(committed.containsAll(Set.of("data.dvc", "labels.csv.dvc", ".gitignore")), committed.toString());
  }

  @Test
  void commitReportsWhatItCachedAfterAddNoCommit() throws Exception {
    jdvc.ok("init");
    write("nc.txt", "not yet cached\n");
    jdvc.ok("add", "--no-commit", "nc.txt");
    CliResult r = jdvc.ok("commit");
    assertTrue(r.out().contains("Committed nc.txt"), r.out());
    assertFalse(r.out().contains("Nothing to commit"), r.out());
    assertTrue(jdvc.ok("commit").out().contains("Nothing to commit"));
  }

  @Test
  void addRefusesBadTargetsWithClearMessages() throws Exception {
    jdvc.ok("init");
    write("tracked.txt", "in git\n");
    repo.git().add().addFilepattern("tracked.txt").call();
    write("data/x.txt", "x\n");
    jdvc.ok("add", "data");

    assertRefused(jdvc.run("add", "../outside.txt"), "outside the repository");
    assertRefused(jdvc.run("add", ".dvc/config"), "inside .dvc/");
    assertRefused(jdvc.run("add", "tracked.txt"), "already tracked by Git");
    assertRefused(jdvc.run("add", "data/x.txt"), "overlaps 'data'");
    assertRefused(jdvc.run("add", "missing.txt"), "does not exist");
    CliResult usage = jdvc.run("add");
    assertEquals(2, usage.exitCode());
  }

  private static void assertRefused(CliResult r, String expected) {
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace without -v: " + r.err());
  }

  @Test
  void aTempFileLeftByAKilledCheckoutIsNotData() throws IOException {
    jdvc.ok("init");
    write("data/a.txt", "hello\n");
    write("data/sub/.b.txt.jdvc-4242-7.tmp", "half a file");
    jdvc.ok("add", "data");
    assertTrue(read("data.dvc").contains("nfiles: 1"), read("data.dvc"));
  }

  @Test
  void reAddingUnchangedDataRewritesNothing() throws IOException {
    jdvc.ok("init");
    write("data/a.txt", "hello\n");
    jdvc.ok("add", "data");
    Path pointer = root.resolve("data.dvc");
    var before = Files.getLastModifiedTime(pointer);
    CliResult r = jdvc.ok("add", "data");
    assertTrue(r.out().contains("Unchanged data"), r.out());
    assertEquals(before, Files.getLastModifiedTime(pointer));

    write("data/a.txt", "changed\n");
    jdvc.ok("add", "data");
    assertNotEquals("5369cb520f35f5d77e793cf181884a27.dir", read("data.dvc"));
    assertTrue(read("data.dvc").contains("size: 8"), read("data.dvc"));
  }

  @Test
  void statusReportsModifiedDeletedAndFilesInsideDirectories() throws IOException {
    jdvc.ok("init");
    write("a.txt", "hello\n");
    write("data/a.txt", "hello\n");
    write("data/sub/b.txt", "world\n");
    jdvc.ok("add", "a.txt", "data");
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());
    assertEquals(0, jdvc.run("-q", "status").exitCode());

    write("data/new.txt", "new\n");
    write("data/a.txt", "HELLO\n");
    Files.delete(root.resolve("data/sub/b.txt"));
    Files.delete(root.resolve("a.txt"));
    CliResult r = jdvc.ok("status");
    assertTrue(r.out().contains("a.txt.dvc:\n\tchanged outs:\n\t\tdeleted:            a.txt"), r.out());
    assertTrue(r.out().contains("\t\tmodified:           data"), r.out());
    assertTrue(r.out().contains("added:      data/new.txt") || r.out().contains("added:      new.txt"), r.out());
    assertTrue(r.out().contains("sub/b.txt"), r.out());
    assertEquals(1, jdvc.run("status", "-q").exitCode(), "-q exits 1 when something changed");
    String json = jdvc.ok("status", "--json").out();
    assertTrue(json.contains("\"a.txt.dvc\"") && json.contains("\"a.txt\": \"deleted\""), json);
    assertTrue(json.contains("\"new.txt\": \"added\""), json);
  }

  @Test
  void checkoutRestoresDeletedDataAndRemovesExtraCachedFiles() throws IOException {
    jdvc.ok("init");
    write("data/a.txt", "hello\n");
    write("data/sub/b.txt", "world\n");
    jdvc.ok("add", "data");
    Files.delete(root.resolve("data/sub/b.txt"));
    write("data/a.txt", "edited\n");
    jdvc.ok("commit");
    // go back to the first version of the pointer
    write("data.dvc", "outs:\n- md5: 5369cb520f35f5d77e793cf181884a27.dir\n  size: 12\n  nfiles: 2\n  hash: md5\n"
        + "  path: data\n");
    CliResult r = jdvc.ok("checkout");
    assertTrue(r.out().contains("data/"), r.out());
    assertEquals("hello\n", read("data/a.txt"));
    assertEquals("world\n", read("data/sub/b.txt"));
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());
  }

  @Test
  void checkoutRefusesToOverwriteUncachedDataWithoutForce() throws IOException {
    jdvc.ok("init");
    write("a.txt", "hello\n");
    jdvc.ok("add", "a.txt");
    write("a.txt", "precious unsaved work\n");
    CliResult r = jdvc.run("checkout");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("not in the cache") && r.err().contains("--force"), r.err());
    assertEquals("precious unsaved work\n", read("a.txt"), "nothing was overwritten");
    jdvc.ok("checkout", "-f");
    assertEquals("hello\n", read("a.txt"));
  }

  @Test
  void checkoutNamesObjectsMissingFromTheCache() throws IOException {
    jdvc.ok("init");
    write("a.txt", "hello\n");
    jdvc.ok("add", "a.txt");
    Path obj = root.resolve(".dvc/cache/files/md5/b1/946ac92492d2347c6235b4d2611184");
    Files.setPosixFilePermissions(obj, PosixFilePermissions.fromString("rw-r--r--"));
    Files.delete(obj);
    Files.delete(root.resolve("a.txt"));
    CliResult r = jdvc.run("checkout");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("a.txt (a.txt.dvc, 1 missing object)") && r.err().contains("jdvc pull"), r.err());
  }

  @Test
  void commitRecordsModifiedData() throws IOException {
    jdvc.ok("init");
    write("a.txt", "hello\n");
    jdvc.ok("add", "a.txt");
    write("a.txt", "world\n");
    jdvc.ok("commit", "a.txt.dvc");
    assertTrue(read("a.txt.dvc").contains("md5: 591785b794601e212b260e25925636fd"), read("a.txt.dvc"));
    assertTrue(Files.exists(root.resolve(".dvc/cache/files/md5/59/1785b794601e212b260e25925636fd")));
    assertTrue(jdvc.ok("status").out().contains("up to date"));
  }

  @Test
  void removeStopsTrackingButKeepsData() throws IOException {
    jdvc.ok("init");
    write("a.txt", "hello\n");
    write("b.txt", "world\n");
    jdvc.ok("add", "a.txt", "b.txt");
    jdvc.ok("remove", "a.txt.dvc");
    assertFalse(Files.exists(root.resolve("a.txt.dvc")));
    assertEquals("hello\n", read("a.txt"));
    assertEquals("/b.txt\n", read(".gitignore"));
    assertFalse(index().contains("a.txt.dvc"));
  }

  @Test
  void moveRenamesOutputPointerAndIgnoreEntry() throws IOException {
    jdvc.ok("init");
    write("data/a.txt", "hello\n");
    jdvc.ok("add", "data");
    Files.createDirectories(root.resolve("archive"));
    jdvc.ok("move", "data", "archive/data2");
    assertEquals("hello\n", read("archive/data2/a.txt"));
    assertTrue(read("archive/data2.dvc").contains("path: data2"), read("archive/data2.dvc"));
    assertFalse(Files.exists(root.resolve("data.dvc")));
    assertEquals("/data2\n", read("archive/.gitignore"));
    assertTrue(index().contains("archive/data2.dvc"));
    assertTrue(jdvc.ok("status").out().contains("up to date"));
  }

  @Test
  void pointerFilesAreFoundInLeafAndNestedDirectories() throws IOException {
    jdvc.ok("init");
    write("leaf/a.bin", "a\n");
    write("deep/er/est/b.bin", "b\n");
    write("deep/c.bin", "c\n");
    jdvc.ok("add", "leaf/a.bin", "deep/er/est/b.bin");
    String ls = jdvc.ok("ls").out();
    assertTrue(ls.contains("leaf/a.bin") && ls.contains("deep/er/est/b.bin"), ls);
    Files.delete(root.resolve("deep/er/est/b.bin"));
    assertTrue(jdvc.ok("status").out().contains("deleted:            deep/er/est/b.bin"));
  }

  @Test
  void lsListsOutputsAsJson() throws IOException {
    jdvc.ok("init");
    write("data/a.txt", "hello\n");
    write("data/sub/b.txt", "world\n");
    jdvc.ok("add", "data");
    String json = jdvc.ok("ls", "--json").out();
    assertTrue(json.contains("\"md5\": \"5369cb520f35f5d77e793cf181884a27.dir\""), json);
    assertTrue(json.contains("\"nfiles\": 2") && json.contains("\"status\": \"unchanged\""), json);
  }

  @Test
  void corruptPointerFileGivesFileAndLine() throws IOException {
    jdvc.ok("init");
    write("bad.dvc", "outs:\n- md5: not-a-hash\n  path: bad\n");
    CliResult r = jdvc.run("status");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("bad.dvc:2"), r.err());
  }

  @Test
  void sampleDatasetRoundTripsThroughCacheIncludingUnicodeAndEmptyFiles() throws IOException {
    jdvc.ok("init");
    Path sample = Path.of("testdata/sample").toAbsolutePath();
    copyTree(sample, root.resolve("sample"));
    jdvc.ok("add", "sample");
    byte[] before = Files.readAllBytes(root.resolve("sample/données-é.txt"));
    deleteTree(root.resolve("sample"));
    jdvc.ok("checkout");
    assertArrayEquals(before, Files.readAllBytes(root.resolve("sample/données-é.txt")));
    assertEquals(0, Files.size(root.resolve("sample/empty.txt")));
    assertArrayEquals(Files.readAllBytes(sample.resolve("images/nested/img-002.bin")),
        Files.readAllBytes(root.resolve("sample/images/nested/img-002.bin")));
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
