package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.git.GitRepo;
import io.jdvc.git.RevisionRef;
import io.jdvc.history.DvcLock;
import io.jdvc.history.LockedStage;
import io.jdvc.history.ManifestStore;
import io.jdvc.history.RecordedOutput;
import io.jdvc.history.RevisionScanner;
import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifest;
import io.jdvc.object.Oid;
import io.jdvc.remote.Remote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code jdvc which FILE|HASH}: reverse lookup over every commit. A path that exists is hashed first (a directory
 * gives its {@code .dir} oid); otherwise the argument must be an oid. Pointer files are parsed once per blob and
 * each manifest is searched once, so the cost is one tree walk per commit.
 */
public final class WhichOperation {
  private final Jdvc jdvc;
  private String target;
  private String rev;

  WhichOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  /** A file or directory path, or an md5 oid (with {@code .dir} for a directory). */
  public WhichOperation target(String value) {
    this.target = value;
    return this;
  }

  /**
   * Look the target path up at this revision (a Git revision, an experiment name, a registry reference) instead
   * of hashing the work tree's file: {@code which model.pkl --rev e1}.
   */
  public WhichOperation rev(String value) {
    this.rev = value;
    return this;
  }

  public WhichResult call() throws IOException {
    GitRepo git = jdvc.requireGit("which");
    Oid oid = resolveTarget();
    Map<String, List<String>> refs = new TreeMap<>();
    for (RevisionRef r : git.branches()) {
      refs.computeIfAbsent(r.commitId(), k -> new ArrayList<>()).add(r.name());
    }
    for (RevisionRef r : git.tags()) {
      refs.computeIfAbsent(r.commitId(), k -> new ArrayList<>()).add(r.name());
    }
    for (io.jdvc.git.GitRefs.RefTip t : new io.jdvc.git.GitRefs(git).refsUnder(io.jdvc.experiments.ExpRef.PREFIX)) {
      io.jdvc.experiments.ExpRef.parse(t.name()).ifPresent(e ->
          refs.computeIfAbsent(t.commitId(), k -> new ArrayList<>()).add("exp " + e.name()));
    }
    RevisionScanner scanner = new RevisionScanner(git).skipUnreadable(jdvc::notice);
    Map<Oid, List<String>> hitsInDir = new HashMap<>();
    Map<String, Builder> matches = new LinkedHashMap<>();
    List<UnexpandedDirectory> unexpanded = new ArrayList<>();
    try (Remote remote = jdvc.openDefaultRemote().orElse(null)) {
      ManifestStore manifests = new ManifestStore(jdvc.cache(), remote == null ? List.of() : List.of(remote),
          jdvc::notice);
      // the work tree first: data a stage (or add) just produced, before any commit records it
      Map<String, DvcLock> workspaceLocks = new HashMap<>();
      for (RecordedOutput o : WorkspaceOutputs.collect(jdvc)) {
        List<String> paths = pathsHolding(o, oid, manifests, hitsInDir);
        for (String p : paths == null ? List.<String>of() : paths) {
          Builder b = matches.computeIfAbsent(p + "\0" + o.pointerPath(), k -> new Builder(p, o));
          b.inWorkspace = true;
          if (o.stage() != null) {
            DvcLock lock = workspaceLocks.computeIfAbsent(o.pointerPath(), this::readWorkspaceLock);
            b.stage = stageOf(List.of(lock), o);
          }
        }
      }
      for (RevisionRef commit : git.allCommits()) {
        List<DvcLock> locks = null;
        for (RecordedOutput o : scanner.outputsAt(commit.commitId())) {
          List<String> paths = pathsHolding(o, oid, manifests, hitsInDir);
          if (paths == null) {
            unexpanded.add(UnexpandedDirectory.of(commit.commitId(), o));
            continue;
          }
          for (String p : paths) {
            Builder b = matches.computeIfAbsent(p + "\0" + o.pointerPath(), k -> new Builder(p, o));
            b.commits.add(commit);
            if (b.stage == null && o.stage() != null) {
              if (locks == null) {
                locks = scanner.locksAt(commit.commitId());
              }
              b.stage = stageOf(locks, o);
            }
          }
        }
      }
    }
    List<WhichResult.Match> out = new ArrayList<>();
    for (Builder b : matches.values()) {
      b.commits.sort(Comparator.comparing(RevisionRef::commitTime).reversed());
      out.add(new WhichResult.Match(b.path, b.output.pointerPath(), b.output.path(), b.stage, List.copyOf(b.commits),
          b.inWorkspace));
    }
    out.sort(Comparator.comparing(WhichResult.Match::path).thenComparing(WhichResult.Match::pointerPath));
    if (!unexpanded.isEmpty()) {
      jdvc.notice(UnexpandedDirectory.notice(unexpanded, "their files were not searched"));
    }
    return new WhichResult(oid, out, refs, List.copyOf(unexpanded));
  }

