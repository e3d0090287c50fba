package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.audit.Sha256Record;
import io.jdvc.concurrent.BoundedExecutor;
import io.jdvc.object.Oid;
import io.jdvc.pointer.DvcFile;
import io.jdvc.pointer.Output;
import io.jdvc.repo.RepoLayout;
import io.jdvc.repo.RepoLock;
import io.jdvc.workspace.Snapshot;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code jdvc add}: hash targets into the cache, write {@code <target>.dvc} beside each, add it to the
 * {@code .gitignore} there, stage both in Git, and with a message also commit exactly those paths.
 * Re-adding unchanged data rewrites nothing; a legacy (DVC 2.x) pointer stays byte-identical until its data
 * changes, and then moves to the 3.x hash, as DVC does.
 */
public final class AddOperation {
  private final Jdvc jdvc;
  private List<Path> targets = List.of();
  private boolean noCommit;
  private String message;

  AddOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public AddOperation targets(List<Path> value) {
    this.targets = List.copyOf(value);
    return this;
  }

  /** Record hashes in the pointer files without copying data into the cache. */
  public AddOperation noCommit(boolean value) {
    this.noCommit = value;
    return this;
  }

  /** Also create a Git commit of exactly the pointer and ignore files, with this message. */
  public AddOperation message(String value) {
    this.message = value;
    return this;
  }

  public AddResult call() throws IOException {
    if (targets.isEmpty()) {
      throw new JdvcException("nothing to add", "name the files or directories to track");
    }
    if (message != null && jdvc.git().isEmpty()) {
      throw new JdvcException("-m needs a Git repository", "drop -m, or run jdvc in a Git work tree");
    }
    jdvc.openGitInBackground();
    try (RepoLock lock = jdvc.lock(); Sha256RecordFile.Journal journal = Sha256RecordFile.journal(jdvc)) {
      Workspace ws = jdvc.workspace();
      List<Path> paths = new ArrayList<>();
      for (Path t : targets) {
        paths.add(validate(jdvc.resolve(t)));
      }
      checkOverlaps(ws, paths);
      List<AddResult.Added> added = new ArrayList<>();
      Set<Path> touched = new LinkedHashSet<>();
      boolean allAdded = false;
      try {
        for (Path p : paths) {
          added.add(addOne(ws, p, touched));
        }
        allAdded = true;
      } finally {
        if (!allAdded) {
          ws.saveState();
        }
      }
      List<Path> toStage = new ArrayList<>();
      // After an add of a million files the state cache's save and the SHA-256 record's merge and staging take
      // seconds each, every one on a single core: the save runs beside the other two.
      List<String> unstaged = recordAndStage(journal, touched, toStage, ws);
      String commitId = null;
      if (message != null) {
        if (!jdvc.autostage()) {
          jdvc.git().get().stage(toStage);
        }
        // every target's pointer and ignore file, not just those changed now: an earlier add may have staged them
        Set<Path> toCommit = new LinkedHashSet<>(toStage);
        for (Path p : paths) {
          toCommit.add(Pointers.dvcFileFor(p));
          Path gitignore = p.getParent().resolve(".gitignore");
          if (Files.exists(gitignore)) {
            toCommit.add(gitignore);
          }
        }
        // the SHA-256 record goes with its union-merge attribute, which an earlier add may have staged
        Path attributes = jdvc.root().resolve(Sha256Record.GITATTRIBUTES_PATH);
        if (toCommit.contains(jdvc.root().resolve(Sha256Record.PATH)) && Files.exists(attributes)) {
          toCommit.add(attributes);
        }
        commitId = jdvc.git().get().commit(message, toCommit);
        unstaged = List.of();
      }
      return new AddResult(added, unstaged, commitId);
    }
  }

  private List<String> recordAndStage(Sha256RecordFile.Journal journal, Set<Path> touched, List<Path> toStage,
      Workspace ws) throws IOException {
    try {
      return BoundedExecutor.both(() -> {
        touched.addAll(journal.flush());
        toStage.addAll(touched);
        return jdvc.stageOrAdvise(toStage);
      }, ignored -> ws.saveState());
    } catch (BoundedExecutor.TaskException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e;
    }
  }

