package io.jdvc.api;

import io.jdvc.FileTrees;
import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.cache.LinkType;
import io.jdvc.cache.LocalCache;
import io.jdvc.object.Oid;
import io.jdvc.transfer.TransferReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code jdvc get URL PATH}: copies data (or a Git-tracked file) from another repository into the working directory,
 * tracking nothing. Inside a DVC repository the data passes through its cache and the clone is kept under
 * {@code .dvc/tmp}; elsewhere both live in a temp directory deleted afterwards. Every object is verified before it
 * is written.
 */
public final class GetOperation {
  private final Path workingDir;
  private String url;
  private String path;
  private Path out;
  private String rev;
  private boolean force;
  private int jobs = 16;
  private ProgressListener progress = ProgressListener.NONE;
  private Consumer<String> notices = s -> {};

  GetOperation(Path workingDir) {
    this.workingDir = workingDir.toAbsolutePath().normalize();
  }

  public GetOperation url(String value) {
    this.url = value;
    return this;
  }

  public GetOperation path(String value) {
    this.path = value;
    return this;
  }

  /** Where to write; null for the path's last name in the working directory. */
  public GetOperation out(Path value) {
    this.out = value;
    return this;
  }

  /** A branch, tag or commit of the source; null for its default branch. */
  public GetOperation rev(String value) {
    this.rev = value;
    return this;
  }

  /** Replace an existing file or directory at the destination. */
  public GetOperation force(boolean value) {
    this.force = value;
    return this;
  }

  public GetOperation jobs(int value) {
    this.jobs = value;
    return this;
  }

  public GetOperation progress(ProgressListener value) {
    this.progress = value;
    return this;
  }

  public GetOperation notices(Consumer<String> value) {
    this.notices = value;
    return this;
  }

  /** What was written: the destination, the source commit, files and bytes. */
  public record Result(Path out, String url, String commitId, int files, long bytes) {}

  public Result call() throws IOException {
    if (url == null || path == null) {
      throw new JdvcException("get needs a URL and a PATH", "jdvc get URL PATH [-o OUT]");
    }
    return RepoSource.withCache(workingDir, notices, this::run);
  }

  private Result run(LocalCache cache, Path clonesDir) throws IOException {
    String name = RepoSource.normalize(path);
    Path target = destination(workingDir, out, name);
    if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      if (!force) {
        throw new JdvcException("'" + target + "' already exists", "use --force to replace it, or -o OUT");
      }
    }
    try (RepoSource source = RepoSource.open(url, rev, clonesDir, workingDir, notices)) {
      var located = source.locate(name);
      if (located.isEmpty()) {
        return fromGit(source, name, target);
      }
      var o = located.get().output();
      String inner = located.get().inner();
      if (o.oid() == null || !o.cached()) {
        throw new JdvcException("'" + name + "' has no data in " + source.shown() + " (it is not cached there)", null);
      }
      TransferReport r = source.fetch(cache, o, rel -> inner == null || rel.equals(inner)
          || rel.startsWith(inner + "/"), jobs, progress);
      requireComplete(r, url);
      Map<String, Oid> files = ImportedFiles.of(cache, o.oid(), inner);
      if (files.isEmpty()) {
        throw source.notTracked(name);
      }
      replace(target);
      long bytes = 0;
      for (Map.Entry<String, Oid> f : files.entrySet()) {
        Path to = f.getKey().isEmpty() ? target : target.resolve(f.getKey());
        cache.linkOut(f.getValue(), to, List.of(LinkType.COPY));
        bytes += Files.size(to);
      }
      return new Result(target, url, source.commitId(), files.size(), bytes);
    }
  }

  /** A file or directory Git tracks in the source, copied as Git has it. */
  private Result fromGit(RepoSource source, String name, Path target) throws IOException {
    var file = source.git().readFile(source.commitId(), name);
    Map<String, byte[]> files = file.isPresent() ? Map.of("", file.get())
        : source.git().filesAt(source.commitId(), p -> p.startsWith(name + "/"));
    if (files.isEmpty()) {
      throw new JdvcException("'" + name + "' does not exist in " + source.shown() + " at "
          + source.commitId().substring(0, 7), "list its files with 'jdvc ls " + source.shown() + " -R'");
    }
    replace(target);
    long bytes = 0;
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path to = f.getKey().isEmpty() ? target : target.resolve(f.getKey().substring(name.length() + 1));
      Files.createDirectories(to.getParent());
      io.jdvc.AtomicFiles.write(to, f.getValue());
      bytes += f.getValue().length;
    }
    return new Result(target, url, source.commitId(), files.size(), bytes);
  }

  /** {@code out}, or inside it if it is a directory, or the path's last name in the working directory. */
  static Path destination(Path workingDir, Path out, String sourcePath) {
    String last = sourcePath.substring(sourcePath.lastIndexOf('/') + 1);
    if (out == null) {
      return workingDir.resolve(last);
    }
    Path o = workingDir.resolve(out).normalize();
    return Files.isDirectory(o) ? o.resolve(last) : o;
  }

  /** Fails naming what could not be fetched; nothing has been written yet. */
  static void requireComplete(TransferReport r, String url) {
    if (!r.failures().isEmpty()) {
      TransferReport.Failure f = r.failures().get(0);
      throw new JdvcException(r.failures().size() + " object(s) could not be fetched from "
          + io.jdvc.git.RepoClones.shown(url) + ": "
          + f.object().path() + " (" + f.object().oid() + "): " + f.reason(),
          f.corrupt() ? "the source's copy is damaged; nothing was written"
              : f.reason().contains("cannot be used") ? "fetch the data into the source repository's cache (with "
                  + "DVC, if jdvc cannot use its remote), then try again; nothing was written"
              : "push the data in the source repository ('jdvc push' there), then try again; nothing was written");
    }
  }

  private void replace(Path target) throws IOException {
    if (force) {
      FileTrees.deleteTree(target);
    }
  }

}
