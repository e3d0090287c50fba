package io.jdvc.experiments;

import io.jdvc.AtomicFiles;
import io.jdvc.JdvcException;
import io.jdvc.pipeline.ParamsFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * jdvc's experiment queue: one JSON file per queued run in {@code .dvc/tmp/jdvc/queue/}, never under
 * {@code refs/exps/} (DVC reads every ref there as an experiment) nor in DVC's {@code .dvc/tmp/exps/}. A run's log
 * is {@code <id>.log} beside it. Only finished runs become experiment refs, ordinary ones that DVC sees too.
 */
public final class ExpQueue {
  /** Queued, running, success or failed. */
  public enum Status { QUEUED, RUNNING, SUCCESS, FAILED }

  /** One queued run. */
  public record Entry(String id, String name, String baseline, List<String> setParams, List<String> targets,
      Instant created, Status status, Integer returncode, String commit, String workspace) {
    public Entry with(Status s, Integer rc, String c) {
      return new Entry(id, name, baseline, setParams, targets, created, s, rc, c, workspace);
    }
  }

  /** Keeps a queued run's workspace commit from Git's gc; outside refs/exps/, which DVC reads as experiments. */
  public static String workspaceRef(String id) {
    return "refs/jdvc/queue/" + id;
  }

  private final Path dir;