  private AddResult.Added addOne(Workspace ws, Path path, Set<Path> touched) throws IOException {
    Path dvcFile = Pointers.dvcFileFor(path);
    Output previous = null;
    DvcFile previousFile = null;
    if (Files.exists(dvcFile)) {
      previousFile = Pointers.CODEC.read(dvcFile);
      Pointers.requireSingleOutput(dvcFile, previousFile.outs());
      previous = previousFile.outs().get(0);
    }
    boolean store = !noCommit;
    Snapshot snap = null;
    if (previous != null && previous.isLegacy() && previous.md5() != null) {
      // DVC keeps a 2.x output on md5-dos2unix while its content is unchanged
      Snapshot legacy = ws.snapshot(path, true, store, jdvc.progressListener());
      if (legacy.oid().equals(previous.md5())) {
        snap = legacy;
      }
    }
    if (snap == null) {
      snap = ws.snapshot(path, false, store, jdvc.progressListener());
    }
    Output out = previous == null
        ? Output.of(path.getFileName().toString(), snap.oid(), snap.size(), snap.nfiles())
        : previous.withContent(snap.oid(), snap.size(), snap.nfiles(), snap.isExec());
    if (previous == null && snap.isExec()) {
      out = out.withContent(snap.oid(), snap.size(), snap.nfiles(), true);
    }
    DvcFile pointer = previousFile == null ? DvcFile.of(List.of(out)) : previousFile.withOuts(List.of(out));
    boolean changed = Pointers.write(dvcFile, pointer);
    if (changed) {
      touched.add(dvcFile);
    } else {
      Pointers.stageIfBehind(jdvc.git(), dvcFile, touched);
    }
    Optional<Path> ignoreChanged = Pointers.ignore(jdvc.git(), path);
    if (ignoreChanged.isPresent()) {
      touched.add(ignoreChanged.get());
    } else {
      Pointers.stageIfBehind(jdvc.git(), path.getParent().resolve(".gitignore"), touched);
    }
    if (!noCommit) {
      ws.relink(path, snap);
    }
    Oid oid = snap.oid();
    return new AddResult.Added(ws.relative(path), ws.relative(dvcFile), oid, snap.size(), snap.nfiles(), changed);
  }

  private Path validate(Path p) throws IOException {
    Path root = jdvc.root();
    OutputPaths.requireTrackable(jdvc.workspace(), p, Files.isDirectory(p));
    String shown = root.relativize(p).toString();
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new JdvcException("'" + shown + "' does not exist", "check the path");
    }
    if (Files.isSymbolicLink(p) && !jdvc.workspace().isCacheLink(p)) {
      // a link into the cache is jdvc's own checkout (cache.type = symlink): re-adding it is a no-op
      throw new JdvcException("'" + shown + "' is a symlink", "add the file or directory it points to instead");
    }
    if (p.getFileName().toString().endsWith(RepoLayout.DVCFILE_SUFFIX)) {
      throw new JdvcException("'" + shown + "' is a .dvc file", "add the data it describes, not the pointer");
    }
    if (jdvc.git().isPresent() && jdvc.git().get().isTracked(p)) {
      throw new JdvcException("output '" + shown + "' is already tracked by Git",
          "run 'git rm -r --cached " + shown + "' and commit, then add it with jdvc");
    }
    return p;
  }

  /** DVC refuses an output inside, or containing, another pointer's output. */
  private void checkOverlaps(Workspace ws, List<Path> paths) throws IOException {
    List<TrackedOutput> existing = jdvc.index().outputs();
    for (Path p : paths) {
      Path ownPointer = Pointers.dvcFileFor(p);
      OutputPaths.requireNoOverlap(ws, p, ownPointer, existing);
      for (Path q : paths) {
        if (q != p && (q.startsWith(p) || q.equals(p))) {
          throw new JdvcException("targets '" + ws.relative(p) + "' and '" + ws.relative(q) + "' overlap",
              "add only one of them");
        }
      }
    }
  }
}
