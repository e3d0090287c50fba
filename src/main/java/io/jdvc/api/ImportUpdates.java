package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.git.RepoClones;
import io.jdvc.workspace.TrackedOutput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DVC's {@code update available} in {@code status}: a repository import whose source has moved on, i.e. the commit
 * its recorded {@code rev} (or the source's default branch) names now is not its {@code rev_lock}. Asked with one
 * {@code ls-remote} per source and revision (no clone); an import locked to a commit id never has an update. A
 * source that cannot be asked is reported through {@code notices}, and status goes on.
 */
final class ImportUpdates {
  private ImportUpdates() {}

  /** Per {@code .dvc} file, DVC's {@code changed deps} entry: {@code "PATH (URL)" -> "update available"}. */
  static Map<String, Map<String, String>> of(Jdvc jdvc, List<TrackedOutput> selected) {
    Map<String, Map<String, String>> updates = new LinkedHashMap<>();
    Map<String, Map<String, String>> advertised = new LinkedHashMap<>();
    for (TrackedOutput o : selected) {
      if (o.isStageOutput() || !o.isRepoImport() || o.pointer().repoImportUrl().isEmpty()) {
        continue;
      }
      ImportPointers.Source dep = ImportPointers.sourceOf(o.pointer(), o.dvcPath());
      if (dep.revLock() == null || dep.rev() != null && dep.rev().matches("[0-9a-fA-F]{40}")) {
        continue;
      }
      Map<String, String> refs = advertised.computeIfAbsent(dep.url(), url -> lsRemote(jdvc, url, o.dvcPath()));
      String now = refs == null ? null : commitOf(refs, dep.rev());
      if (now != null && !now.equalsIgnoreCase(dep.revLock())) {
        updates.put(o.dvcPath(), Map.of(dep.path() + " (" + RepoClones.shown(dep.url()) + ")", "update available"));
      }
    }
    return updates;
  }

  /** The source's refs, or null (after a notice) when it cannot be asked. */
  private static Map<String, String> lsRemote(Jdvc jdvc, String url, String dvcFile) {
    java.nio.file.Path local = RepoSource.localPath(url, jdvc.root());
    try {
      return RepoClones.advertised(local != null ? local.toString() : url);
    } catch (JdvcException e) {
      jdvc.notice("cannot check " + dvcFile + " for updates: " + e.getMessage()
          + "; 'jdvc status --no-updates' skips the check");
      return null;
    }
  }

  /** What {@code rev} names among the advertised refs (HEAD when null); null if it names none of them. */
  private static String commitOf(Map<String, String> refs, String rev) {
    List<String> names = rev == null ? List.of("HEAD") : List.of("refs/heads/" + rev, "refs/tags/" + rev, rev);
    for (String name : names) {
      if (refs.containsKey(name)) {
        return refs.get(name);
      }
    }
    return null;
  }
}
