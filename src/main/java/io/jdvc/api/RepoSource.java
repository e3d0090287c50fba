package io.jdvc.api;

import io.jdvc.FileTrees;
import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.cache.LocalCache;
import io.jdvc.git.GitRepo;
import io.jdvc.git.RepoClones;
import io.jdvc.history.RecordedOutput;
import io.jdvc.history.RevisionScanner;
import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifest;
import io.jdvc.manifest.DirManifestCodec;
import io.jdvc.object.Oid;
import io.jdvc.remote.LazyRemote;
import io.jdvc.remote.Remote;
import io.jdvc.remote.RemoteUnavailableException;
import io.jdvc.remote.Remotes;
import io.jdvc.remote.UnsupportedRemoteException;
import io.jdvc.remote.local.LocalRemote;
import io.jdvc.repo.ConfigFile;
import io.jdvc.repo.RepoConfig;
import io.jdvc.repo.RepoLayout;
import io.jdvc.transfer.ObjectRef;
import io.jdvc.transfer.TransferReport;
import io.jdvc.transfer.Transfers;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Another DVC repository that data comes from ({@code get}, {@code import}, {@code update}, {@code ls URL}, and
 * fetching imports): a kept clone at one commit, the outputs it records there, and where its objects are: its cache
 * when the URL is a local DVC repository, then its default remote. Objects are downloaded through
 * {@link Transfers}, so each is verified before it enters the cache.
 */
final class RepoSource implements AutoCloseable {
  private static final DirManifestCodec CODEC = new DirManifestCodec();

  /** How many imports of imports are followed (DVC follows them too); a cycle stops here. */
  private static final int MAX_IMPORT_DEPTH = 8;

  private final String url;
  private final RepoClones.Clone clone;
  private final Path localRoot;
  private final Path clonesDir;
  private final Path workingDir;
  private final Consumer<String> notices;
  private List<RecordedOutput> outputs;
  private List<Remote> stores;

  private RepoSource(String url, RepoClones.Clone clone, Path localRoot, Path clonesDir, Path workingDir,
      Consumer<String> notices) {
    this.url = url;
    this.clone = clone;
    this.localRoot = localRoot;
    this.clonesDir = clonesDir;
    this.workingDir = workingDir;
    this.notices = notices;
  }

  /**
   * Opens {@code url} at {@code rev} (null: its default branch), keeping the clone under {@code clonesDir}.
   * {@code workingDir} resolves a relative local path.
   */
  static RepoSource open(String url, String rev, Path clonesDir, Path workingDir, Consumer<String> notices) {
    Path local = localPath(url, workingDir);
    String cloneUrl = local != null ? local.toString() : url;
    if (local != null && !Files.isDirectory(local)) {
      throw new JdvcException("'" + RepoClones.shown(url) + "' does not exist",
          "give the path or URL of a Git repository");
    }
    RepoClones.Clone clone = new RepoClones(clonesDir).open(cloneUrl, rev);
    Path root = local != null && Files.isDirectory(local.resolve(RepoLayout.DVC_DIR)) ? local : null;
    return new RepoSource(url, clone, root, clonesDir, workingDir, notices);
  }

  /** Work that needs a cache and a place for clones. */
  interface CacheWork<T> {
    T run(LocalCache cache, Path clonesDir) throws IOException;
  }

  /**
   * Runs {@code work} with the cache and clone directory of the DVC repository around {@code workingDir}, under its
   * lock; outside a DVC repository, with a scratch cache and clone directory deleted afterwards.
   */
  static <T> T withCache(Path workingDir, Consumer<String> notices, CacheWork<T> work) throws IOException {
    Jdvc repo = null;
    try {
      repo = Jdvc.open(workingDir);
    } catch (io.jdvc.repo.NotADvcRepoException e) {
      // outside a DVC repository
    }
    if (repo != null) {
      try (Jdvc jdvc = repo.notices(notices); io.jdvc.repo.RepoLock lock = jdvc.lock()) {
        return work.run(jdvc.cache(), jdvc.layout().clonesDir());
      }
    }
    Path scratch = Files.createTempDirectory("jdvc-");
    try {
      return work.run(new LocalCache(scratch.resolve("cache")), scratch.resolve("repos"));
    } finally {
      FileTrees.deleteTree(scratch);
    }
  }

