package io.jdvc.api;

import io.jdvc.AtomicFiles;
import io.jdvc.FileTrees;
import io.jdvc.JdvcException;
import io.jdvc.experiments.ExpNames;
import io.jdvc.experiments.ExpQueue;
import io.jdvc.experiments.ExpRef;
import io.jdvc.experiments.ParamOverride;
import io.jdvc.git.GitRefs;
import io.jdvc.git.GitRepo;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code exp run --queue}, {@code queue start -j N} / {@code exp run --run-all}: queued experiments run in
 * parallel, each in its own clone of the repository under {@code .dvc/tmp/jdvc/queue/run/<id>} whose cache is the
 * project's cache (outputs hard-linked where the file system allows, so the data is never copied), each in its own
 * jdvc process with its output in {@code <id>.log}. A success is fetched into the project as an ordinary experiment
 * ref; a failure keeps its log and exit code and makes no ref.
 */
public final class ExpQueueOperation {
  private final Jdvc jdvc;
  private final GitRepo git;
  private final ExpQueue queue;

  ExpQueueOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
    this.git = jdvc.requireGit("exp run --queue");
    this.queue = new ExpQueue(jdvc.layout().tmpDir().resolve("jdvc").resolve("queue"));
  }

  public ExpQueue queue() {
    return queue;
  }

  /** Queues one run per combination of the sweeps; names {@code NAME}, or {@code NAME-1}… for a sweep. */
  public List<ExpQueue.Entry> enqueue(List<String> setParams, String name, List<String> targets) throws IOException {
    String baseline = git.head().commitId();
    GitRefs refs = new GitRefs(git);
    List<List<String>> runs = ExpQueue.expandSweeps(setParams);
    Set<String> taken = new HashSet<>();
    for (ExpQueue.Entry e : queue.entries()) {
      if (e.baseline().equals(baseline)) {
        taken.add(e.name());
      }
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      for (String arg : runs.get(i)) {
        ParamOverride.parse(arg); // every run's overrides are valid before anything is queued
      }
      String n;
      if (name != null) {
        n = runs.size() == 1 ? name : name + "-" + (i + 1);
        ExpNames.validate(n);
        if (taken.contains(n) || refs.refValue(new ExpRef(baseline, n).refName()).isPresent()) {
          throw new JdvcException("Experiment conflicts with existing experiment '" + n + "'.",
              "give another name with -n, or remove it with 'jdvc exp remove " + n + "'");
        }
      } else {
        n = ExpNames.random(x -> taken.contains(x) || refs.refValue(new ExpRef(baseline, x).refName()).isPresent());
      }
      taken.add(n);
      names.add(n);
    }
    // the workspace's uncommitted changes to tracked files go with the runs, as DVC's queue stashes them
    String snapshot = refs.commitSnapshot(baseline, List.of(), "jdvc: workspace of queued experiment(s) "
        + String.join(", ", names));
    boolean changed = !refs.sameTree(snapshot, baseline);
    List<ExpQueue.Entry> out = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      String id = ExpQueue.newId();
      if (changed) {
        refs.setRef(ExpQueue.workspaceRef(id), snapshot, "jdvc queue: workspace of " + names.get(i));
      }
      out.add(queue.add(id, names.get(i), baseline, runs.get(i), targets, changed ? snapshot : null));
    }
    return out;
  }

  /** Runs every queued entry, {@code jobs} at a time; returns them as they ended. */
  public List<ExpQueue.Entry> start(int jobs, Consumer<String> progress) throws IOException {
    Files.deleteIfExists(queue.stopFile()); // a stop asked before this start does not stop it
    List<ExpQueue.Entry> todo = queue.entries().stream().filter(e -> e.status() == ExpQueue.Status.QUEUED).toList();
    List<ExpQueue.Entry> done = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
    try {
      List<Future<ExpQueue.Entry>> futures = new ArrayList<>();
      for (ExpQueue.Entry e : todo) {
        futures.add(pool.submit(() -> run(e, progress)));
      }
      for (Future<ExpQueue.Entry> f : futures) {
        try {
          ExpQueue.Entry ended = f.get();
          if (ended != null) {
            done.add(ended);
          }
        } catch (java.util.concurrent.ExecutionException ex) {
          throw new JdvcException("a queued experiment could not run: " + ex.getCause().getMessage(), null,
              ex.getCause());
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          throw new JdvcException("interrupted while running queued experiments", null, ex);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return done;
  }

  /**
   * {@code exp run --temp}: runs these entries now, one after another, in private copies; the workspace is left
   * alone. Succeeded entries leave the queue; failed ones stay with their log.
   */
  public List<ExpQueue.Entry> runNow(List<ExpQueue.Entry> entries, Consumer<String> progress) throws IOException {
    List<ExpQueue.Entry> out = new ArrayList<>();
    for (ExpQueue.Entry e : entries) {
      try {
        ExpQueue.Entry ended = run(e, progress);
        if (ended == null) {
          continue; // a 'queue start' took it first
        }
        if (ended.status() == ExpQueue.Status.SUCCESS) {
          queue.remove(ended);
        }
        out.add(ended);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new JdvcException("interrupted", null, ex);
      }
    }
    return out;
  }

  /** Runs one entry if no other worker has it; null if one had. */
  private ExpQueue.Entry run(ExpQueue.Entry queued, Consumer<String> progress) throws IOException,
      InterruptedException {
    if (Files.exists(queue.stopFile())) {
      return queued; // 'queue stop': runs not yet started stay queued
    }
    java.util.Optional<ExpQueue.Claim> claim = queue.claim(queued);
    if (claim.isEmpty()) {
      return null;
    }
    try (ExpQueue.Claim held = claim.get()) {
      return runClaimed(held.entry(), progress);
    }
  }

  private ExpQueue.Entry runClaimed(ExpQueue.Entry entry, Consumer<String> progress) throws IOException,
      InterruptedException {
    long worker = ProcessHandle.current().pid();
    queue.savePids(entry, new ExpQueue.Pids(worker, 0));
    ExpQueue.Entry running = entry.with(ExpQueue.Status.RUNNING, null, null);
    queue.save(running);
    synchronized (progress) {
      progress.accept("Running experiment '" + entry.name() + "' (log: " + jdvc.root().relativize(queue.log(entry))
          + ")");
    }
    Path work = queue.workDir(entry);
    Path log = queue.log(entry);
    int rc;
    try {
      rc = prepareAndRun(entry, work, log, worker);
    } catch (IOException | RuntimeException e) {
      // a run that cannot even start fails as any other, its reason in its log; the other runs go on
      Files.createDirectories(log.getParent());
      Files.writeString(log, "ERROR: " + e.getMessage() + "\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      rc = 1;
    }
    ExpQueue.Entry ended;
    if (rc == 0) {
      String ref = new ExpRef(entry.baseline(), entry.name()).refName();
      synchronized (this) {
        new GitRefs(git).fetch(work.toString(), List.of(ref), false);
      }
      ended = running.with(ExpQueue.Status.SUCCESS, 0, new GitRefs(git).refValue(ref).orElse(null));
      FileTrees.deleteTree(work);
      synchronized (this) {
        new GitRefs(git).deleteRef(ExpQueue.workspaceRef(entry.id()));
      }
    } else {
      ended = running.with(ExpQueue.Status.FAILED, rc, null);
    }
    queue.save(ended);
    queue.clearPids(entry);
    synchronized (progress) {
      progress.accept((rc == 0 ? "Experiment '" + entry.name() + "' succeeded"
          : "Experiment '" + entry.name() + "' failed with exit code " + rc + "; see "
          + jdvc.root().relativize(log)));
    }
    return ended;
  }

  /** Makes the run's copy and runs the experiment in it: 0, or the exit code of the jdvc process that failed. */
  private int prepareAndRun(ExpQueue.Entry entry, Path work, Path log, long worker) throws IOException,
      InterruptedException {
    FileTrees.deleteTree(work);
    Files.createDirectories(work.getParent());
    synchronized (this) {
      new GitRefs(git).cloneAt(work, entry.baseline()); // JGit on the shared repository, one clone at a time
    }
    if (entry.workspace() != null) {
      applyWorkspace(entry, work);
    }
    Path localConfig = work.resolve(".dvc").resolve("config.local");
    Files.createDirectories(localConfig.getParent());
    AtomicFiles.write(localConfig, ("[cache]\n    dir = " + jdvc.cache().root().toAbsolutePath() + "\n"
        + "    type = hardlink,copy\n").getBytes(StandardCharsets.UTF_8));
    Files.deleteIfExists(log);
    Consumer<Process> started = child -> {
      try {
        queue.savePids(entry, new ExpQueue.Pids(worker, child.pid()));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    int rc = jdvcProcess(work, log, List.of("checkout", "-q"), started);
    if (rc == 0) {
      // DVC_ROOT is the project, not this copy: DVC's queue sets it so ('point to the parent DVC repo root')
      List<String> args = new ArrayList<>(List.of("exp", "run", "-n", entry.name(), "--dvc-root",
          jdvc.root().toString()));
      entry.setParams().forEach(s -> {
        args.add("-S");
        args.add(s);
      });
      args.addAll(entry.targets());
      rc = jdvcProcess(work, log, args, started);
    }
    return rc;
  }

  /** Runs {@code jdvc -C dir args} in a JVM of its own, appending its output to {@code log}. */
  private static int jdvcProcess(Path dir, Path log, List<String> args, Consumer<Process> started)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> classpath = new ArrayList<>();
    for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(Path.of(p).toAbsolutePath().toString());
    }
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
        String.join(File.pathSeparator, classpath), "io.jdvc.cli.Main", "-C", dir.toString()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    started.accept(p);
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      throw e;
    }
  }

  /**
   * Writes the queued workspace's changes into the run's clone (checked out at the baseline): files changed or
   * added in the workspace commit, and tracked files it deleted. HEAD stays at the baseline, so the experiment's
   * parent is the baseline and its commit holds these changes, as in DVC.
   */
  private void applyWorkspace(ExpQueue.Entry entry, Path work) throws IOException {
    Map<String, byte[]> base;
    Map<String, byte[]> changed;
    synchronized (this) {
      base = git.filesAt(entry.baseline(), p -> true);
      changed = git.filesAt(entry.workspace(), p -> true);
    }
    for (Map.Entry<String, byte[]> f : changed.entrySet()) {
      if (!java.util.Arrays.equals(f.getValue(), base.get(f.getKey()))) {
        Path target = work.resolve(f.getKey());
        Files.createDirectories(target.getParent());
        AtomicFiles.write(target, f.getValue());
      }
    }
    for (String gone : base.keySet()) {
      if (!changed.containsKey(gone)) {
        Files.deleteIfExists(work.resolve(gone));
      }
    }
  }

  /**
   * {@code queue kill}: ends the named running experiments (their stage commands first, then their jdvc process;
   * SIGKILL with {@code force}). Their worker then marks them failed with the exit code, keeping log and copy; the
   * other runs go on. Returns the entries signalled.
   */
  public List<ExpQueue.Entry> kill(List<String> names, boolean force) throws IOException {
    List<ExpQueue.Entry> targets = new ArrayList<>();
    for (String n : names) {
      List<ExpQueue.Entry> running = queue.find(n).stream().filter(e -> e.status() == ExpQueue.Status.RUNNING)
          .toList();
      if (running.isEmpty()) {
        throw new JdvcException("Experiment '" + n + "' is not running", "see 'jdvc queue status'; remove a queued"
            + " one with 'jdvc queue remove " + n + "'");
      }
      targets.addAll(running);
    }
    targets.forEach(e -> signal(e, force));
    return targets;
  }

  /**
   * {@code queue stop}: workers start no more runs (the queued ones stay queued for the next {@code queue start});
   * the running ones finish, or with {@code kill} are killed. Returns the entries that were running.
   */
  public List<ExpQueue.Entry> stop(boolean kill) throws IOException {
    Files.createDirectories(queue.dir());
    AtomicFiles.write(queue.stopFile(), "stop\n".getBytes(StandardCharsets.UTF_8));
    List<ExpQueue.Entry> running = queue.entries().stream().filter(e -> e.status() == ExpQueue.Status.RUNNING)
        .toList();
    if (kill) {
      running.forEach(e -> signal(e, false));
    }
    return running;
  }

  private void signal(ExpQueue.Entry e, boolean force) {
    ExpQueue.Pids pids = queue.pids(e).orElse(null);
    ProcessHandle child = pids == null || pids.child() == 0 ? null : ProcessHandle.of(pids.child()).orElse(null);
    if (child == null) {
      return; // between its checkout and its run, or already ended: the worker records how it ended
    }
    // the stage's own commands first: killing only the JVM would leave them running, orphaned
    child.descendants().forEach(d -> {
      if (force) {
        d.destroyForcibly();
      } else {
        d.destroy();
      }
    });
    if (force) {
      child.destroyForcibly();
    } else {
      child.destroy();
    }
  }

  /**
   * {@code exp clean}: deletes the private copies of runs that are not running (failed runs keep theirs for
   * inspection until then) and copies no entry owns. Returns how many were deleted.
   */
  public int clean() throws IOException {
    Path runs = queue.dir().resolve("run");
    if (!Files.isDirectory(runs)) {
      return 0;
    }
    Set<String> running = new HashSet<>();
    Set<String> known = new HashSet<>();
    queue.entries().forEach(e -> known.add(e.id()));
    queue.entries().stream().filter(e -> e.status() == ExpQueue.Status.RUNNING).forEach(e -> running.add(e.id()));
    GitRefs refs = new GitRefs(git);
    for (GitRefs.RefTip t : refs.refsUnder("refs/jdvc/queue/")) {
      if (!known.contains(t.name().substring("refs/jdvc/queue/".length()))) {
        refs.deleteRef(t.name()); // the workspace of a run no longer queued
      }
    }
    int removed = 0;
    try (Stream<Path> dirs = Files.list(runs)) {
      for (Path d : dirs.toList()) {
        if (!running.contains(d.getFileName().toString())) {
          FileTrees.deleteTree(d);
          removed++;
        }
      }
    }
    return removed;
  }

}
