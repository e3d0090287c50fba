package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.git.GitRepo;
import io.jdvc.history.DataDiff;
import io.jdvc.history.DataFile;
import io.jdvc.history.DataFiles;
import io.jdvc.history.ManifestStore;
import io.jdvc.history.PointerFiles;
import io.jdvc.history.RecordedOutput;
import io.jdvc.history.RevisionScanner;
import io.jdvc.manifest.DirEntry;
import io.jdvc.remote.Remote;
import io.jdvc.workspace.Snapshot;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code jdvc diff [A [B]]}: file-by-file data changes between two revisions, default HEAD against the workspace.
 * Directories are compared entry by entry through their manifests (fetched from the default remote into the cache
 * when missing; a directory whose manifest is nowhere compares as one entry on both sides, with a notice and the
 * directory in {@link DiffResult#unexpanded()}). The workspace side is hashed without
 * touching the cache, reusing the state cache so unchanged files are not read.
 */
public final class DiffOperation {
  private final Jdvc jdvc;
  private String oldRev = "HEAD";
  private String newRev;
  private List<Path> targets = List.of();

  DiffOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  /** The old side (default HEAD). */
  public DiffOperation oldRev(String value) {
    this.oldRev = value;
    return this;
  }

  /** The new side; null (the default) for the workspace. */
  public DiffOperation newRev(String value) {
    this.newRev = value;
    return this;
  }

  /** Limit to files at or below these paths. */
  public DiffOperation targets(List<Path> value) {
    this.targets = List.copyOf(value);
    return this;
  }

  public DiffResult call() throws IOException {
    GitRepo git = jdvc.requireGit("diff");
    List<String> prefixes = new ArrayList<>();
    for (Path t : targets) {
      prefixes.add(git.toRepoPath(jdvc.resolve(t)));
    }
    try (Remote remote = jdvc.openDefaultRemote().orElse(null)) {
      ManifestStore manifests = new ManifestStore(jdvc.cache(), remote == null ? List.of() : List.of(remote),
          jdvc::notice);
      RevisionScanner scanner = new RevisionScanner(git).skipUnreadable(jdvc::notice);
      String oldId = git.resolve(oldRev);
      String newId = newRev == null ? null : git.resolve(newRev);
      List<RecordedOutput> oldOuts = select(scanner.outputsAt(oldId), prefixes);
      List<RecordedOutput> newOuts = newId == null ? List.of() : select(scanner.outputsAt(newId), prefixes);
      List<String> tracked = new ArrayList<>();
      oldOuts.forEach(o -> tracked.add(o.path()));
      newOuts.forEach(o -> tracked.add(o.path()));
      if (newId == null) {
        jdvc.index().outputs().forEach(t -> tracked.add(t.repoPath()));
      }
      requireTracked(prefixes, tracked);
      List<UnexpandedDirectory> unexpanded = new ArrayList<>(unexpanded(oldId, oldOuts, manifests));
      unexpanded.addAll(unexpanded(newId, newOuts, manifests));
      Set<String> whole = new HashSet<>();
      unexpanded.forEach(u -> whole.add(u.path()));
      List<DataFile> before = filter(expand(oldOuts, manifests, whole), prefixes);
      List<DataFile> after = filter(newId == null ? workspaceFiles(prefixes, whole)
          : expand(newOuts, manifests, whole), prefixes);
      if (!unexpanded.isEmpty()) {
        jdvc.notice(UnexpandedDirectory.notice(unexpanded, "compared as a whole, not file by file"));
      }
      return new DiffResult(oldId, newId, DataDiff.compare(before, after), List.copyOf(unexpanded));
    }
  }

  /** The directories among {@code outputs} whose manifest is nowhere ({@code commitId} null: none, the workspace). */
  private static List<UnexpandedDirectory> unexpanded(String commitId, List<RecordedOutput> outputs,
      ManifestStore manifests) throws IOException {
    List<UnexpandedDirectory> out = new ArrayList<>();
    for (RecordedOutput o : outputs) {
      if (commitId != null && o.oid() != null && o.oid().isDir() && o.cached() && manifests.load(o.oid()).isEmpty()) {
        out.add(UnexpandedDirectory.of(commitId, o));
      }
    }
    return out;
  }

  /**
   * The outputs' files, except that a directory unexpanded on either side stands as one entry on both, so that it
   * compares as a whole (changed or not) instead of as a directory deleted and its files added.
   */
  private static List<DataFile> expand(List<RecordedOutput> outputs, ManifestStore manifests, Set<String> whole)
      throws IOException {
    List<DataFile> files = new ArrayList<>(DataFiles.expand(
        outputs.stream().filter(o -> !whole.contains(o.path())).toList(), manifests));
    for (RecordedOutput o : outputs) {
      if (whole.contains(o.path()) && o.oid() != null) {
        files.add(new DataFile(o.path(), o.oid(), o));
      }
    }
    files.sort(DataFiles.BY_PATH);
    return files;
  }

  private List<DataFile> workspaceFiles(List<String> prefixes, Set<String> whole) throws IOException {
    Workspace ws = jdvc.workspace();
    List<DataFile> files = new ArrayList<>();
    try {
      for (TrackedOutput t : jdvc.index().outputs()) {
        RecordedOutput o = PointerFiles.of(t.dvcPath(), t.repoPath(), t.output());
        if (!overlaps(o.path(), prefixes) || !Files.exists(t.path(), LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Snapshot snap = ws.snapshot(t.path(), t.output().isLegacy(), false, ProgressListener.NONE);
        if (snap.isDir() && !whole.contains(o.path())) {
          for (DirEntry e : snap.manifest().entries()) {
            files.add(new DataFile(o.path() + "/" + e.relpath(), e.md5(), o));
          }
        } else {
          files.add(new DataFile(o.path(), snap.oid(), o));
        }
      }
    } finally {
      ws.saveState();
    }
    files.sort(DataFiles.BY_PATH);
    return files;
  }

  /** DVC's rule: a target must be a tracked output, lie inside one or contain one, in one of the two revisions. */
  private void requireTracked(List<String> prefixes, List<String> tracked) {
    for (int i = 0; i < prefixes.size(); i++) {
      List<String> one = List.of(prefixes.get(i));
      if (tracked.stream().noneMatch(t -> overlaps(t, one))) {
        throw new JdvcException("target '" + targets.get(i) + "' is not a tracked output in " + oldRev
            + (newRev == null ? " or the workspace" : " or " + newRev),
            "name a tracked output, a path inside one, or a directory holding some (see 'jdvc ls')");
      }
    }
  }

  private static List<RecordedOutput> select(List<RecordedOutput> outputs, List<String> prefixes) {
    return outputs.stream().filter(o -> overlaps(o.path(), prefixes)).toList();
  }

  /** Whether an output and some target overlap: one contains the other. */
  private static boolean overlaps(String path, List<String> prefixes) {
    return prefixes.isEmpty() || prefixes.stream().anyMatch(p -> p.isEmpty() || under(path, p) || under(p, path));
  }

  private static List<DataFile> filter(List<DataFile> files, List<String> prefixes) {
    if (prefixes.isEmpty()) {
      return files;
    }
    return files.stream().filter(f -> prefixes.stream().anyMatch(p -> p.isEmpty() || under(f.path(), p)
        || UnexpandedDirectory.standsForDirectory(f) && under(p, f.path()))).toList();
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
