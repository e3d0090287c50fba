package io.jdvc.api;

import io.jdvc.ProgressListener;
import io.jdvc.git.GitRepo;
import io.jdvc.history.DataChanges;
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
import java.util.List;

/**
 * {@code jdvc diff [A [B]]}: file-by-file data changes between two revisions, default HEAD against the workspace.
 * Directories are compared entry by entry through their manifests (fetched from the default remote into the cache
 * when missing; a directory whose manifest is nowhere compares as one entry). The workspace side is hashed without
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
      ManifestStore manifests = new ManifestStore(jdvc.cache(), remote == null ? List.of() : List.of(remote));
      RevisionScanner scanner = new RevisionScanner(git);
      String oldId = git.resolve(oldRev);
      String newId = newRev == null ? null : git.resolve(newRev);
      List<DataFile> before = filter(DataFiles.expand(select(scanner.outputsAt(oldId), prefixes), manifests), prefixes);
      List<DataFile> after = filter(newId == null ? workspaceFiles(prefixes)
          : DataFiles.expand(select(scanner.outputsAt(newId), prefixes), manifests), prefixes);
      DataChanges changes = DataDiff.compare(before, after);
      return new DiffResult(oldId, newId, changes);
    }
  }

  private List<DataFile> workspaceFiles(List<String> prefixes) throws IOException {
    Workspace ws = jdvc.workspace();
    List<DataFile> files = new ArrayList<>();
    try {
      for (TrackedOutput t : ws.collect()) {
        RecordedOutput o = PointerFiles.of(t.dvcPath(), t.repoPath(), t.output());
        if (!overlaps(o.path(), prefixes) || !Files.exists(t.path(), LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Snapshot snap = ws.snapshot(t.path(), t.output().isLegacy(), false, ProgressListener.NONE);
        if (snap.isDir()) {
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
    return files.stream().filter(f -> prefixes.stream().anyMatch(p -> p.isEmpty() || under(f.path(), p))).toList();
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
