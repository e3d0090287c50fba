package io.jdvc.workspace;

import io.jdvc.repo.RepoLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The walk that finds what the work tree tracks: every {@code .dvc} file's outputs, every {@code dvc.yaml} and
 * {@code dvc.lock}. It skips {@code .git}, {@code .dvc}, ignored paths and the contents of tracked directories and
 * of declared stage outputs, so a million-file dataset costs nothing here.
 */
final class OutputWalk {
  /** A pipeline's lock file and definition file: the walk only finds them; io.jdvc.pipeline reads them. */
  private static final String LOCK_FILE_NAME = "dvc.lock";
  private static final String PIPELINE_FILE_NAME = "dvc.yaml";

  private final Workspace workspace;
  /** The device of the repository if its file system counts directory links, else "none"; null until known. */
  private Object linkCountingDevice;

  OutputWalk(Workspace workspace) {
    this.workspace = workspace;
  }

  /** See {@link Workspace#collect(Workspace.PipelineFiles, Consumer)}. */
  List<TrackedOutput> collect(Workspace.PipelineFiles pipelineFiles, Consumer<Path> lockFiles) throws IOException {
    List<TrackedOutput> outputs = new ArrayList<>();
    Set<Path> declared = new HashSet<>();
    Deque<Path> pending = new ArrayDeque<>();
    pending.push(workspace.root());
    while (!pending.isEmpty()) {
      Path dir = pending.pop();
      List<Path> subdirs = new ArrayList<>();
      Set<Path> trackedHere = new HashSet<>();
      boolean leaf = hasNoSubdirectories(dir);
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        for (Path child : ds) {
          boolean isDir = !leaf && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
          if (workspace.ignore().isIgnoredChild(dir, child, isDir)) {
            continue;
          }
          if (isDir) {
            subdirs.add(child);
          } else if (child.getFileName().toString().endsWith(RepoLayout.DVCFILE_SUFFIX)
              && Files.isRegularFile(child)) {
            for (TrackedOutput o : workspace.outputsOf(child)) {
              outputs.add(o);
              trackedHere.add(o.path());
            }
          } else if (child.getFileName().toString().equals(LOCK_FILE_NAME) && Files.isRegularFile(child)) {
            lockFiles.accept(child);
          } else if (child.getFileName().toString().equals(PIPELINE_FILE_NAME) && Files.isRegularFile(child)) {
            declared.addAll(pipelineFiles.found(child));
          }
        }
      }
      for (Path sub : subdirs) {
        if (!trackedHere.contains(sub) && !declared.contains(sub)) {
          pending.push(sub);
        }
      }
    }
    outputs.sort((a, b) -> a.repoPath().compareTo(b.repoPath()));
    return outputs;
  }

  /** File systems whose directories have 2 links plus one per subdirectory (the convention find(1) relies on). */
  private static final Set<String> LINK_COUNTING_FILE_SYSTEMS = Set.of("ext2", "ext3", "ext4", "xfs", "tmpfs");

  /**
   * Whether a directory certainly has no subdirectories, known from one stat of the directory instead of one
   * per child: only on the repository's own file system and only when that is one known to count links so.
   */
  private boolean hasNoSubdirectories(Path dir) {
    if (linkCountingDevice == null) {
      try {
        linkCountingDevice = LINK_COUNTING_FILE_SYSTEMS.contains(Files.getFileStore(workspace.root()).type())
            ? Files.getAttribute(workspace.root(), "unix:dev") : "none";
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
        linkCountingDevice = "none";
      }
    }
    try {
      Map<String, Object> attrs = Files.readAttributes(dir, "unix:nlink,dev", LinkOption.NOFOLLOW_LINKS);
      return Integer.valueOf(2).equals(attrs.get("nlink")) && linkCountingDevice.equals(attrs.get("dev"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }
}
