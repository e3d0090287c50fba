package io.jdvc.workspace;

import io.jdvc.JdvcException;
import io.jdvc.cache.LocalCache;
import io.jdvc.concurrent.BoundedExecutor;
import io.jdvc.hash.FileStamp;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Lists the files that make up a tracked directory, as DVC's walk does: files only (empty directories leave no
 * trace), {@code .dvcignore} applied, symlinked directories not descended, symlinked files hashed by content but
 * only when they resolve inside the repository. Directories of one level are read in parallel: a warm status
 * is mostly this walk, one lstat per file.
 */
final class DirectoryScanner {
  /** Temp files jdvc itself writes beside workspace files; a killed checkout may leave one behind. */
  private static final Pattern OWN_TEMP =
      Pattern.compile("\\..+" + Pattern.quote(LocalCache.WORKSPACE_TEMP_MARK) + "[0-9]+-[0-9]+\\.tmp");

  private final Path repoRoot;
  private final DvcIgnore ignore;
  private final int threads;

  /** Whether a file name is one of jdvc's own workspace temp names ({@code .<name>.jdvc-<pid>-<n>.tmp}). */
  static boolean isOwnTemp(String name) {
    return name.startsWith(".") && name.endsWith(".tmp") && OWN_TEMP.matcher(name).matches();
  }

  DirectoryScanner(Path repoRoot, DvcIgnore ignore, int threads) {
    this.repoRoot = repoRoot;
    this.ignore = ignore;
    this.threads = threads;
  }

  /** A directory to read and its relpath prefix ("" for the tracked directory itself, else "a/b/"). */
  private record Pending(Path dir, String prefix) {}

  List<WorkspaceFile> scan(Path dir) throws IOException {
    return scan(dir, temp -> {}, link -> {});
  }

  /**
   * As {@link #scan(Path)}, handing every temp file of jdvc's own that it skips to {@code ownTemps} and every
   * symlink to a directory that it does not descend to {@code linkedDirs}.
   */
  List<WorkspaceFile> scan(Path dir, Consumer<Path> ownTemps, Consumer<Path> linkedDirs) throws IOException {
    Path realRoot = repoRoot.toRealPath();
    List<WorkspaceFile> files = Collections.synchronizedList(new ArrayList<>());
    List<Pending> level = List.of(new Pending(dir, ""));
    while (!level.isEmpty()) {
      List<Pending> next = Collections.synchronizedList(new ArrayList<>());
      BoundedExecutor.forEach(level, level.size() > 1 ? threads : 1,
          p -> readDirectory(dir, p, realRoot, files, next, ownTemps, linkedDirs));
      level = next;
    }
    return files;
  }

  // relpaths are built by concatenation: Path.relativize per file is measurably slow for 20k files
  private void readDirectory(Path top, Pending p, Path realRoot, List<WorkspaceFile> files, List<Pending> next,
      Consumer<Path> ownTemps, Consumer<Path> linkedDirs) throws IOException {
    List<WorkspaceFile> found = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(p.dir())) {
      for (Path child : ds) {
        BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        String name = child.getFileName().toString();
        if (isOwnTemp(name)) {
          ownTemps.accept(child);
          continue;
        }
        if (name.equals(DvcIgnore.FILE_NAME)) {
          throw new JdvcException("'" + repoRoot.relativize(child) + "' is inside the directory being tracked",
              "DVC does not allow a .dvcignore inside a tracked directory; move its patterns to "
                  + repoRoot.relativize(top.getParent() == null ? top : top.getParent()) + "/.dvcignore");
        }
        if (attrs.isSymbolicLink()) {
          if (!Files.exists(child)) {
            throw new JdvcException("broken symlink '" + repoRoot.relativize(child) + "'",
                "remove it or fix its target before tracking this directory");
          }
          if (Files.isDirectory(child)) {
            linkedDirs.accept(child);
            continue;
          }
          if (!child.toRealPath().startsWith(realRoot)) {
            throw new PathOutsideRepoException(
                "symlink '" + repoRoot.relativize(child) + "' points outside the repository");
          }
          attrs = Files.readAttributes(child, BasicFileAttributes.class);
        }
        boolean isDir = attrs.isDirectory();
        if (ignore.isIgnoredChild(p.dir(), child, isDir)) {
          continue;
        }
        if (isDir) {
          next.add(new Pending(child, p.prefix() + name + "/"));
        } else if (attrs.isRegularFile()) {
          found.add(new WorkspaceFile(p.prefix() + name, top, FileStamp.of(attrs)));
        }
      }
    }
    files.addAll(found);
  }
}
