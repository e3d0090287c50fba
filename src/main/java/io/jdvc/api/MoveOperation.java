package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.pointer.DvcFile;
import io.jdvc.pointer.Output;
import io.jdvc.repo.RepoLayout;
import io.jdvc.repo.RepoLock;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jdvc move SRC DST}: renames a tracked output and its pointer together ({@code data} + {@code data.dvc}
 * become {@code DST} + {@code DST.dvc}), moving the {@code .gitignore} entry along and keeping annotations.
 */
public final class MoveOperation {
  private final Jdvc jdvc;
  private Path source;
  private Path destination;

  MoveOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public MoveOperation paths(Path src, Path dst) {
    this.source = src;
    this.destination = dst;
    return this;
  }

  public MoveResult call() throws IOException {
    try (RepoLock lock = jdvc.lock()) {
      Workspace ws = jdvc.workspace();
      Path src = jdvc.resolve(source);
      Path dst = jdvc.resolve(destination);
      if (Files.isDirectory(dst)) {
        dst = dst.resolve(src.getFileName());
      }
      List<TrackedOutput> existing = jdvc.index().outputs();
      TrackedOutput found = null;
      for (TrackedOutput o : existing) {
        if (o.path().equals(src) || o.dvcFile().equals(src)) {
          found = o;
        }
      }
      if (found != null && found.isStageOutput()) {
        // DVC: "move is not permitted for stages that are not data sources"
        throw new JdvcException("cannot move '" + found.repoPath() + "': it is an output of " + found.owner(),
            "change the output's path in " + found.dvcPath() + " (and in the command that writes it), then run "
                + "'jdvc repro'");
      }
      if (found == null) {
        throw new JdvcException("'" + ws.relative(src) + "' is not a tracked output",
            "move untracked files with mv; list tracked data with 'jdvc ls'");
      }
      Pointers.requireSingleOutput(found.dvcFile(), found.pointer().outs());
      requireValidDestination(ws, found, dst, existing);
      Path newPointer = Pointers.dvcFileFor(dst);
      if (Files.exists(dst) || Files.exists(newPointer)) {
        throw new JdvcException("'" + ws.relative(Files.exists(dst) ? dst : newPointer) + "' already exists",
            "choose another destination");
      }
      List<Path> touched = new ArrayList<>();
      Files.createDirectories(dst.getParent());
      if (Files.exists(found.path())) {
        Files.move(found.path(), dst);
      }
      Output old = found.output();
      Output moved = new Output(dst.getFileName().toString(), old.md5(), old.size(), old.nfiles(), old.isexec(),
          old.hashName(), old.etag(), old.checksum(), old.versionId(), old.desc(), old.type(), old.labels(),
          old.meta(), old.cache(), old.persist(), old.remote(), old.push(), old.cloud(), old.files(),
          old.fsConfig());
      // the new pointer sits beside the output, so a wdir no longer applies (DVC's move resets it the same way)
      DvcFile was = found.pointer();
      DvcFile pointer = new DvcFile(List.of(moved), was.desc(), was.md5(), null, was.frozen(), was.locked(),
          was.deps(), was.alwaysChanged(), was.meta());
      Pointers.write(newPointer, pointer);
      Files.delete(found.dvcFile());
      touched.add(found.dvcFile());
      touched.add(newPointer);
      Pointers.unignore(jdvc.git(), found.path()).ifPresent(touched::add);
      Pointers.ignore(jdvc.git(), dst).ifPresent(touched::add);
      return new MoveResult(ws.relative(found.path()), ws.relative(dst), ws.relative(newPointer),
          jdvc.stageOrAdvise(touched));
    }
  }

  /** Refuses what add would refuse for the destination, so that a move never makes an output add could not. */
  private static void requireValidDestination(Workspace ws, TrackedOutput found, Path dst,
      List<TrackedOutput> existing) throws IOException {
    if (dst.startsWith(found.path())) {
      throw new JdvcException("cannot move '" + found.repoPath() + "' into itself ('" + ws.relative(dst) + "')",
          "choose a destination outside it");
    }
    OutputPaths.requireTrackable(ws, dst, Files.isDirectory(found.path()));
    if (dst.getFileName().toString().endsWith(RepoLayout.DVCFILE_SUFFIX)) {
      throw new JdvcException("'" + ws.relative(dst) + "' is a .dvc file name",
          "choose a destination that does not end in .dvc: DVC would read the data as a pointer file");
    }
    OutputPaths.requireNoOverlap(ws, dst, found.dvcFile(), existing);
  }
}
