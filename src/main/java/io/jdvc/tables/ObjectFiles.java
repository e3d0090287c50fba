package io.jdvc.tables;

import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.hash.FileHasher;
import io.jdvc.object.Oid;
import io.jdvc.remote.ObjectNotFoundException;
import io.jdvc.remote.Remote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Local bytes for a table's files, looked for in order: the workspace (only when its file still has the wanted
 * MD5), the cache, the default remote. A download goes to {@code .dvc/tmp/jdvc/fetched/}, is verified against its
 * MD5 and deleted on {@link #close}: these commands read data, they never add it to the cache or the workspace.
 */
final class ObjectFiles implements AutoCloseable {
  /** Bytes read from the end of a remote Parquet file for its footer, which usually holds it whole. */
  static final int FOOTER_GUESS = 64 * 1024;

  private final TableContext ctx;
  private final List<Path> downloaded = new ArrayList<>();
  private Remote remote;
  private boolean remoteOpened;
  private io.jdvc.remote.RemoteUnavailableException unreachable;

  ObjectFiles(TableContext ctx) {
    this.ctx = ctx;
  }

  /** The local files of a table, every one present (downloaded if need be). */
  LocalTable local(ResolvedTable table, List<TableFile> files) throws IOException {
    List<Path> paths = new ArrayList<>();
    for (TableFile f : files) {
      paths.add(local(table, f));
    }
    return new LocalTable(files.size() == 1 && table.files().size() > 1
        ? files.get(0).repoPath() + (table.rev() == null ? "" : "@" + table.rev()) : table.label(), table.format(),
        paths, table.options());
  }

  /**
   * Files from which the engine can read the schemas of a Parquet table: the local file where there is one, else a
   * sparse file of the object's size holding only its footer (the Parquet metadata at the end, all a schema needs),
   * read from the default remote with a size query and at most two ranged reads, so a CI job without the data never
   * downloads it. Nothing but the schema may be read from such a file; it is deleted on {@link #close}.
   */
  LocalTable footers(ResolvedTable table, List<TableFile> files) throws IOException {
    List<Path> paths = new ArrayList<>();
    for (TableFile f : files) {
      Path p = present(table, f);
      paths.add(p != null ? p : footer(table, f));
    }
    return new LocalTable(table.label(), table.format(), paths, table.options());
  }

  /** The last bytes of a Parquet file: the metadata, its length (4 bytes, little-endian) and "PAR1". */
  private Path footer(ResolvedTable table, TableFile f) throws IOException {
    Optional<Remote> r = remote();
    if (unreachable != null) {
      throw unreachable(table, f, unreachable);
    }
    try {
      Optional<io.jdvc.object.ObjectInfo> info = r.isPresent() ? r.get().stat(f.oid()) : Optional.empty();
      if (info.isEmpty()) {
        throw unavailable(table, f, r);
      }
      return footer(r.get(), f, info.get().size());
    } catch (io.jdvc.remote.RemoteUnavailableException e) {
      unreachable = e;
      throw unreachable(table, f, e);
    }
  }

  private Path footer(Remote r, TableFile f, long size) throws IOException {
    int guess = (int) Math.min(size, FOOTER_GUESS);
    byte[] tail = r.readRange(f.oid(), size - guess, guess, java.io.InputStream::readAllBytes);
    if (tail.length >= 8) {
      long needed = java.nio.ByteBuffer.wrap(tail, tail.length - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
          .getInt() & 0xffffffffL;
      needed += 8;
      if (needed > tail.length && needed <= size) { // a footer larger than the guess: read the rest of it
        byte[] head = r.readRange(f.oid(), size - needed, needed - tail.length,
            java.io.InputStream::readAllBytes);
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        tail = all;
      }
    }
    Path dir = Files.createDirectories(ctx.jdvcTmp().resolve("fetched"));
    Path sparse = Files.createTempFile(dir, f.oid().value(), ".footer.parquet");
    downloaded.add(sparse);
    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
      raf.setLength(size);
      raf.seek(size - tail.length);
      raf.write(tail);
    }
    return sparse;
  }

  /** The file's bytes if this machine has them (the workspace, the cache), else null. */
  private Path present(ResolvedTable table, TableFile f) throws IOException {
    Path ws = ctx.root().resolve(f.repoPath());
    if (table.rev() == null) {
      return ws;
    }
    Path cached = ctx.cache().pathOf(f.oid());
    if (Files.isRegularFile(cached)) {
      return cached;
    }
    if (Files.isRegularFile(ws) && ctx.workspace().get().snapshot(ws, false, false, ProgressListener.NONE).oid()
        .equals(f.oid())) {
      return ws;
    }
    return null;
  }

  private Path local(ResolvedTable table, TableFile f) throws IOException {
    Path here = present(table, f);
    if (here != null) {
      return here;
    }
    Optional<Remote> r = remote();
    if (unreachable != null) {
      throw unreachable(table, f, unreachable);
    }
    if (r.isPresent()) {
      Path dir = ctx.jdvcTmp().resolve("fetched");
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, f.oid().value(), ".tmp");
      downloaded.add(tmp);
      try {
        r.get().download(f.oid(), tmp, n -> {});
        Oid actual = FileHasher.hash(tmp, false);
        if (!actual.equals(f.oid())) {
          throw new JdvcException("the remote's copy of " + f.repoPath() + "@" + table.rev() + " is corrupt (it hashes"
              + " to " + actual.value() + ", not " + f.oid().value() + ")", "run 'jdvc audit' to find damaged "
                  + "objects on the remote");
        }
        Path done = dir.resolve(tmp.getFileName().toString().replace(".tmp", "." + table.format().id()));
        Files.move(tmp, done, StandardCopyOption.REPLACE_EXISTING);
        downloaded.add(done);
        return done;
      } catch (ObjectNotFoundException e) {
        // reported below
      } catch (io.jdvc.remote.RemoteUnavailableException e) {
        unreachable = e;
        throw unreachable(table, f, e);
      }
    }
    throw unavailable(table, f, r);
  }

  /** The remote holds the only copy, as far as anyone knows, but cannot be used: the data is not retrievable. */
  private static DataUnavailableException unreachable(ResolvedTable table, TableFile f,
      io.jdvc.remote.RemoteUnavailableException e) {
    return new DataUnavailableException(f.repoPath() + "@" + table.rev() + " (" + f.oid().value() + ") is neither in "
        + "the cache nor in the workspace, and the default remote cannot be used: " + e.getMessage(), e.hint(), e);
  }

  /** Remembers that the default remote cannot be used, so that reads of data fail at once instead of retrying. */
  void unreachable(io.jdvc.remote.RemoteUnavailableException e) {
    unreachable = e;
  }

  private static DataUnavailableException unavailable(ResolvedTable table, TableFile f, Optional<Remote> r) {
    return new DataUnavailableException(f.repoPath() + "@" + table.rev() + " (" + f.oid().value() + ") is neither in "
        + "the cache nor in the workspace" + (r.isPresent() ? ", nor on remote '" + r.get().name() + "'"
            : ", and no default remote is configured"),
        "fetch it with 'jdvc fetch' (or 'jdvc pull') at that revision");
  }

  /** The default remote, opened on first use (closed with this); empty when none is configured. */
  Optional<Remote> remote() {
    if (!remoteOpened) {
      remoteOpened = true;
      remote = ctx.defaultRemote().get().orElse(null);
    }
    return Optional.ofNullable(remote);
  }

  @Override
  public void close() throws IOException {
    if (remote != null) {
      remote.close();
    }
    for (Path p : downloaded) {
      Files.deleteIfExists(p);
    }
  }
}
