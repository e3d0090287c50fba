package io.jdvc.tables;

import io.jdvc.FileTrees;
import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.cache.LocalCache;
import io.jdvc.git.GitRepo;
import io.jdvc.git.RevisionRef;
import io.jdvc.history.DataFile;
import io.jdvc.history.DataFiles;
import io.jdvc.history.ManifestStore;
import io.jdvc.history.RecordedOutput;
import io.jdvc.history.RevisionScanner;
import io.jdvc.object.Oid;
import io.jdvc.remote.Remote;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the files of a table named {@code PATH[@REV]}: a file, a directory (every table file below it), or a glob
 * ({@code data/part-*.parquet}) read as one table. Without {@code @REV} from the workspace (files hashed through the
 * state cache, so unchanged files are not read); with it from that commit's {@code .dvc} files and {@code dvc.lock},
 * directories expanded through their {@code .dir} manifests (fetched from the default remote if missing).
 */
final class TableResolver implements AutoCloseable {
  private final TableContext ctx;
  private RevisionScanner scanner;
  private Remote remote;
  private ManifestStore manifests;
  private Path fetchedManifests;

  TableResolver(TableContext ctx) {
    this.ctx = ctx;
  }

  /** Splits {@code PATH@REV}; a path that exists as written (with its '@') is a path. */
  static String[] split(String spec, Path workingDir) {
    int at = spec.lastIndexOf('@');
    if (at <= 0 || at == spec.length() - 1 || Files.exists(workingDir.resolve(spec))) {
      return new String[] {spec, null};
    }
    return new String[] {spec.substring(0, at), spec.substring(at + 1)};
  }

  ResolvedTable resolve(String spec) throws IOException {
    String[] parts = split(spec, ctx.workingDir());
    return resolve(parts[0], parts[1]);
  }

  /** @param rev null for the workspace */
  ResolvedTable resolve(String path, String rev) throws IOException {
    String repoPath = repoPath(path);
    List<TableFile> files = rev == null ? workspaceFiles(repoPath) : revisionFiles(repoPath, rev);
    String commit = rev == null ? null : git().resolve(rev);
    if (files.isEmpty()) {
      throw new JdvcException("no table at '" + path + "'" + (rev == null ? " in the workspace" : " in " + rev),
          rev == null ? "name a .parquet, .csv, .tsv or .json file, a directory of them, or a glob"
              : "check the path with 'jdvc ls' or 'git show " + rev + ":<path>.dvc'");
    }
    TableFormat format = TableFormat.require(files.get(0).repoPath());
    for (TableFile f : files) {
      if (TableFormat.require(f.repoPath()) != format) {
        throw new JdvcException("'" + path + "' mixes " + format.id() + " and " + TableFormat.require(f.repoPath())
            .id() + " files (" + files.get(0).repoPath() + ", " + f.repoPath() + ")",
            "name one format with a glob, e.g. '" + path + "/*." + format.id() + "'");
      }
    }
    return new ResolvedTable(path, rev, commit, format, files);
  }

  private String repoPath(String path) {
    Path abs = ctx.workingDir().resolve(path).normalize();
    if (!abs.startsWith(ctx.root())) {
      throw new JdvcException("'" + path + "' is outside the repository " + ctx.root(), null);
    }
    return ctx.root().relativize(abs).toString().replace('\\', '/');
  }

  private static boolean isGlob(String p) {
    return p.contains("*") || p.contains("?") || p.contains("[") || p.contains("{");
  }

  /** The part of a glob before its first wildcard segment: where to look for matches. */
  private static String fixedPrefix(String glob) {
    String[] segs = glob.split("/");
    List<String> fixed = new ArrayList<>();
    for (String s : segs) {
      if (isGlob(s)) {
        break;
      }
      fixed.add(s);
    }
    return String.join("/", fixed);
  }

