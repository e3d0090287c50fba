package io.jdvc;

import java.io.IOException;
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
  private AtomicFiles() {}

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
    Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
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
    Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
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
