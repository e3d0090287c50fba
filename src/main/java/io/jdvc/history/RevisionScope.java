package io.jdvc.history;

import io.jdvc.git.GitRepo;
import io.jdvc.git.RevisionRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DVC's revision scope flags ({@code -a}, {@code -T}, {@code -A}, {@code --rev R -n N}, plus explicit revisions) as
 * one value. The workspace is not a revision; callers that include it (gc always does) add it themselves.
 *
 * @param revs explicit revisions, each taken with {@code num - 1} first-parent ancestors
 * @param num how many commits per explicit revision (DVC's {@code -n}, default 1)
 */
public record RevisionScope(boolean allBranches, boolean allTags, boolean allCommits, List<String> revs, int num) {
  public RevisionScope {
    revs = List.copyOf(revs);
    if (num < 1) {
      throw new IllegalArgumentException("-n must be at least 1, was " + num);
    }
  }

  public static RevisionScope of(List<String> revs) {
    return new RevisionScope(false, false, false, revs, 1);
  }

  public boolean isEmpty() {
    return !allBranches && !allTags && !allCommits && revs.isEmpty();
  }

  /**
   * The commits in scope, each once (by commit id), in the order: explicit revisions, branches, tags, other commits.
   * A commit reached by name keeps the first name it was reached through.
   */
  public List<RevisionRef> resolve(GitRepo git) {
    Map<String, RevisionRef> byId = new LinkedHashMap<>();
    List<RevisionRef> candidates = new ArrayList<>();
    for (String rev : revs) {
      candidates.addAll(git.ancestry(rev, num));
    }
    if (allBranches) {
      candidates.addAll(git.branches());
    }
    if (allTags) {
      candidates.addAll(git.tags());
    }
    if (allCommits) {
      candidates.addAll(git.allCommits());
    }
    for (RevisionRef r : candidates) {
      byId.putIfAbsent(r.commitId(), r);
    }
    return new ArrayList<>(byId.values());
  }
}