  public ExpQueue(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path log(Entry e) {
    return dir.resolve(e.id() + ".log");
  }

  /** The private work tree of a run. */
  public Path workDir(Entry e) {
    return dir.resolve("run").resolve(e.id());
  }

  /**
   * Queues a run.
   *
   * @param workspace a commit on the baseline holding the workspace's uncommitted changes to tracked files, which
   *     the run starts from (as DVC's queue stashes them), or null when there were none
   */
  public Entry add(String id, String name, String baseline, List<String> setParams, List<String> targets,
      String workspace) throws IOException {
    Entry e = new Entry(id, name, baseline,
        List.copyOf(setParams), List.copyOf(targets), Instant.now(), Status.QUEUED, null, null, workspace);
    save(e);
    return e;
  }

  /** A fresh entry id. */
  public static String newId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  public void save(Entry e) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("name", e.name());
    m.put("baseline", e.baseline());
    m.put("set_params", e.setParams());
    m.put("targets", e.targets());
    m.put("created", e.created().toString());
    m.put("status", e.status().name().toLowerCase());
    m.put("returncode", e.returncode() == null ? null : e.returncode().longValue());
    m.put("commit", e.commit());
    m.put("workspace", e.workspace());
    StringBuilder sb = new StringBuilder();
    ParamsEditor.writeJson(m, sb);
    AtomicFiles.write(dir.resolve(e.id() + ".json"), (sb + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public void remove(Entry e) throws IOException {
    Files.deleteIfExists(dir.resolve(e.id() + ".json"));
    Files.deleteIfExists(dir.resolve(e.id() + ".lock"));
    Files.deleteIfExists(log(e));
    Files.deleteIfExists(pidFile(e));
  }

  /**
   * A worker's hold on one entry for the length of its run: an OS lock on {@code <id>.lock}, so two
   * {@code queue start} processes never run the same entry, and the hold ends with its process, even a killed one.
   */
  public static final class Claim implements AutoCloseable {
    private final java.nio.channels.FileChannel channel;
    private final java.nio.channels.FileLock lock;
    private final Entry entry;

    private Claim(java.nio.channels.FileChannel channel, java.nio.channels.FileLock lock, Entry entry) {
      this.channel = channel;
      this.lock = lock;
      this.entry = entry;
    }

    /** The entry as it was read after the lock was taken. */
    public Entry entry() {
      return entry;
    }

    @Override
    public void close() throws IOException {
      try {
        lock.release();
      } finally {
        channel.close();
      }
    }
  }

  /**
   * Claims an entry for this worker: empty if another worker holds it or it is no longer queued (run or removed
   * meanwhile).
   */
  public Optional<Claim> claim(Entry e) throws IOException {
    Files.createDirectories(dir);
    java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(dir.resolve(e.id() + ".lock"),
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
    java.nio.channels.FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException heldInThisJvm) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      return Optional.empty();
    }
    Claim claim = new Claim(channel, lock, null);
    Optional<Entry> now = entries().stream().filter(x -> x.id().equals(e.id()) && x.status() == Status.QUEUED)
        .findFirst();
    if (now.isEmpty()) {
      claim.close();
      return Optional.empty();
    }
    return Optional.of(new Claim(channel, lock, now.get()));
  }

  /** Who runs an entry: the {@code queue start} process (the worker) and its jdvc child (0 before it starts). */
  public record Pids(long worker, long child) {}

  private Path pidFile(Entry e) {
    return dir.resolve(e.id() + ".pid");
  }

  /** Records who runs the entry; written before the entry is marked running, so a running entry always has one. */
  public void savePids(Entry e, Pids pids) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.write(pidFile(e), (pids.worker() + " " + pids.child() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public Optional<Pids> pids(Entry e) {
    try {
      String[] parts = Files.readString(pidFile(e), StandardCharsets.UTF_8).strip().split(" ");
      return Optional.of(new Pids(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
    } catch (IOException | RuntimeException missingOrTorn) {
      return Optional.empty();
    }
  }

  public void clearPids(Entry e) throws IOException {
    Files.deleteIfExists(pidFile(e));
  }

  /** Present while a {@code queue stop} asks workers to start no more runs. */
  public Path stopFile() {
    return dir.resolve("stop");
  }

  /**
   * A running entry whose worker is gone (killed, the machine rebooted) will never finish: it is shown failed,
   * without an exit code, so it can be removed or re-queued instead of hanging as running (dvc#8165).
   */
  private Entry withDeadWorkerFailed(Entry e) {
    if (e.status() != Status.RUNNING) {
      return e;
    }
    boolean alive = pids(e).flatMap(p -> ProcessHandle.of(p.worker())).map(ProcessHandle::isAlive).orElse(false);
    return alive ? e : e.with(Status.FAILED, null, null);
  }

  /** Every entry, oldest first. */
  @SuppressWarnings("unchecked")
  public List<Entry> entries() throws IOException {
    List<Entry> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
        Map<String, Object> m;
        try {
          m = ParamsFiles.parse(Files.readAllBytes(f), f.getFileName().toString());
        } catch (JdvcException | IOException broken) {
          continue; // a half-written entry of a killed process: nothing to run
        }
        out.add(withDeadWorkerFailed(new Entry((String) m.get("id"), (String) m.get("name"),
            (String) m.get("baseline"), (List<String>) m.get("set_params"), (List<String>) m.get("targets"),
            Instant.parse((String) m.get("created")), Status.valueOf(((String) m.get("status")).toUpperCase()),
            m.get("returncode") == null ? null : ((Number) m.get("returncode")).intValue(),
            (String) m.get("commit"), (String) m.get("workspace"))));
      }
    }
    out.sort(Comparator.comparing(Entry::created).thenComparing(Entry::id));
    return out;
  }

  /** The entries of a name or id prefix. */
  public List<Entry> find(String nameOrId) throws IOException {
    return entries().stream().filter(e -> nameOrId.equals(e.name()) || e.id().startsWith(nameOrId)).toList();
  }

  /**
   * A sweep expanded: each {@code -S} whose value lists choices ({@code a=1,2}, {@code range(1,4)}) multiplies the
   * runs, as Hydra's cartesian product does; returns one list of plain {@code -S} arguments per run.
   */
  public static List<List<String>> expandSweeps(List<String> setParams) {
    List<List<String>> runs = new ArrayList<>();
    runs.add(new ArrayList<>());
    for (String arg : setParams) {
      int eq = arg.indexOf('=');
      List<String> values = eq < 0 ? List.of("") : HydraValues.sweepValues(arg.substring(eq + 1));
      List<List<String>> next = new ArrayList<>();
      for (List<String> run : runs) {
        for (String v : values) {
          List<String> r = new ArrayList<>(run);
          r.add(eq < 0 ? arg : arg.substring(0, eq + 1) + v);
          next.add(r);
        }
      }
      runs = next;
    }
    return runs;
  }
}