  /** The local directory a URL names (a path or file://), or null for a network URL. */
  static Path localPath(String url, Path workingDir) {
    if (url.startsWith("file://")) {
      return Path.of(URI.create(url)).normalize();
    }
    if (url.contains("://") || url.matches("^[^/]+@[^/]+:.*")) { // scp-like git@host:path
      return null;
    }
    return workingDir.resolve(url).toAbsolutePath().normalize();
  }

  /** The URL as messages show it: without a password. */
  String shown() {
    return RepoClones.shown(url);
  }

  String url() {
    return url;
  }

  String commitId() {
    return clone.commitId();
  }

  GitRepo git() {
    return clone.git();
  }

  /** The outputs the source records at this commit ({@code .dvc} files and {@code dvc.lock}). */
  List<RecordedOutput> outputs() {
    if (outputs == null) {
      outputs = new RevisionScanner(clone.git()).outputsAt(clone.commitId());
    }
    return outputs;
  }

  /** What a path of the source names: an output, or a part of a tracked directory ({@code inner} non-null). */
  record Located(RecordedOutput output, String inner) {}

  /** The output covering {@code path}, or empty if DVC does not track it at this commit. */
  Optional<Located> locate(String path) {
    String p = normalize(path);
    for (RecordedOutput o : outputs()) {
      if (o.path().equals(p)) {
        return Optional.of(new Located(o, null));
      }
    }
    for (RecordedOutput o : outputs()) {
      if (o.covers(p) && o.oid() != null && o.oid().isDir()) {
        return Optional.of(new Located(o, p.substring(o.path().length() + 1)));
      }
    }
    return Optional.empty();
  }

