package io.jdvc.git;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The versions of one file (typically a {@code .dvc} pointer or {@code dvc.lock}) across the commits that
 * changed it: the model behind {@code jdvc log} and {@code audit}, as git-lfs's {@code gitscanner_log} is for
 * LFS pointers.
 *
 * <p>Semantics are those of {@code git log <rev> -- <path>}, which is how JGit's {@code LogCommand} sets up its
 * walk: all parents are followed, with git's default history simplification (a merge whose result equals one
 * parent's version of the path is skipped and only that parent is followed), newest commit time first. Renames are
 * not followed ({@code --follow}): a moved pointer starts a new history, as it does for DVC.
 *
 * <p>Each call walks history afresh; it is cheap for a few paths, but a caller auditing every pointer of a large
 * history should prefer {@link GitRepo#filesAt} per revision. Not thread-safe, like the {@link GitRepo} it reads.
 */
public final class PointerHistory {
  private final GitRepo git;

  public PointerHistory(GitRepo git) {
    this.git = git;
  }

  /** {@link #versions(String, String)} from HEAD. */
  public List<FileVersion> versions(String repoRelativePath) {
    return versions("HEAD", repoRelativePath);
  }

  /**
   * Every commit reachable from {@code rev} that changed {@code repoRelativePath}, newest first, each with the
   * file's content after that commit (null where the commit deleted it). Empty if the path never existed.
   *
   * @throws JdvcException {@code unknown revision '<rev>'}
   */
  public List<FileVersion> versions(String rev, String repoRelativePath) {
    return walk(rev, repoRelativePath, Integer.MAX_VALUE);
  }

  /**
   * The commit at or before {@code rev} that last changed {@code repoRelativePath} (added, modified or deleted
   * it): "who last changed this pointer". Empty if no commit reachable from {@code rev} touched the path.
   *
   * @throws JdvcException {@code unknown revision '<rev>'}
   */
  public Optional<RevisionRef> lastChange(String rev, String repoRelativePath) {
    return walk(rev, repoRelativePath, 1).stream().findFirst().map(FileVersion::commit);
  }

  private List<FileVersion> walk(String rev, String repoRelativePath, int limit) {
    String path = GitRepo.checkRepoPath(repoRelativePath);
    RevCommit start = git.parseCommit(rev);
    List<FileVersion> out = new ArrayList<>();
    try (RevWalk walk = new RevWalk(git.repository())) {
      ObjectReader reader = walk.getObjectReader();
      walk.sort(RevSort.COMMIT_TIME_DESC);
      // ANY_DIFF keeps only commits whose tree differs from a parent at this path; with a path filter RevWalk
      // also rewrites parents, which is git's default simplification.
      walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path), TreeFilter.ANY_DIFF));
      walk.markStart(walk.parseCommit(start));
      for (RevCommit c : walk) {
        if (out.size() >= limit) {
          break;
        }
        out.add(new FileVersion(RevisionRef.of(c, null), Revisions.readBlob(reader, c.getTree(), path)));
      }
      return out;
    } catch (IOException e) {
      throw new JdvcException(
          "cannot read the history of '" + path + "': " + e.getMessage(), "check the repository with 'git fsck'", e);
    }
  }
}
