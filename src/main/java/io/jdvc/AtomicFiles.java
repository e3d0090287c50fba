package io.jdvc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Whole-file writes that a killed process cannot leave half-done: write a temp file beside the target, then
 * rename it over the target. Used for pointer files, configs and ignore files.
 */
public final class AtomicFiles {
  /** The longest file name, in bytes, that the usual file systems (ext4, XFS, APFS, tmpfs) accept. */
  private static final int NAME_MAX = 255;

  private AtomicFiles() {}

  /** {@code .<pid>-<uuid>.tmp}: the pid lets a later run tell the temp of a killed writer from a live one's. */
  private static final java.util.regex.Pattern TEMP = java.util.regex.Pattern.compile(
      "\\..*\\.(\\d+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

  private static String tempSuffix() {
    return "." + ProcessHandle.current().pid() + "-" + UUID.randomUUID() + ".tmp";
  }

  /**
   * Deletes the temp files in {@code dir} that a write of this class left when its process was killed (their
   * writer's pid is gone); returns how many. Another process's temp is left while that process lives.
   */
  public static int removeStaleTemps(Path dir) throws IOException {
    int removed = 0;
    try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*.tmp")) {
      for (Path p : ds) {
        java.util.regex.Matcher m = TEMP.matcher(p.getFileName().toString());
        if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(h -> !h.isAlive()).orElse(true)
            && Files.deleteIfExists(p)) {
          removed++;
        }
      }
    } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e) {
      return removed;
    }
    return removed;
  }

  /**
   * A temp file beside {@code target}: {@code "." + name + suffix}, with the target's name cut short (by UTF-8
   * bytes, never inside a character) so that the temp name stays within 255 bytes even when the target's own
   * name is as long as a name can be. The suffix is kept whole: cleanup code recognises temps by it.
   */
  public static Path tempBeside(Path target, String suffix) {
    String name = target.getFileName().toString();
    int budget = NAME_MAX - 1 - suffix.getBytes(StandardCharsets.UTF_8).length;
    int end = 0;
    int bytes = 0;
    while (end < name.length()) {
      int cp = name.codePointAt(end);
      int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + n > budget) {
        break;
      }
      bytes += n;
      end += Character.charCount(cp);
    }
    return target.resolveSibling("." + name.substring(0, end) + suffix);
  }

  /** Produces a file's content into a stream. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(java.io.OutputStream out) throws IOException;
  }

  /**
   * Streams new content to a temp file beside {@code target} and renames it over the target only if it differs
   * (so a large file is never held in memory, and an unchanged one keeps its mtime). Returns whether it changed.
   */
  public static boolean writeIfChanged(Path target, Writer writer) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = tempBeside(dir.resolve(target.getFileName()), tempSuffix());
    try {
      try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        writer.writeTo(out);
      }
      if (Files.exists(target) && Files.mismatch(tmp, target) == -1) {
        return false;
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return true;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static void write(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = tempBeside(dir.resolve(target.getFileName()), tempSuffix());
    try {
      Files.write(tmp, content);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
