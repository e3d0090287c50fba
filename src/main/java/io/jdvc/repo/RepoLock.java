package io.jdvc.repo;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Keeps two jdvc processes from writing one repository at once. The lock is an OS file lock on
 * {@code .dvc/tmp/jdvc.lock}, so the kernel releases it when a process dies, even by kill -9; the file also holds
 * the owner's pid so that a waiting user can be told who holds it, and a leftover pid of a dead process is
 * reported as taken over.
 */
public final class RepoLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;
  private final java.time.Instant staleLockTakenAt;

  private RepoLock(FileChannel channel, FileLock lock, java.time.Instant staleLockTakenAt) {
    this.channel = channel;
    this.lock = lock;
    this.staleLockTakenAt = staleLockTakenAt;
  }

  /**
   * When this lock was taken over from a process that died holding it: the moment that process had taken it
   * (empty if the lock was free, or the dead holder wrote no time). What appeared after that moment and is
   * guarded by this lock was that process's work.
   */
  public java.util.Optional<java.time.Instant> staleLockTakenAt() {
    return java.util.Optional.ofNullable(staleLockTakenAt);
  }

  /** Takes the lock or fails at once with the holder's pid; {@code notices} hears about a stale lock taken over. */
  public static RepoLock acquire(Path lockFile, Consumer<String> notices) {
    try {
      Files.createDirectories(lockFile.getParent());
      FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      String[] owner = readOwner(ch).split(" ");
      String previous = owner[0];
      if (lock == null) {
        ch.close();
        throw new JdvcException("the repository is locked by another jdvc process"
            + (previous.isEmpty() ? "" : " (pid " + previous + ")"),
            "wait for it to finish; the lock is released automatically when that process exits");
      }
      java.time.Instant staleSince = null;
      if (!previous.isEmpty() && !previous.equals(Long.toString(ProcessHandle.current().pid()))) {
        notices.accept("taking over a stale lock left by process " + previous + ", which is no longer running");
        staleSince = owner.length > 1 && owner[1].matches("\\d+")
            ? java.time.Instant.ofEpochMilli(Long.parseLong(owner[1])) : null;
      }
      ch.truncate(0);
      // "pid millis": who holds the lock, and since when
      ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + " " + System.currentTimeMillis() + "\n")
          .getBytes(StandardCharsets.US_ASCII)), 0);
      return new RepoLock(ch, lock, staleSince);
    } catch (IOException e) {
      throw new JdvcException("cannot lock the repository: " + e.getMessage(), null, e);
    }
  }

  private static String readOwner(FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(64);
    ch.read(buf, 0);
    return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
  }

  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the OS drops the lock with the channel anyway
    }
  }
}
