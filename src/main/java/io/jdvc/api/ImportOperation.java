package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.cache.LocalCache;
import io.jdvc.history.RecordedOutput;
import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifest;
import io.jdvc.manifest.DirManifestCodec;
import io.jdvc.object.Oid;
import io.jdvc.pointer.DvcFile;
import io.jdvc.pointer.Output;
import io.jdvc.repo.RepoLock;
import io.jdvc.transfer.TransferReport;
import io.jdvc.workspace.CheckoutReport;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code jdvc import URL PATH}: tracks data of another repository in this one. Writes the import {@code .dvc} file
 * DVC writes ({@code frozen: true}, {@code deps: - path, repo: {url, rev, rev_lock}}), downloads the data from the
 * source's cache or default remote into this cache (verified) and checks it out, unless {@code --no-download}.
 */
public final class ImportOperation {
  private final Jdvc jdvc;
  private String url;
  private String path;
  private Path out;
  private String rev;
  private boolean noDownload;
  private boolean force;
  private int jobs = 16;

  ImportOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public ImportOperation url(String value) {
    this.url = value;
    return this;
  }

  public ImportOperation path(String value) {
    this.path = value;
    return this;
  }

  public ImportOperation out(Path value) {
    this.out = value;
    return this;
  }

  public ImportOperation rev(String value) {
    this.rev = value;
    return this;
  }

  /** Write the {@code .dvc} file only; {@code jdvc pull} (or {@code update}) downloads the data later. */
  public ImportOperation noDownload(boolean value) {
    this.noDownload = value;
    return this;
  }

  /** Replace an existing output and its {@code .dvc} file. */
  public ImportOperation force(boolean value) {
    this.force = value;
    return this;
  }

  public ImportOperation jobs(int value) {
    this.jobs = value;
    return this;
  }

  /**
   * What an import or update did.
   *
   * @param changed whether the {@code .dvc} file was written (an update to the same revision and data writes nothing)
   * @param unstaged the {@code git add} advice when autostage is off
   */
  public record Result(String path, String dvcFile, String url, String revLock, Oid oid, boolean changed,
      boolean downloaded, List<String> unstaged) {}

  public Result call() throws IOException {
    if (url == null || path == null) {
      throw new JdvcException("import needs a URL and a PATH", "jdvc import URL PATH [-o OUT]");
    }
    try (RepoLock lock = jdvc.lock();
        RepoSource source = RepoSource.open(url, rev, jdvc.layout().clonesDir(), jdvc.workingDir(), jdvc::notice)) {
      String name = RepoSource.normalize(path);
      Path target = GetOperation.destination(jdvc.workingDir(), out, name);
      requireFreeDestination(jdvc, target, force);
      return materialize(jdvc, source, new ImportPointers.Source(path, url, rev, source.commitId()), target,
          null, noDownload, force, jobs);
    }
  }

  /**
   * Writes (or rewrites) the import pointer for {@code target} from {@code source} and, unless {@code noDownload},
   * fetches and checks out its data. Shared by import and update; the caller holds the lock.
   *
   * @param previous the pointer being updated, or null
   */
  static Result materialize(Jdvc jdvc, RepoSource source, ImportPointers.Source dep, Path target, DvcFile previous,
      boolean noDownload, boolean force, int jobs) throws IOException {
    String name = RepoSource.normalize(dep.path());
    java.util.Optional<RepoSource.Located> found = source.locate(name);
    if (noDownload) {
      if (found.isEmpty() && source.git().readFile(source.commitId(), name).isEmpty()) {
        throw source.notTracked(name);
      }
      return publish(jdvc, ImportPointers.create(dep, hashless(target, previous, dep)), target, dep.url(),
          dep.revLock(), true, force);
    }
    if (found.isEmpty()) {
      // a file Git tracks in the source: DVC imports it too, hashed as it is in Git
      Oid oid = source.gitFileInto(jdvc.cache(), name).orElseThrow(() -> source.notTracked(name));
      Output out = Output.of(target.getFileName().toString(), oid, jdvc.cache().size(oid), null);
      return publish(jdvc, ImportPointers.create(dep, out), target, dep.url(), dep.revLock(), noDownload, force);
    }
    RepoSource.Located located = found.get();
    RecordedOutput o = located.output();
    if (o.oid() == null || !o.cached()) {
      throw new JdvcException("'" + name + "' has no data in " + source.shown() + " (it is not cached there)", null);
    }
    LocalCache cache = jdvc.cache();
    String inner = located.inner();
    TransferReport report = source.fetch(cache, o, rel -> inner == null
        || rel.equals(inner) || rel.startsWith(inner + "/"), jobs, jdvc.progressListener());
    GetOperation.requireComplete(report, source.url());
    Output out = output(cache, target.getFileName().toString(), o, inner, false);
    if (previous != null && previous.outs().size() == 1) {
      Output was = previous.outs().get(0);
      out = was.withContent(out.md5(), out.size(), out.nfiles(), was.isexec());
    }
    return publish(jdvc, ImportPointers.create(dep, out), target, dep.url(), dep.revLock(), noDownload, force);
  }