  /** {@code path} as the source's outputs name it: '/'-separated, without './' or a trailing '/'. */
  static String normalize(String path) {
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty() || p.startsWith("/") || ("/" + p + "/").contains("/../")) {
      throw new JdvcException("'" + path + "' is not a path inside the repository", "give a repository-relative path");
    }
    return p;
  }

  /**
   * A file Git tracks in the source at this commit, put into {@code cache} under its MD5 (DVC imports such files
   * too); empty if Git does not track {@code path}.
   */
  Optional<Oid> gitFileInto(LocalCache cache, String path) throws IOException {
    Optional<byte[]> bytes = clone.git().readFile(commitId(), normalize(path));
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    Oid oid = Oid.parse(io.jdvc.hash.Md5.hex(bytes.get()));
    cache.insertBytes(oid, bytes.get());
    return Optional.of(oid);
  }

  /** Fails with the message DVC users know when the source does not track {@code path}. */
  JdvcException notTracked(String path) {
    if (outputs().isEmpty() && clone.git().readFile(commitId(), ".dvc/config").isEmpty()) {
      return new JdvcException(shown() + " is not a DVC repository (no .dvc/config at " + commitId().substring(0, 7)
          + "), and Git does not track '" + path + "' there", "give the URL of a DVC repository, or a path Git tracks");
    }
    return new JdvcException("'" + path + "' is not tracked by DVC in " + shown() + " at " + commitId().substring(0, 7),
        "list what it tracks with 'jdvc ls " + shown() + " --dvc-only -R'");
  }

  /** Where the source's objects are, in the order they are tried. Opened once; closed with this source. */
  List<Remote> stores() {
    if (stores != null) {
      return stores;
    }
    stores = new ArrayList<>();
    Map<String, String> remote = null;
    String remoteName = null;
    Path configDir;
    if (localRoot != null) {
      RepoLayout layout = new RepoLayout(localRoot);
      RepoConfig config = RepoConfig.load(layout);
      Path cacheDir = config.get("cache", "dir").map(d -> layout.dvcDir().resolve(d).normalize())
          .orElse(layout.defaultCacheDir());
      if (Files.isDirectory(cacheDir)) {
        stores.add(new LocalRemote("cache of " + shown(), cacheDir));
      }
      remoteName = config.get("core", "remote").orElse(null);
      remote = remoteName == null ? null : config.remote(remoteName.toLowerCase(java.util.Locale.ROOT)).orElse(null);
      configDir = layout.dvcDir();
    } else {
      Optional<byte[]> text = clone.git().readFile(commitId(), ".dvc/config");
      ConfigFile config = text.isEmpty() ? new ConfigFile()
          : ConfigFile.parse(new String(text.get(), StandardCharsets.UTF_8), shown() + ":.dvc/config");
      remoteName = config.get("core.remote").orElse(null);
      remote = remoteName == null ? null : config.remote(remoteName.toLowerCase(java.util.Locale.ROOT));
      configDir = clone.git().workTree().resolve(RepoLayout.DVC_DIR);
    }
    if (remote != null && !remote.isEmpty()) {
      String name = remoteName;
      Map<String, String> section = remote;
      stores.add(new LazyRemote(name, section.getOrDefault("url", ""), () -> Remotes.open(name, section, configDir)));
    }
    return stores;
  }

  /**
   * Brings the data of {@code out} (an output of this source) into {@code cache}, only the files of a directory
   * that are {@code wanted}. An output the source itself imports from another repository was never on the
   * source's remote: what its cache and remote lack comes from that repository at the {@code rev_lock} its
   * {@code .dvc} file records, as DVC follows such chains.
   */
  TransferReport fetch(LocalCache cache, RecordedOutput out, java.util.function.Predicate<String> wanted, int jobs,
      ProgressListener progress) throws IOException {
    return fetch(cache, out, wanted, jobs, progress, 0);
  }

  private TransferReport fetch(LocalCache cache, RecordedOutput out, java.util.function.Predicate<String> wanted,
      int jobs, ProgressListener progress, int depth) throws IOException {
    TransferReport here = fetch(cache, out.oid(), out.path(), wanted, jobs, progress);
    if (out.importedFrom() == null || here.ok() || !here.failures().stream().allMatch(TransferReport.Failure::missing)
        || depth >= MAX_IMPORT_DEPTH) {
      return here;
    }
    ImportPointers.Source dep = ImportPointers.sourceOf(Pointers.CODEC.parse(new String(clone.git().readFile(
        commitId(), out.pointerPath()).orElseThrow(), StandardCharsets.UTF_8), shown() + ":" + out.pointerPath()),
        out.pointerPath());
    if (dep.revLock() == null) {
      return here;
    }
    Path base = localRoot != null ? localRoot.resolve(out.pointerPath()).getParent() : workingDir;
    try (RepoSource upstream = open(dep.url(), dep.revLock(), clonesDir, base, notices)) {
      String name = normalize(dep.path());
      Optional<Located> at = upstream.locate(name);
      if (at.isEmpty()) {
        Optional<Oid> fromGit = upstream.gitFileInto(cache, name);
        return fromGit.isPresent() && fromGit.get().equals(out.oid()) ? TransferReport.empty() : here;
      }
      RecordedOutput up = at.get().output();
      String inner = at.get().inner();
      String prefix = inner == null ? "" : inner + "/";
      TransferReport r = upstream.fetch(cache, up, rel -> inner == null ? wanted.test(rel)
          : rel.equals(inner) || rel.startsWith(prefix) && wanted.test(rel.substring(prefix.length())), jobs,
          progress, depth + 1);
      if (!r.ok()) {
        return r;
      }
      Oid made = ImportOperation.output(cache, out.path(), up, inner, false).md5();
      if (!made.equals(out.oid())) {
        return here.plus(new TransferReport(0, 0, 0, List.of(new TransferReport.Failure(new ObjectRef(out.oid(),
            out.path(), out.pointerPath()), shown() + " imports other data from " + RepoClones.shown(dep.url())
                + " than it records",
            false)), Duration.ZERO));
      }
      return r;
    }
  }

  /**
   * Brings {@code oid} (a file, or a directory manifest with the files of it {@code wanted}) into {@code cache},
   * verified, trying the stores in order for whatever is still missing.
   */
  private TransferReport fetch(LocalCache cache, Oid oid, String path, java.util.function.Predicate<String> wanted, int jobs,
      ProgressListener progress) throws IOException {
    List<ObjectRef> files = new ArrayList<>();
    TransferReport report = TransferReport.empty();
    if (oid.isDir()) {
      if (!cache.verify(oid)) {
        report = download(cache, List.of(new ObjectRef(oid, path, null)), jobs, progress);
      }
      if (!cache.contains(oid)) {
        return report;
      }
      for (DirEntry e : manifest(cache, oid).entries()) {
        if (wanted.test(e.relpath())) {
          files.add(new ObjectRef(e.md5(), path + "/" + e.relpath(), null));
        }
      }
    } else {
      files.add(new ObjectRef(oid, path, null));
    }
    Map<Oid, ObjectRef> needed = new LinkedHashMap<>();
    int skipped = 0;
    for (ObjectRef f : files) {
      if (cache.verify(f.oid())) {
        skipped++;
      } else {
        needed.putIfAbsent(f.oid(), f);
      }
    }
    TransferReport all = report.plus(download(cache, new ArrayList<>(needed.values()), jobs, progress));
    return new TransferReport(all.transferred(), all.bytes(), all.skipped() + skipped, all.failures(),
        all.elapsed());
  }

  static DirManifest manifest(LocalCache cache, Oid dir) throws IOException {
    return CODEC.decode(Files.readAllBytes(cache.pathOf(dir)), dir.legacy());
  }

  /** Each store in turn for what the ones before did not have; failures other than absence are final. */
  private TransferReport download(LocalCache cache, List<ObjectRef> refs, int jobs, ProgressListener progress) {
    List<ObjectRef> remaining = refs;
    List<TransferReport.Failure> failures = new ArrayList<>();
    int transferred = 0;
    long bytes = 0;
    long started = System.nanoTime();
    String unusable = null;
    for (Remote store : stores()) {
      if (remaining.isEmpty()) {
        break;
      }
      try {
        TransferReport r = new Transfers(cache, store, Math.min(jobs, store.defaultJobs()), progress)
            .download(remaining, "Fetching from " + shown());
        transferred += r.transferred();
        bytes += r.bytes();
        List<ObjectRef> missing = new ArrayList<>();
        for (TransferReport.Failure f : r.failures()) {
          if (f.missing()) {
            missing.add(f.object());
          } else {
            failures.add(f);
          }
        }
        remaining = missing;
      } catch (RemoteUnavailableException | UnsupportedRemoteException e) {
        notices.accept(e.getMessage() + " (while fetching from " + shown() + ")");
        unusable = store.name();
      }
    }
    for (ObjectRef r : remaining) {
      failures.add(new TransferReport.Failure(r, "missing in " + shown() + (unusable == null
          ? " (neither in its cache nor on its default remote)"
          : " (not in its cache, and its default remote '" + unusable + "' cannot be used: see the warning above)"),
          true));
    }
    return new TransferReport(transferred, bytes, 0, failures, Duration.ofNanos(System.nanoTime() - started));
  }

  @Override
  public void close() {
    if (stores != null) {
      stores.forEach(Remote::close);
    }
    clone.close();
  }
}
