package io.jdvc.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.TempGitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revision scopes (branches, tags, all commits, ancestry) and tree scans, on this history:
 *
 * <pre>
 *   c1 -- c2 -- c3            main  (c2 tagged v1, annotated)
 *           \
 *            f1 -- f2         feature
 * </pre>
 */
class GitRepoRevisionsTest {
  @TempDir Path tmp;
  TempGitRepo fixture;
  GitRepo repo;
  String c1;
  String c2;
  String c3;
  String f1;
  String f2;

  @BeforeEach
  void setUp() {
    fixture = TempGitRepo.create(tmp);
    fixture.write("data.dvc", "1");
    c1 = fixture.commitAll("c1");
    fixture.write("data.dvc", "2");
    fixture.write("models/m.dvc", "m");
    fixture.write("models/m.txt", "not a pointer");
    fixture.write("dvc.lock", "lock");
    c2 = fixture.commitAll("c2\n\nbody line\n");
    fixture.annotatedTag("v1", "first release");
    fixture.branch("feature");
    fixture.write("data.dvc", "3");
    c3 = fixture.commitAll("c3");
    fixture.checkout("feature");
    fixture.write("feat.dvc", "f");
    f1 = fixture.commitAll("f1");
    fixture.write("feat.dvc", "g");
    f2 = fixture.commitAll("f2");
    fixture.checkout("main");
    repo = fixture.open();
  }

  @AfterEach
  void tearDown() {
    repo.close();
    fixture.close();
  }

  @Test
  void branchesListsLocalBranchTipsByName() {
    List<RevisionRef> branches = repo.branches();
    assertEquals(List.of("feature", "main"), branches.stream().map(RevisionRef::name).toList());
    assertEquals(List.of(f2, c3), branches.stream().map(RevisionRef::commitId).toList());
  }

  @Test
  void tagsArePeeledToTheirCommit() {
    fixture.tag("light");
    List<RevisionRef> tags = repo.tags();
    assertEquals(List.of("light", "v1"), tags.stream().map(RevisionRef::name).toList());
    assertEquals(List.of(c3, c2), tags.stream().map(RevisionRef::commitId).toList());
  }

  @Test
  void allCommitsReachesEveryBranchNewestFirst() {
    List<String> ids = repo.allCommits().stream().map(RevisionRef::commitId).toList();
    assertEquals(List.of(f2, f1, c3, c2, c1), ids);
  }

  @Test
  void headCarriesCurrentBranchAndCommitMetadata() {
    RevisionRef head = repo.head();
    assertEquals(c3, head.commitId());
    assertEquals("main", head.name());
    assertEquals(TempGitRepo.NAME, head.authorName());
    assertEquals(TempGitRepo.EMAIL, head.authorEmail());
    assertEquals("c3", head.message());
    assertEquals(TempGitRepo.EPOCH.plusSeconds(60 * 3), head.commitTime()); // c1, c2, tag, c3
    assertEquals(c3.substring(0, 7), head.shortId());

    fixture.checkout(c2);
    RevisionRef detached = repo.head();
    assertEquals(c2, detached.commitId());
    assertNull(detached.name());
    assertEquals("c2", detached.subject());
    assertEquals("c2\n\nbody line\n", detached.message());
  }

  @Test
  void ancestryFollowsFirstParentsForNCommits() {
    List<RevisionRef> three = repo.ancestry("feature", 3);
    assertEquals(List.of(f2, f1, c2), three.stream().map(RevisionRef::commitId).toList());
    assertEquals("feature", three.get(0).name());
    assertNull(three.get(1).name());

    assertEquals(List.of(c3), repo.ancestry("HEAD", 1).stream().map(RevisionRef::commitId).toList());
    assertEquals("main", repo.ancestry("HEAD", 1).get(0).name());
    assertEquals("v1", repo.ancestry("v1", 1).get(0).name());
    assertNull(repo.ancestry(c3, 1).get(0).name());
    assertEquals(List.of(c2, c1), repo.ancestry("v1", 10).stream().map(RevisionRef::commitId).toList());
    assertEquals(List.of(), repo.ancestry("HEAD", 0));
    assertThrows(IllegalArgumentException.class, () -> repo.ancestry("HEAD", -1));
  }

  @Test
  void resolveGivesFullIdsForAnyRevisionForm() {
    assertEquals(c3, repo.resolve("HEAD"));
    assertEquals(c1, repo.resolve("HEAD~2"));
    assertEquals(c2, repo.resolve("v1"));
    assertEquals(f1, repo.resolve("feature^"));
    assertEquals(f2, repo.resolve(f2.substring(0, 10)));
  }

  @Test
  void filesAtReturnsOnlyMatchingFilesAtThatRevision() {
    Map<String, byte[]> pointers = repo.filesAt("v1", p -> p.endsWith(".dvc"));
    assertEquals(List.of("data.dvc", "models/m.dvc"), List.copyOf(pointers.keySet()));
    assertEquals("2", text(pointers.get("data.dvc")));

    Map<String, byte[]> onFeature =
        repo.filesAt("feature", p -> p.endsWith(".dvc") || p.equals("dvc.lock") || p.endsWith("/dvc.lock"));
    assertEquals(List.of("data.dvc", "dvc.lock", "feat.dvc", "models/m.dvc"), List.copyOf(onFeature.keySet()));
    assertEquals("g", text(onFeature.get("feat.dvc")));
    assertTrue(repo.filesAt(c1, p -> p.startsWith("models/")).isEmpty());
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
