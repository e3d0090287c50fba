package io.jdvc.cache;

import io.jdvc.TempFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A workspace copy of an object, written from the same bytes while the object itself is downloaded into the
 * cache: a pull then writes each byte once per file instead of downloading and afterwards copying it out of the
 * cache. The copy is a temp file beside its target, named like {@link LocalCache#linkOut}'s temps (so walks skip
 * a leftover), and appears under the target's name only through {@link #publish()}, which the caller calls after
 * the object verified; {@link #close()} deletes it otherwise. It never replaces a file that exists.
 */
public final class WorkspaceCopy implements Closeable {
  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private boolean published;
  /** Whether an attempt may have written to the copy already. */
  private boolean started;

  private WorkspaceCopy(Path target, Path temp, FileChannel channel) {
    this.target = target;
    this.temp = temp;
    this.channel = channel;
  }

  /**
   * Creates the temp file with the default, writable mode. The target's directory must exist: the caller
   * knows which directories it already made, and a pull of 20k files should not ask the file system 20k times.
   */
  public static WorkspaceCopy create(Path target) throws IOException {
    Path temp = TempFiles.track(LocalCache.workspaceTempFor(target));
    try {
      return new WorkspaceCopy(target, temp, FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE));
    } catch (IOException | RuntimeException e) {
      TempFiles.delete(temp);
      throw e;
    }
  }

  public Path target() {
    return target;
  }

  /** Where the bytes go; positional writes are safe from several threads. */
  public FileChannel channel() {
    return channel;
  }

  /**
   * Empties the copy for another attempt at the download: a broken one may have written part of it. The first
   * attempt finds the file empty and costs no system call (a pull of 20k files calls this 20k times).
   */
  public void restart() throws IOException {
    if (started) {
      channel.truncate(0);
      channel.position(0);
    }
    started = true;
  }

  /**
   * Renames the finished copy to its target unless a file appeared there meanwhile; returns whether it did.
   * Call only once the object's bytes are verified.
   */
  public boolean publish() throws IOException {
    channel.close();
    try {
      // without ATOMIC_MOVE, Files.move refuses an existing target instead of replacing it as rename(2) would
      Files.move(temp, target);
    } catch (FileAlreadyExistsException e) {
      return false;
    }
    published = true;
    return true;
  }

  @Override
  public void close() throws IOException {
    channel.close();
    TempFiles.release(temp, published);
  }
}