  /**
   * The output {@code --no-download} records, as DVC's: no hash, since nothing was downloaded to hash ({@code fetch}
   * and {@code pull} get the data later, see {@link HashlessImports}). An update to the commit the pointer already
   * records keeps its output.
   */
  private static Output hashless(Path target, DvcFile previous, ImportPointers.Source dep) {
    if (previous != null && previous.outs().size() == 1) {
      Output was = previous.outs().get(0);
      boolean sameCommit = dep.revLock().equals(ImportPointers.sourceOf(previous, target.toString()).revLock());
      return sameCommit ? was : was.withContent(null, null, null, was.isexec());
    }
    return Output.of(target.getFileName().toString(), null, null, null);
  }

  /**
   * Writes an import's pointer beside {@code target}, ignores the output in Git, checks the data out unless
   * {@code noDownload} (it is in the cache), and stages what changed. Shared by import, import-url and update.
   */
  static Result publish(Jdvc jdvc, DvcFile pointer, Path target, String url, String revLock, boolean noDownload,
      boolean force) throws IOException {
    Path dvcFile = Pointers.dvcFileFor(target);
    boolean changed = Pointers.write(dvcFile, pointer);
    List<Path> touched = new ArrayList<>();
    if (changed) {
      touched.add(dvcFile);
    }
    Pointers.ignore(jdvc.git(), target).ifPresent(touched::add);
    if (!noDownload) {
      Workspace ws = jdvc.workspace();
      for (TrackedOutput t : Targets.select(ws.collect(), List.of(target), jdvc.root())) {
        CheckoutReport r = ws.checkout(t, force, jdvc.progressListener());
        if (!r.missing().isEmpty() || !r.corrupt().isEmpty()) {
          throw new JdvcException("checkout of '" + t.repoPath() + "' is incomplete", "run 'jdvc checkout "
              + t.repoPath() + "'");
        }
      }
      ws.saveState();
    }
    List<String> unstaged = jdvc.stageOrAdvise(touched);
    return new Result(jdvc.workspace().relative(target), jdvc.workspace().relative(dvcFile), url, revLock,
        pointer.outs().get(0).md5(), changed, !noDownload, unstaged);
  }

  /**
   * Refuses a destination that exists (unless {@code force}), that cannot be tracked, or that overlaps another
   * output. Returns its pointer file.
   */
  static Path requireFreeDestination(Jdvc jdvc, Path target, boolean force) throws IOException {
    Path dvcFile = Pointers.dvcFileFor(target);
    if (!force && (Files.exists(target) || Files.exists(dvcFile))) {
      throw new JdvcException("'" + jdvc.workspace().relative(Files.exists(dvcFile) ? dvcFile : target)
          + "' already exists", "use --force to replace it, or give another OUT");
    }
    Workspace ws = jdvc.workspace();
    OutputPaths.requireTrackable(ws, target, false);
    OutputPaths.requireNoOverlap(ws, target, dvcFile, ws.collect());
    return dvcFile;
  }

  /** The import's output: the whole source output, one file of a tracked directory, or a part of one. */
  static Output output(LocalCache cache, String name, RecordedOutput o, String inner, boolean noDownload)
      throws IOException {
    if (inner == null) {
      return Output.of(name, o.oid(), o.size(), o.nfiles());
    }
    Map<String, Oid> files = ImportedFiles.of(cache, o.oid(), inner);
    if (files.isEmpty()) {
      throw new JdvcException("'" + o.path() + "/" + inner + "' is not in the directory " + o.path(),
          "list it with 'jdvc ls URL " + o.path() + "'");
    }
    if (files.size() == 1 && files.containsKey("")) {
      Oid oid = files.get("");
      return Output.of(name, oid, noDownload ? null : cache.size(oid), null);
    }
    List<DirEntry> entries = new ArrayList<>();
    long size = 0;
    for (Map.Entry<String, Oid> f : files.entrySet()) {
      entries.add(new DirEntry(f.getKey(), f.getValue()));
      size += noDownload ? 0 : cache.size(f.getValue());
    }
    DirManifestCodec codec = new DirManifestCodec();
    DirManifest part = new DirManifest(entries);
    Oid dir = codec.dirOid(part);
    if (!cache.contains(dir)) {
      cache.insertBytes(dir, codec.encode(part));
    }
    return Output.of(name, dir, noDownload ? null : size, (long) entries.size());
  }
}
