package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.git.FileVersion;
import io.jdvc.git.GitRepo;
import io.jdvc.git.PointerHistory;
import io.jdvc.git.RevisionRef;
import io.jdvc.history.ManifestStore;
import io.jdvc.history.DvcLock;
import io.jdvc.history.PointerFiles;
import io.jdvc.history.RecordedOutput;
import io.jdvc.history.RevisionScanner;
import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifest;
import io.jdvc.object.Oid;
import io.jdvc.remote.Remote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code jdvc log [PATH]}: the commits that changed a dataset, newest first. PATH may be an output, its pointer file,
 * or a file inside a tracked directory (then only commits where that file's hash changed are listed, found by
 * loading the directory's manifest at each version). Without PATH, every output tracked at the start revision.
 */
public final class LogOperation {
  private final Jdvc jdvc;
  private Path path;
  private String rev = "HEAD";
  private int limit = Integer.MAX_VALUE;

  LogOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public LogOperation path(Path value) {
    this.path = value;
    return this;
  }

  /** Where history starts (default HEAD): a Git revision, an experiment name or a registry reference. */
  public LogOperation rev(String value) {
    this.rev = value;
    return this;
  }

  /** At most this many entries, newest first. */
  public LogOperation limit(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("-n must be at least 1");
    }
    this.limit = value;
    return this;
  }

  public List<LogEntry> call() throws IOException {
    GitRepo git = jdvc.requireGit("log");
    String start = NamedRevision.resolve(jdvc, rev).commit();
    String p = path == null ? null : git.toRepoPath(jdvc.resolve(path));
    if (path != null && NamedRevision.looksLikeRegistryRef(path.toString()) && !Files.exists(jdvc.resolve(path))) {
      // log model#prod: the model's file, from the commit that version is at
      NamedRevision n = NamedRevision.resolve(jdvc, path.toString());
      p = n.lineage(git).path();
      start = n.commit();
    }
    List<RecordedOutput> current = new RevisionScanner(git).skipUnreadable(jdvc::notice).outputsAt(start);
    List<Target> targets = new ArrayList<>();
    if (p == null) {
      current.forEach(o -> targets.add(new Target(o.pointerPath(), o.path(), null)));
    } else {
      for (RecordedOutput o : current) {
        if (p.equals(o.pointerPath()) || p.equals(o.path())) {
          targets.add(new Target(o.pointerPath(), o.path(), null));
        } else if (o.covers(p)) {
          targets.add(new Target(o.pointerPath(), o.path(), p.substring(o.path().length() + 1)));
        }
      }
      if (targets.isEmpty()) {
        throw new JdvcException("'" + p + "' is not tracked at " + rev,
            "name an output, its .dvc file, or a file inside a tracked directory");
      }
    }
    PointerHistory history = new PointerHistory(git);
    List<LogEntry> all = new ArrayList<>();
    List<UnexpandedDirectory> unexpanded = new ArrayList<>();
    try (Remote remote = jdvc.openDefaultRemote().orElse(null)) {
      ManifestStore manifests = new ManifestStore(jdvc.cache(), remote == null ? List.of() : List.of(remote),
          jdvc::notice);
      for (Target t : targets) {
        all.addAll(entries(follow(git, history, start, t), manifests, unexpanded));
      }
    }
    if (!unexpanded.isEmpty()) {
      jdvc.notice(UnexpandedDirectory.notice(unexpanded, "the file's content at those commits is unknown"));
    }
    all.sort(Comparator.comparing((LogEntry e) -> e.commit().commitTime()).reversed());
    return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
  }

  /**
   * The pointer's versions from {@code start} back, and, like {@code git log --follow}, on through renames made
   * with {@code jdvc mv}: where the pointer first appears, the parent commit's output with the same content under
   * another pointer that this commit removed is the same dataset under its old name. Oldest first.
   */
  private static List<Version> follow(GitRepo git, PointerHistory history, String start, Target target) {
    List<Version> oldestFirst = new ArrayList<>();
    Target t = target;
    String at = start;
    for (int renames = 0; renames < MAX_RENAMES; renames++) {
      List<FileVersion> versions = history.versions(at, t.pointerPath);
      List<Version> segment = new ArrayList<>();
      for (FileVersion v : versions) {
        segment.add(new Version(v, t));
      }
      Collections.reverse(segment);
      oldestFirst.addAll(0, segment);
      if (versions.isEmpty()) {
        break;
      }
      FileVersion first = versions.get(versions.size() - 1);
      Target older = first.deleted() ? null : renamedFrom(git, first, t);
      if (older == null) {
        break;
      }
      t = older;
      at = git.ancestry(first.commit().commitId(), 2).get(1).commitId();
    }
    return oldestFirst;
  }

  private static final int MAX_RENAMES = 100;

  /** The outputs one version of a pointer file records; a dvc.lock is read with its commit's dvc.yaml (wdir). */
  private static List<RecordedOutput> outputsOf(GitRepo git, Target t, FileVersion v) {
    byte[] yaml = PointerFiles.isLockFile(t.pointerPath)
        ? git.readFile(v.commit().commitId(), DvcLock.pipelineFileOf(t.pointerPath)).orElse(null) : null;
    return PointerFiles.outputsOf(t.pointerPath, v.content(), yaml);
  }

  private static Target renamedFrom(GitRepo git, FileVersion first, Target t) {
    List<RevisionRef> commitAndParent = git.ancestry(first.commit().commitId(), 2);
    if (commitAndParent.size() < 2) {
      return null;
    }
    Oid oid = outputsOf(git, t, first).stream()
        .filter(x -> x.path().equals(t.outputPath)).map(RecordedOutput::oid).filter(Objects::nonNull).findFirst()
        .orElse(null);
    if (oid == null) {
      return null;
    }
    RevisionScanner scanner = new RevisionScanner(git).skipUnreadable(n -> { });
    List<RecordedOutput> now = scanner.outputsAt(first.commit().commitId());
    for (RecordedOutput r : scanner.outputsAt(commitAndParent.get(1).commitId())) {
      boolean gone = now.stream().noneMatch(x -> x.pointerPath().equals(r.pointerPath()));
      if (oid.equals(r.oid()) && gone && !r.pointerPath().equals(t.pointerPath)) {
        return new Target(r.pointerPath(), r.path(), t.inner);
      }
    }
    return null;
  }

  /** Versions (oldest first, each with the name it had then) reduced to those where the content changed. */
  private List<LogEntry> entries(List<Version> oldestFirst, ManifestStore manifests,
      List<UnexpandedDirectory> unexpanded) throws IOException {
    List<LogEntry> out = new ArrayList<>();
    LogEntry previous = null;
    for (Version version : oldestFirst) {
      FileVersion v = version.file();
      Target t = version.target();
      Oid oid = null;
      Long size = null;
      Long nfiles = null;
      Optional<RecordedOutput> o = v.deleted() ? Optional.empty()
          : outputsOf(jdvc.requireGit("log"), t, v).stream().filter(x -> x.path().equals(t.outputPath))
              .findFirst();
      if (o.isPresent() && t.inner == null) {
        oid = o.get().oid();
        size = o.get().size();
        nfiles = o.get().nfiles();
      } else if (o.isPresent() && o.get().oid() != null && o.get().oid().isDir()) {
        Optional<DirManifest> m = manifests.load(o.get().oid());
        if (m.isEmpty() && o.get().cached()) {
          // the file's state is unknown here: say so at this commit, and let the next known state show again
          unexpanded.add(UnexpandedDirectory.of(v.commit().commitId(), o.get()));
          previous = new LogEntry(v.commit(), t.pointerPath, t.outputPath + "/" + t.inner, null, null, null, null,
              null, o.get().oid());
          out.add(previous);
          continue;
        }
        Optional<DirEntry> e = m.flatMap(x -> x.get(t.inner));
        oid = e.map(DirEntry::md5).orElse(null);
        if (oid != null && jdvc.cache().contains(oid)) {
          size = Files.size(jdvc.cache().pathOf(oid));
        }
      }
      boolean changed = previous == null ? oid != null
          : previous.unexpandedDir() != null || !Objects.equals(previous.oid(), oid) || !Objects.equals(previous.size(), size)
              || !Objects.equals(previous.nfiles(), nfiles);
      if (changed) {
        Long sizeChange = previous != null && previous.size() != null && size != null ? size - previous.size()
            : null;
        Long nfilesChange = previous != null && previous.nfiles() != null && nfiles != null
            ? nfiles - previous.nfiles() : null;
        LogEntry entry = new LogEntry(v.commit(), t.pointerPath,
            t.inner == null ? t.outputPath : t.outputPath + "/" + t.inner, oid, size, nfiles, sizeChange,
            nfilesChange, null);
        out.add(entry);
        previous = entry;
      }
    }
    Collections.reverse(out);
    return out;
  }

  private record Target(String pointerPath, String outputPath, String inner) {}

  private record Version(FileVersion file, Target target) {}
}
