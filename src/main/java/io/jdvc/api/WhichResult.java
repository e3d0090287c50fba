package io.jdvc.api;

import io.jdvc.git.RevisionRef;
import io.jdvc.history.LockedStage;
import io.jdvc.object.Oid;
import java.util.List;
import java.util.Map;

/**
 * Where some content appears in history.
 *
 * @param oid the content looked up
 * @param matches one per (pointer, path) that held it, sorted by path then pointer
 * @param refs commit id to the branch and tag names pointing at it, for labelling commits
 * @param unexpanded directories (per commit) whose manifest is nowhere, so their files were not searched: the
 *     content may be in them
 */
public record WhichResult(Oid oid, List<Match> matches, Map<String, List<String>> refs,
    List<UnexpandedDirectory> unexpanded) {

  /**
   * @param path where the content was, repo-relative (an output, or a file inside a tracked directory)
   * @param pointerPath the {@code .dvc} file or {@code dvc.lock} that recorded it
   * @param outputPath the output holding it
   * @param stage the {@code dvc.lock} stage that produced it (as recorded in the newest matching commit), or null
   * @param commits every commit whose tree records it there, newest first
   * @param inWorkspace the work tree's pointers (committed or not) record it there now
   */
  public record Match(String path, String pointerPath, String outputPath, LockedStage stage,
      List<RevisionRef> commits, boolean inWorkspace) {}
}