  private List<TableFile> workspaceFiles(String repoPath) throws IOException {
    Path root = ctx.root();
    List<String> paths = new ArrayList<>();
    if (isGlob(repoPath)) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + repoPath);
      Path base = root.resolve(fixedPrefix(repoPath));
      if (Files.isDirectory(base)) {
        try (Stream<Path> s = Files.walk(base)) {
          s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
              .filter(p -> m.matches(Path.of(p))).forEach(paths::add);
        }
      }
    } else {
      Path p = root.resolve(repoPath);
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/'))
              .filter(f -> TableFormat.ofName(f).isPresent()).forEach(paths::add);
        }
      } else if (Files.isRegularFile(p)) {
        paths.add(repoPath);
      } else {
        throw new JdvcException("no such file or directory: " + repoPath, "to read a committed version, add "
            + "@REV (e.g. " + repoPath + "@HEAD)");
      }
    }
    paths.removeIf(p -> p.startsWith(".dvc/") || p.startsWith(".git/")); // jdvc's and Git's own files
    paths.sort(null);
    Workspace ws = ctx.workspace().get();
    List<TableFile> files = new ArrayList<>();
    try {
      for (String p : paths) {
        files.add(new TableFile(p, ws.snapshot(root.resolve(p), false, false, ProgressListener.NONE).oid()));
      }
    } finally {
      ws.saveState();
    }
    return files;
  }

  private List<TableFile> revisionFiles(String repoPath, String rev) throws IOException {
    GitRepo git = git();
    String commit = git.resolve(rev);
    boolean glob = isGlob(repoPath);
    String prefix = glob ? fixedPrefix(repoPath) : repoPath;
    List<RecordedOutput> outs = new ArrayList<>();
    for (RecordedOutput o : scanner().outputsAt(commit)) {
      if (o.covers(prefix) || prefix.isEmpty() || o.path().startsWith(prefix + "/")) {
        outs.add(o);
      }
    }
    if (outs.isEmpty()) {
      throw new JdvcException("'" + repoPath + "' is not tracked in " + rev,
          "list what " + rev + " tracks with 'jdvc ls' at that revision, or 'jdvc log " + prefix + "'");
    }
    PathMatcher m = glob ? FileSystems.getDefault().getPathMatcher("glob:" + repoPath) : null;
    List<TableFile> files = new ArrayList<>();
    {
      for (DataFile f : DataFiles.expand(outs, manifests())) {
        boolean match = glob ? m.matches(Path.of(f.path()))
            : f.path().equals(repoPath) || f.path().startsWith(repoPath + "/")
                && TableFormat.ofName(f.path()).isPresent();
        if (match) {
          if (f.oid().isDir()) {
            throw new JdvcException("the file list of " + f.path() + " in " + rev + " (" + f.oid().value()
                + ") is neither in the cache nor on the default remote", "fetch it: jdvc fetch --rev ... or "
                    + "jdvc pull " + f.path());
          }
          files.add(new TableFile(f.path(), f.oid()));
        }
      }
    }
    return files;
  }

  /**
   * The versions of a table, newest first, walking first parents back from {@code rev}: each with the commit that
   * introduced it (the oldest of the consecutive commits holding the same files). Stops where the table is not
   * tracked, or after {@code max} versions.
   */
  List<Version> versions(String path, String rev, int max) throws IOException {
    String repoPath = repoPath(path);
    List<Version> out = new ArrayList<>();
    List<Oid> last = null;
    for (RevisionRef r : git().ancestry(rev, Integer.MAX_VALUE)) {
      List<TableFile> files;
      try {
        files = revisionFiles(repoPath, r.commitId());
      } catch (JdvcException e) {
        break; // not tracked (or not readable) from here back
      }
      List<Oid> oids = files.stream().map(TableFile::oid).toList();
      if (files.isEmpty()) {
        break;
      }
      if (oids.equals(last)) {
        out.set(out.size() - 1, new Version(r, files));
        continue;
      }
      if (out.size() == max) {
        break;
      }
      out.add(new Version(r, files));
      last = oids;
    }
    return out;
  }

  /** One version of a table in history: the files it held and the commit that introduced them. */
  record Version(RevisionRef commit, List<TableFile> files) {}

  /**
   * Manifests from the cache, or fetched from the default remote into a scratch directory under
   * {@code .dvc/tmp/jdvc/fetched/} (deleted on close): the data commands never write to the cache.
   */
  private ManifestStore manifests() throws IOException {
    if (manifests == null) {
      remote = ctx.defaultRemote().get().orElse(null);
      if (remote == null) {
        manifests = new ManifestStore(ctx.cache(), List.of());
      } else {
        fetchedManifests = Files.createDirectories(ctx.jdvcTmp().resolve("fetched"))
            .resolve("manifests-" + java.util.UUID.randomUUID());
        manifests = new ManifestStore(ctx.cache(), new LocalCache(fetchedManifests), List.of(remote), w -> {});
      }
    }
    return manifests;
  }

  @Override
  public void close() {
    if (remote != null) {
      remote.close();
      remote = null;
    }
    if (fetchedManifests != null) {
      try {
        FileTrees.deleteTree(fetchedManifests);
      } catch (IOException e) {
        // scratch space under .dvc/tmp: left for the next run to overwrite, never read as a cache
      }
      fetchedManifests = null;
    }
  }

  private GitRepo git() {
    Optional<GitRepo> g = ctx.git().get();
    return g.orElseThrow(() -> new JdvcException("reading a revision needs Git, but " + ctx.root()
        + " is not in a Git work tree", "name the workspace file without @REV"));
  }

  private RevisionScanner scanner() {
    if (scanner == null) {
      scanner = new RevisionScanner(git()).skipUnreadable(ctx.notices());
    }
    return scanner;
  }
}
