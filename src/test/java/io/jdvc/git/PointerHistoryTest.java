package io.jdvc.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import io.jdvc.testing.TempGitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The versions of one pointer file: three edits, unrelated commits in between, then a deletion. */
class PointerHistoryTest {
  @TempDir Path tmp;
  TempGitRepo fixture;
  GitRepo repo;
  PointerHistory history;
  String v1;
  String unrelated;
  String v2;
  String v3;
  String deleted;

  @BeforeEach
  void setUp() {
    fixture = TempGitRepo.create(tmp);
    fixture.write("data.dvc", "md5: 1\n");
    v1 = fixture.commitAll("add data v1");
    fixture.write("other.dvc", "x");
    unrelated = fixture.commitAll("unrelated");
    fixture.write("data.dvc", "md5: 2\n");
    v2 = fixture.commitAll("data v2");
    fixture.write("data.dvc", "md5: 3\n");
    v3 = fixture.commitAll("data v3");
    fixture.delete("data.dvc");
    deleted = fixture.commitAll("remove data");
    fixture.write("other.dvc", "y");
    fixture.commitAll("unrelated again");
    repo = fixture.open();
    history = new PointerHistory(repo);
  }

  @AfterEach
  void tearDown() {
    repo.close();
    fixture.close();
  }

  @Test
  void versionsListsChangingCommitsNewestFirstWithContent() {
    List<FileVersion> versions = history.versions("data.dvc");
    assertEquals(
        List.of(deleted, v3, v2, v1), versions.stream().map(v -> v.commit().commitId()).toList());
    assertTrue(versions.get(0).deleted());
    assertNull(versions.get(0).content());
    assertEquals("md5: 3\n", text(versions.get(1)));
    assertEquals("md5: 2\n", text(versions.get(2)));
    assertEquals("md5: 1\n", text(versions.get(3)));
    assertEquals("add data v1", versions.get(3).commit().message());
  }

  @Test
  void versionsFromAnOlderRevisionStopThere() {
    List<FileVersion> versions = history.versions(v2, "data.dvc");
    assertEquals(List.of(v2, v1), versions.stream().map(v -> v.commit().commitId()).toList());
  }

  @Test
  void versionsOfAPathThatNeverExistedIsEmpty() {
    assertEquals(List.of(), history.versions("nothing.dvc"));
  }

  @Test
  void versionsFollowMergedBranches() throws Exception {
    fixture.branch("side");
    fixture.checkout("side");
    fixture.write("data.dvc", "md5: side\n");
    String side = fixture.commitAll("re-add data on a branch");
    fixture.checkout("main");
    fixture.write("other.dvc", "z");
    fixture.commitAll("main moves on");
    var merge = fixture.git().merge().include(fixture.git().getRepository().resolve("side")).setMessage("merge").call();
    assertTrue(merge.getMergeStatus().isSuccessful(), merge.toString());

    List<FileVersion> versions = history.versions("data.dvc");
    // The merge takes data.dvc unchanged from side, so git's simplification skips it and follows side.
    assertEquals(
        List.of(side, deleted, v3, v2, v1), versions.stream().map(v -> v.commit().commitId()).toList());
    assertEquals("md5: side\n", text(versions.get(0)));
  }

  @Test
  void lastChangeFindsTheCommitAtOrBeforeRev() {
    assertEquals(Optional.of(deleted), history.lastChange("HEAD", "data.dvc").map(RevisionRef::commitId));
    assertEquals(Optional.of(v2), history.lastChange(v2, "data.dvc").map(RevisionRef::commitId));
    assertEquals(Optional.of(v1), history.lastChange(unrelated, "data.dvc").map(RevisionRef::commitId));
    assertEquals(Optional.of(unrelated), history.lastChange(v3, "other.dvc").map(RevisionRef::commitId));
    assertEquals(Optional.empty(), history.lastChange("HEAD", "never.dvc"));
    RevisionRef who = history.lastChange("HEAD", "data.dvc").orElseThrow();
    assertEquals(TempGitRepo.NAME, who.authorName());
    assertEquals(TempGitRepo.EMAIL, who.authorEmail());
  }

  @Test
  void unknownRevisionIsReported() {
    JdvcException e = assertThrows(JdvcException.class, () -> history.versions("nope", "data.dvc"));
    assertEquals("unknown revision 'nope'", e.getMessage());
  }

  private static String text(FileVersion v) {
    return new String(v.content(), StandardCharsets.UTF_8);
  }
}
