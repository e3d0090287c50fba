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
  private final TableContext ctx;
  private final List<Path> downloaded = new ArrayList<>();
  private Remote remote;
  private boolean remoteOpened;

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

  private Path local(ResolvedTable table, TableFile f) throws IOException {
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
    Optional<Remote> r = remote();
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
      }
    }
    throw new DataUnavailableException(f.repoPath() + "@" + table.rev() + " (" + f.oid().value() + ") is neither in "
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
