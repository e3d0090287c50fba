package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.git.GitRepo;
import io.jdvc.history.DvcLock;
import io.jdvc.history.PointerFiles;
import io.jdvc.history.RecordedOutput;
import io.jdvc.workspace.TrackedOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The outputs the work tree's pointers record, in history's terms, so that the workspace can stand beside
 * revisions (gc always keeps it; diff compares against it). {@code dvc.lock} files are every one the work tree's
 * walk for {@code .dvc} files meets (committed or not, {@code .dvcignore} applied), the root one, and those Git
 * tracks at HEAD, read from the work tree. One that cannot be parsed fails the whole collection: gc must never
 * delete what it might name.
 */
final class WorkspaceOutputs {
  private WorkspaceOutputs() {}

  static List<RecordedOutput> collect(Jdvc jdvc) throws IOException {
    List<RecordedOutput> all = new ArrayList<>();
    TreeSet<String> locks = new TreeSet<>();
    for (TrackedOutput t : jdvc.workspace().collect(lock -> locks.add(jdvc.workspace().relative(lock)))) {
      all.add(PointerFiles.of(t.dvcPath(), t.repoPath(), t.output()));
    }
    locks.add(DvcLock.FILE_NAME);
    Optional<GitRepo> git = jdvc.git();
    if (git.isPresent()) {
      try {
        locks.addAll(git.get().blobIdsAt("HEAD", PointerFiles::isLockFile).keySet());
      } catch (JdvcException e) {
        // no commits yet: only the root dvc.lock can exist as far as we know
      }
    }
    for (String lock : locks) {
      Path file = jdvc.root().resolve(lock);
      if (Files.isRegularFile(file)) {
        Path yaml = jdvc.root().resolve(DvcLock.pipelineFileOf(lock));
        all.addAll(DvcLock.parse(lock, Files.readAllBytes(file),
            Files.isRegularFile(yaml) ? Files.readAllBytes(yaml) : null).outs());
      }
    }
    return all;
  }
}
