package io.jdvc.workspace;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Lists the files that make up a tracked directory, as DVC's walk does: files only (empty directories leave no
 * trace), {@code .dvcignore} applied, symlinked directories not descended, symlinked files hashed by content but
 * only when they resolve inside the repository.
 */
final class DirectoryScanner {
  /** Temp files jdvc itself writes beside workspace files; a killed checkout may leave one behind. */
  private static final java.util.regex.Pattern OWN_TEMP =
      java.util.regex.Pattern.compile("\\..+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");
  private final Path repoRoot;
  private final DvcIgnore ignore;

  DirectoryScanner(Path repoRoot, DvcIgnore ignore) {
    this.repoRoot = repoRoot;
    this.ignore = ignore;
  }

  List<WorkspaceFile> scan(Path dir) throws IOException {
    List<WorkspaceFile> files = new ArrayList<>();
    Deque<Path> pending = new ArrayDeque<>();
    pending.push(dir);
    Path realRoot = repoRoot.toRealPath();
    while (!pending.isEmpty()) {
      Path current = pending.pop();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(current)) {
        for (Path child : ds) {
          BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class,
              LinkOption.NOFOLLOW_LINKS);
          String name = child.getFileName().toString();
          if (name.startsWith(".") && name.endsWith(".tmp") && OWN_TEMP.matcher(name).matches()) {
            continue;
          }
          if (name.equals(DvcIgnore.FILE_NAME)) {
            throw new JdvcException("'" + repoRoot.relativize(child) + "' is inside the directory being tracked",
                "DVC does not allow a .dvcignore inside a tracked directory; move its patterns to "
                    + repoRoot.relativize(dir.getParent() == null ? dir : dir.getParent()) + "/.dvcignore");
          }
          if (attrs.isSymbolicLink()) {
            if (!Files.exists(child)) {
              throw new JdvcException("broken symlink '" + repoRoot.relativize(child) + "'",
                  "remove it or fix its target before tracking this directory");
            }
            if (Files.isDirectory(child)) {
              continue;
            }
            if (!child.toRealPath().startsWith(realRoot)) {
              throw new PathOutsideRepoException(
                  "symlink '" + repoRoot.relativize(child) + "' points outside the repository");
            }
            attrs = Files.readAttributes(child, BasicFileAttributes.class);
          }
          boolean isDir = attrs.isDirectory();
          if (ignore.isIgnoredChild(current, child, isDir)) {
            continue;
          }
          if (isDir) {
            pending.push(child);
          } else if (attrs.isRegularFile()) {
            files.add(new WorkspaceFile(dir.relativize(child).toString().replace('\\', '/'), child, attrs));
          }
        }
      }
    }
    return files;
  }
}