  private Oid resolveTarget() throws IOException {
    if (target == null || target.isEmpty()) {
      throw new JdvcException("nothing to look up", "name a file, a directory, or an md5 hash");
    }
    if (rev != null) {
      return oidAt(NamedRevision.resolve(jdvc, rev));
    }
    if (NamedRevision.looksLikeRegistryRef(target) && !Files.exists(jdvc.resolve(Path.of(target)))) {
      NamedRevision n = NamedRevision.resolve(jdvc, target);
      String oid = n.lineage(jdvc.requireGit("which")).oid();
      if (oid == null) {
        throw new JdvcException(target + " names no recorded data at commit " + n.commit().substring(0, 7),
            "its path must be an output of a stage in dvc.lock or of a .dvc file at that commit");
      }
      return Oid.parse(oid);
    }
    Path p = jdvc.resolve(Path.of(target));
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return jdvc.workspace().snapshot(p, false, false, ProgressListener.NONE).oid();
    }
    if (Oid.isValid(target)) {
      return Oid.parse(target);
    }
    throw new JdvcException("'" + target + "' is neither an existing file nor an md5 hash",
        "pass a path to hash, or 32 lower-case hex digits (with .dir for a directory)");
  }

  /** The oid the target path has at a revision, as its pointer (dvc.lock or .dvc file) records it there. */
  private Oid oidAt(NamedRevision n) {
    GitRepo git = jdvc.requireGit("which");
    String p = git.toRepoPath(jdvc.resolve(Path.of(target)));
    for (RecordedOutput o : new RevisionScanner(git).skipUnreadable(jdvc::notice).outputsAt(n.commit())) {
      if (o.path().equals(p) && o.oid() != null) {
        return o.oid();
      }
    }
    throw new JdvcException("'" + p + "' is not a tracked output at " + rev,
        "name an output of a stage or of a .dvc file as it was at that revision");
  }

  /**
   * Where inside the output {@code o} records the content {@code wanted} lies: the output itself, files of its
   * directory, or none; null when the directory's manifest is nowhere to be found.
   */
  private static List<String> pathsHolding(RecordedOutput o, Oid wanted, ManifestStore manifests,
      Map<Oid, List<String>> memo) throws IOException {
    List<String> paths = new ArrayList<>();
    if (o.oid() == null) {
      return paths;
    }
    if (o.oid().value().equals(wanted.value())) {
      paths.add(o.path());
    } else if (o.oid().isDir() && !wanted.isDir()) {
      if (o.cached() && manifests.load(o.oid()).isEmpty()) {
        return null;
      }
      for (String rel : hitsInDir(o.oid(), wanted, manifests, memo)) {
        paths.add(o.path() + "/" + rel);
      }
    }
    return paths;
  }

  private DvcLock readWorkspaceLock(String repoPath) {
    try {
      Path yaml = jdvc.root().resolve(DvcLock.pipelineFileOf(repoPath));
      return DvcLock.parse(repoPath, Files.readAllBytes(jdvc.root().resolve(repoPath)),
          Files.isRegularFile(yaml) ? Files.readAllBytes(yaml) : null);
    } catch (IOException e) {
      throw new JdvcException("cannot read " + repoPath + ": " + e.getMessage(), null, e);
    }
  }

  private static List<String> hitsInDir(Oid dir, Oid wanted, ManifestStore manifests, Map<Oid, List<String>> memo)
      throws IOException {
    List<String> known = memo.get(dir);
    if (known != null) {
      return known;
    }
    List<String> hits = new ArrayList<>();
    Optional<DirManifest> m = manifests.load(dir);
    if (m.isPresent()) {
      for (DirEntry e : m.get().entries()) {
        if (e.md5().value().equals(wanted.value())) {
          hits.add(e.relpath());
        }
      }
    }
    memo.put(dir, hits);
    return hits;
  }

  private static LockedStage stageOf(List<DvcLock> locks, RecordedOutput o) {
    for (DvcLock lock : locks) {
      if (lock.path().equals(o.pointerPath())) {
        for (LockedStage s : lock.stages()) {
          if (s.name().equals(o.stage())) {
            return s;
          }
        }
      }
    }
    return null;
  }

  private static final class Builder {
    final String path;
    final RecordedOutput output;
    final List<RevisionRef> commits = new ArrayList<>();
    LockedStage stage;
    boolean inWorkspace;

    Builder(String path, RecordedOutput output) {
      this.path = path;
      this.output = output;
    }
  }
}
