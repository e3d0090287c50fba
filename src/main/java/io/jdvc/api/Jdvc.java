package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.cache.LinkType;
import io.jdvc.cache.LocalCache;
import io.jdvc.concurrent.BoundedExecutor;
import io.jdvc.git.GitRepo;
import io.jdvc.hash.StateCache;
import io.jdvc.remote.Remote;
import io.jdvc.remote.Remotes;
import io.jdvc.repo.NotADvcRepoException;
import io.jdvc.repo.RepoConfig;
import io.jdvc.repo.RepoLayout;
import io.jdvc.repo.RepoLock;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.pipeline.RepoIndex;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * jdvc as a library: open a repository, then run one operation per command. Operations are configured with
 * setters and run by {@code call()}, which returns a result record; nothing here prints or exits. Progress
 * goes to the {@link ProgressListener} set with {@link #progress}, warnings to {@link #notices}.
 *
 * <pre>{@code
 * try (Jdvc jdvc = Jdvc.open(Path.of("/work/project"))) {
 *   AddResult added = jdvc.add().targets(List.of(Path.of("data"))).call();
 *   StatusResult status = jdvc.status().call();
 * }
 * }</pre>
 *
 * <p>Not thread-safe: use one instance per thread. Writing operations take the repository lock for their
 * duration, so separate processes (or instances) never interleave their writes.
 */
public final class Jdvc implements AutoCloseable {
  private final RepoLayout layout;
  private final Path workingDir;
  private GitRepo git;
  private boolean gitLooked;
  private java.util.concurrent.Future<GitRepo> gitLookup;
  private RepoConfig config;
  private LocalCache cache;
  private Workspace workspace;
  private ProgressListener progress = ProgressListener.NONE;
  private Consumer<String> notices = s -> {};

  private Jdvc(RepoLayout layout, Path workingDir) {
    this.layout = layout;
    this.workingDir = workingDir;
  }

  /** Opens the repository that contains {@code start} (a {@code .dvc/} directory in it or a parent). */
  public static Jdvc open(Path start) {
    Path abs = realPath(start.toAbsolutePath().normalize());
    for (Path dir = abs; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(RepoLayout.DVC_DIR))) {
        return new Jdvc(new RepoLayout(dir), abs);
      }
    }
    throw new NotADvcRepoException(abs);
  }

  /** Symlinks resolved where the path exists, so paths compare equal to the Git work tree's. */
  static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      Path parent = p.getParent();
      return parent == null ? p : realPath(parent).resolve(p.getFileName());
    }
  }

  /** {@code jdvc get}: copies data from another repository; works outside a DVC repository too. */
  public static GetOperation get(Path workingDir) {
    return new GetOperation(workingDir);
  }

  /** {@code jdvc artifacts get}: a registered model's bytes; works outside a DVC repository too. */
  public static ArtifactsGetOperation artifactsGet(Path workingDir) {
    return new ArtifactsGetOperation(workingDir);
  }

  /** {@code jdvc ls URL}: lists another repository; works outside a DVC repository too. */
  public static RepoListOperation listRepo(Path workingDir) {
    return new RepoListOperation(workingDir);
  }

  /** {@code jdvc get-url URL}: downloads a file without tracking it; works outside a DVC repository too. */
  public static GetUrlOperation getUrl(Path workingDir) {
    return new GetUrlOperation(workingDir);
  }

  /** Creates a repository; see {@link InitOperation}. */
  public static InitOperation init(Path dir) {
    return new InitOperation(dir);
  }

  public Jdvc progress(ProgressListener listener) {
    this.progress = listener;
    return this;
  }

  public Jdvc notices(Consumer<String> sink) {
    this.notices = sink;
    return this;
  }

  public AddOperation add() {
    return new AddOperation(this);
  }

  public StatusOperation status() {
    return new StatusOperation(this);
  }

  public ReproOperation repro() {
    return new ReproOperation(this);
  }

  public ExpRunOperation expRun() {
    return new ExpRunOperation(this);
  }

  /** show, list, apply, branch, remove of experiments; needs a Git repository. */
  /** {@code jdvc exp save}: see {@link ExpSaveOperation}. */
  public ExpSaveOperation expSave() {
    return new ExpSaveOperation(this);
  }

  public Experiments experiments() {
    return new Experiments(this);
  }

  /** {@code exp push}: experiment refs to a Git remote, their data to the DVC remote. */
  public ExpSyncOperation expPush() {
    return new ExpSyncOperation(this, true);
  }

  /** {@code exp pull}: experiment refs from a Git remote, their data into the cache. */
  public ExpSyncOperation expPull() {
    return new ExpSyncOperation(this, false);
  }

  /** The model registry (GTO's tags); needs a Git repository. */
  public Artifacts artifacts() {
    return new Artifacts(this);
  }

  /** The experiment queue: {@code exp run --queue}, {@code queue start}, status, logs, remove. */
  public ExpQueueOperation expQueue() {
    return new ExpQueueOperation(this);
  }

  public CheckoutOperation checkout() {
    return new CheckoutOperation(this);
  }

  public CommitOperation commit() {
    return new CommitOperation(this);
  }

  public StageAddOperation stageAdd() {
    return new StageAddOperation(this);
  }

  public StageListOperation stageList() {
    return new StageListOperation(this);
  }

  /** {@code jdvc freeze}: marks stages and .dvc files frozen. */
  public FreezeOperation freeze() {
    return new FreezeOperation(this, true);
  }

  public FreezeOperation unfreeze() {
    return new FreezeOperation(this, false);
  }

  public RemoveOperation remove() {
    return new RemoveOperation(this);
  }

  public MoveOperation move() {
    return new MoveOperation(this);
  }

  public PushOperation push() {
    return new PushOperation(this);
  }

  public FetchOperation fetch() {
    return new FetchOperation(this);
  }

  public PullOperation pull() {
    return new PullOperation(this);
  }

  /** {@code jdvc import URL PATH}: tracks data of another repository. */
  public ImportOperation importData() {
    return new ImportOperation(this);
  }

  /** {@code jdvc import-url URL}: tracks a file from outside any repository. */
  public ImportUrlOperation importUrl() {
    return new ImportUrlOperation(this);
  }

  /** {@code jdvc update}: moves imports to a newer revision of their source. */
  public UpdateOperation update() {
    return new UpdateOperation(this);
  }

  public CloudStatusOperation cloudStatus() {
    return new CloudStatusOperation(this);
  }

  public ListOperation list() {
    return new ListOperation(this);
  }

  public RemoteAddOperation remoteAdd() {
    return new RemoteAddOperation(this);
  }

  public RemoteModifyOperation remoteModify() {
    return new RemoteModifyOperation(this);
  }

  public RemoteListOperation remoteList() {
    return new RemoteListOperation(this);
  }

  public RemoteRemoveOperation remoteRemove() {
    return new RemoteRemoveOperation(this);
  }

  public RemoteRenameOperation remoteRename() {
    return new RemoteRenameOperation(this);
  }

  public RemoteDefaultOperation remoteDefault() {
    return new RemoteDefaultOperation(this);
  }

  /** Gets, sets, unsets or lists config options ({@link #config()} is the effective config, read-only). */
  public ConfigOperation configure() {
    return new ConfigOperation(this);
  }

  public InstallOperation install() {
    return new InstallOperation(this);
  }

  // ---- history and audits (DiffOperation ... AuditOperation read Git history through io.jdvc.history)

  public DiffOperation diff() {
    return new DiffOperation(this);
  }

  public LogOperation log() {
    return new LogOperation(this);
  }

  public WhichOperation which() {
    return new WhichOperation(this);
  }

  /** {@code jdvc params diff}: params changed between two revisions. */
  public ParamsDiffOperation paramsDiff() {
    return new ParamsDiffOperation(this);
  }

  /** {@code jdvc metrics show}: metrics of the workspace or of revisions. */
  public MetricsShowOperation metricsShow() {
    return new MetricsShowOperation(this);
  }

  /** {@code jdvc metrics diff}: metrics changed between two revisions. */
  public MetricsDiffOperation metricsDiff() {
    return new MetricsDiffOperation(this);
  }

  /** {@code jdvc plots show/diff}: the declared plots drawn into one HTML page. */
  public PlotsOperation plots() {
    return new PlotsOperation(this);
  }

  /** The params and metrics of revisions, for reports such as {@code audit --markdown}. */
  public ParamsMetricsOperation paramsAndMetrics() {
    return new ParamsMetricsOperation(this);
  }

  /** {@code jdvc dag}: the pipeline graph, or the part of it a target selects. */
  public DagOperation dag() {
    return new DagOperation(this);
  }

  public GcOperation gc() {
    return new GcOperation(this);
  }

  public AuditOperation audit() {
    return new AuditOperation(this);
  }

  /** {@code jdvc audit --record}: adds the workspace's objects to the SHA-256 record. */
  public AuditRecordOperation auditRecord() {
    return new AuditRecordOperation(this);
  }

  /**
   * The data quality commands ({@code jdvc data ...}, {@code jdvc catalog}) over this repository's tables; the caller
   * closes it. DuckDB starts only when one of its calls needs to read rows.
   */
  public io.jdvc.tables.DataQuality data() {
    return new io.jdvc.tables.DataQuality(new io.jdvc.tables.TableContext(root(), workingDir, layout.tmpDir(),
        cache(), this::workspace, this::git, this::openDefaultRemote, this::notice));
  }

  // ---------------------------------------------------------------------------- shared by the operations

  public Path root() {
    return layout.root();
  }

  RepoLayout layout() {
    return layout;
  }

  /** The file a config level reads and writes, for messages such as {@code config --show-origin}. */
  public Path configFile(io.jdvc.repo.ConfigLevel level) {
    return level.file(layout);
  }

  Path workingDir() {
    return workingDir;
  }

  /** The enclosing Git work tree, found on first use: commands that never touch Git never load JGit. */
  Optional<GitRepo> git() {
    if (!gitLooked) {
      gitLooked = true;
      git = gitLookup != null ? join(gitLookup) : findGit();
      gitLookup = null;
    }
    return Optional.ofNullable(git);
  }

  /** The Git repository, or a user-facing error naming the command that needs one. */
  GitRepo requireGit(String command) {
    if (git().isEmpty()) {
      throw new JdvcException("'jdvc " + command + "' reads Git history, but " + root() + " is not in a Git work tree",
          "run it inside the Git repository that holds the .dvc files");
    }
    return git;
  }

  /**
   * The remote {@code core.remote} names, opened on first use; empty when none is configured. The caller closes
   * it. A command that never touches it cannot fail because of it (a kind jdvc does not speak, a directory not
   * mounted): history queries need it only for manifests the cache lacks.
   */
  Optional<Remote> openDefaultRemote() {
    Optional<String> name = config().get("core", "remote");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String url = config().remote(name.get().toLowerCase(java.util.Locale.ROOT))
        .map(s -> s.getOrDefault("url", "")).orElse("");
    return Optional.of(new io.jdvc.remote.LazyRemote(name.get(), url, () -> openRemote(null)));
  }

  ProgressListener progressListener() {
    return progress;
  }

  void notice(String message) {
    notices.accept(message);
  }

  public RepoConfig config() {
    if (config == null) {
      config = RepoConfig.load(layout);
    }
    return config;
  }

  /**
   * Opens a configured remote: {@code name}, or {@code core.remote} when null. The caller closes it.
   * Fails with a message naming the configured remotes when there is no such remote.
   */
  public Remote openRemote(String name) {
    String chosen = name != null ? name.toLowerCase(java.util.Locale.ROOT) : config().get("core", "remote")
        .orElseThrow(() -> new JdvcException("no remote is configured",
            "add one with 'jdvc remote add -d NAME URL' (e.g. s3://bucket/prefix), or pass -r NAME"));
    java.util.Map<String, String> section = config().remote(chosen).orElseThrow(() -> new JdvcException(
        "unknown remote '" + chosen + "'", config().remoteNames().isEmpty()
            ? "add it with 'jdvc remote add " + chosen + " URL'"
            : "configured remotes: " + String.join(", ", config().remoteNames())));
    Remote remote = Remotes.open(chosen, section, layout.dvcDir());
    warnAboutTrackedSecrets(chosen);
    String configured = section.getOrDefault("jobs", "").trim();
    if (remote.defaultJobs() == Remote.MAX_JOBS && !configured.equals(String.valueOf(Remote.MAX_JOBS))
        && configured.matches("[0-9]+")) {
      notice("remote '" + chosen + "' sets jobs = " + configured + ", more than jdvc's maximum of "
          + Remote.MAX_JOBS + " parallel transfers; using " + Remote.MAX_JOBS);
    }
    return remote;
  }

  /** A credential in the Git-tracked {@code .dvc/config} is shared with everyone who can read the repository. */
  private void warnAboutTrackedSecrets(String remoteName) {
    try {
      io.jdvc.repo.ConfigFile tracked = io.jdvc.repo.ConfigFile.read(configFile(io.jdvc.repo.ConfigLevel.REPO));
      for (String option : tracked.remote(remoteName).keySet()) {
        if (Remotes.isSecret(option)) {
          notice("remote '" + remoteName + "': " + option + " is set in .dvc/config, a file Git tracks; move it to "
              + ".dvc/config.local ('jdvc remote modify --local " + remoteName + " " + option + " ...')");
        }
      }
    } catch (IOException | JdvcException e) {
      // no tracked config, or one the merged config already reported on
    }
  }

  /**
   * The parallel transfers to run against {@code remote}: {@code requested} ({@code -j}) or the remote's
   * default, at most {@link Remote#MAX_JOBS}, with a notice when {@code requested} is capped.
   */
  int transferJobs(Integer requested, Remote remote) {
    return requested == null ? remote.defaultJobs() : capJobs(requested);
  }

  /** {@code -j requested}, at most {@link Remote#MAX_JOBS}, with a notice when it is capped. */
  int capJobs(int requested) {
    if (requested > Remote.MAX_JOBS) {
      notice("-j " + requested + " is more than jdvc's maximum of " + Remote.MAX_JOBS + " parallel transfers; "
          + "using " + Remote.MAX_JOBS);
      return Remote.MAX_JOBS;
    }
    return requested;
  }

  /** What jdvc knows to be on {@code remote}, kept per remote location under {@code .dvc/tmp/}. */
  io.jdvc.transfer.RemoteIndex remoteIndex(Remote remote) {
    // the endpoint is part of the identity: the same bucket name on two servers is two remotes
    java.util.Map<String, String> section = config().remote(remote.name()).orElse(java.util.Map.of());
    String key = org.apache.commons.codec.digest.DigestUtils.sha256Hex(remote.location() + "\n"
        + section.getOrDefault("endpointurl", ""));
    return io.jdvc.transfer.RemoteIndex.load(layout.remoteIndexDir().resolve(key));
  }

  /**
   * Drops {@code dirs} from {@code remote}'s index after a command that asked the remote found some of their
   * files missing there, so that the next push checks, and re-uploads, them instead of trusting the directory.
   */
  void forgetIncompleteDirectories(Remote remote, java.util.Collection<io.jdvc.object.Oid> dirs)
      throws IOException {
    if (!dirs.isEmpty()) {
      io.jdvc.transfer.RemoteIndex index = remoteIndex(remote);
      index.removeAll(dirs);
      index.save();
    }
  }

  /**
   * Starts opening the Git repository on another thread: JGit takes a tenth of a second to load, which an add
   * can hide behind hashing.
   */
  void openGitInBackground() {
    if (!gitLooked && gitLookup == null) {
      gitLookup = io.jdvc.concurrent.BoundedExecutor.background(this::findGit);
    }
  }

  private GitRepo findGit() {
    Path root = root();
    return GitRepo.discover(root).filter(g -> root.startsWith(g.workTree())).orElse(null);
  }

  private static GitRepo join(java.util.concurrent.Future<GitRepo> f) {
    try {
      return f.get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new JdvcException("cannot open the Git repository: " + e.getCause().getMessage(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JdvcException("interrupted", null, e);
    }
  }

  /** Drops the cached config after an edit. */
  void reloadConfig() {
    config = null;
    cache = null;
    workspace = null;
  }

  public LocalCache cache() {
    if (cache == null) {
      Path dir = config().get("cache", "dir").map(d -> layout.dvcDir().resolve(d).normalize())
          .orElse(layout.defaultCacheDir());
      cache = new LocalCache(dir, config().get("cache", "shared").filter("group"::equalsIgnoreCase).isPresent());
    }
    return cache;
  }

  /**
   * Everything the work tree tracks: {@code .dvc} outputs, pipeline stages and their outputs. Read anew on each
   * call, since operations change what it holds.
   */
  public RepoIndex index() throws java.io.IOException {
    return RepoIndex.load(workspace());
  }

  Workspace workspace() {
    if (workspace == null) {
      List<LinkType> types = LinkType.parseList(config().get("cache", "type").orElse(null));
      int threads = config().get("core", "checksum_jobs").map(Jdvc::positiveInt)
          .orElse(BoundedExecutor.cpuThreads());
      workspace = new Workspace(root(), cache(), StateCache.load(layout.stateFile()), types, threads);
    }
    return workspace;
  }

  private static int positiveInt(String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new JdvcException("invalid core.checksum_jobs '" + value + "'", "use a whole number of at least 1");
  }

  /** Whether jdvc stages what it writes in Git ({@code core.autostage}; jdvc's default is true). */
  boolean autostage() {
    return git().isPresent() && config().getBoolean("core", "autostage", true);
  }

  /**
   * A jdvc killed while staging leaves JGit's {@code .git/index.lock}, and Git (jdvc included) refuses to stage
   * until it is gone. One written while the dead process held the repository lock is that process's: jdvc
   * stages only under the lock, and Git's own commands hold the index lock for a moment, not for as long as a
   * jdvc command runs.
   */
  private void removeGitIndexLockOfDeadHolder(java.time.Instant heldSince) {
    for (Path dir = root(); dir != null; dir = dir.getParent()) {
      Path gitDir = dir.resolve(".git");
      if (Files.isDirectory(gitDir)) {
        Path indexLock = gitDir.resolve("index.lock");
        try {
          if (Files.getLastModifiedTime(indexLock).toInstant().isAfter(heldSince.minusSeconds(1))) {
            Files.delete(indexLock);
            notice("removed " + indexLock + ", which the killed jdvc process left");
          }
        } catch (IOException e) {
          // none there, or not ours to remove: Git names it if it is in the way
        }
        return;
      }
    }
  }

  /** Takes the repository lock and removes temp files a killed process may have left. */
  RepoLock lock() {
    RepoLock lock = RepoLock.acquire(layout.lockFile(), this::notice);
    try {
      lock.staleLockTakenAt().ifPresent(this::removeGitIndexLockOfDeadHolder);
      noticeRemovedTemps(cache().removeStaleTempFiles());
    } catch (IOException e) {
      lock.close();
      throw new JdvcException("cannot clean the cache: " + e.getMessage(), null, e);
    }
    return lock;
  }

  /**
   * Under the lock, removes the temp files a killed checkout or pull left beside the file outputs among
   * {@code outputs} in the workspace, saying so as the cache's cleanup does.
   */
  void removeStaleWorkspaceTemps(List<TrackedOutput> outputs) throws IOException {
    noticeRemovedTemps(workspace().removeStaleTempsBeside(outputs));
  }

  private void noticeRemovedTemps(int removed) {
    if (removed > 0) {
      notice("removed " + removed + " temporary file(s) left by an interrupted run");
    }
  }

  /** Resolves a user-given path against the working directory. */
  Path resolve(Path p) {
    return workingDir.resolve(p).normalize();
  }

  /** Stages the paths or, with autostage off, returns the {@code git add} advice DVC prints. */
  List<String> stageOrAdvise(List<Path> paths) {
    List<String> unstaged = new ArrayList<>();
    if (paths.isEmpty()) {
      return unstaged;
    }
    if (autostage()) {
      git().get().stage(paths);
    } else if (git().isPresent()) {
      for (Path p : paths) {
        unstaged.add(root().relativize(p).toString());
      }
    }
    return unstaged;
  }

  @Override
  public void close() {
    if (gitLookup != null) {
      try {
        git = gitLookup.get(); // a lookup started in the background still owns an open repository
      } catch (java.util.concurrent.ExecutionException e) {
        git = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        git = null;
      }
      gitLookup = null;
    }
    if (git != null) {
      git.close();
    }
  }
}
