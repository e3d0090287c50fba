package io.jdvc.pipeline;

import io.jdvc.AtomicFiles;
import io.jdvc.cache.LocalCache;
import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifestCodec;
import io.jdvc.object.Oid;
import io.jdvc.pointer.CorruptDvcFileException;
import io.jdvc.pointer.YamlEmitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * DVC's run cache ({@code dvc/stage/cache.py}, {@code StageCache}): a record of every stage run, so that a stage
 * whose command, dependencies and params match an earlier run gets that run's outputs from the cache instead of
 * running again.
 *
 * <p>Layout: {@code <cache>/runs/<key[:2]>/<key>/<value>}, where {@code key} is the SHA-256 of Python's
 * {@code json.dumps(entry, sort_keys=True)} of the stage's lock entry with its outs reduced to their paths, and
 * {@code value} the same hash of the whole entry; both leave out every {@code size} and {@code nfiles} key at any
 * depth (DVC's {@code dict_sha256(..., exclude=[size, nfiles])}). The file holds the lock entry ({@code cmd, deps,
 * params, outs}) as YAML at the top level, written as {@code dvc.lock} writes a stage. Several values may sit
 * under one key (same inputs, different outputs: a non-deterministic command); DVC restores the newest by mtime.
 *
 * <p>Thread-safe for readers; writers are serialised by the repository lock.
 */
public final class RunCache {
  public static final String DIR_NAME = "runs";
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final LocalCache cache;
  private final Path dir;

  /** The run cache of {@code cache}: its {@code runs/} directory, beside {@code files/}. */
  public RunCache(LocalCache cache) {
    this.cache = cache;
    this.dir = cache.root().resolve(DIR_NAME);
  }

  /** {@code <cache>/runs}. */
  public Path dir() {
    return dir;
  }

  /** One saved run: {@code runs/<key[:2]>/<key>/<value>}. */
  public record Entry(String key, String value) {
    public Entry {
      if (!SHA256.matcher(key).matches() || !SHA256.matcher(value).matches()) {
        throw new IllegalArgumentException("not a run-cache entry: " + key + "/" + value);
      }
    }

    /** The path below the cache (or remote) root, {@code /}-separated: {@code runs/ab/ab…/cd…}. */
    public String relativePath() {
      return DIR_NAME + "/" + key.substring(0, 2) + "/" + key + "/" + value;
    }

    /** The entry at {@code runs/ab/<key>/<value>}, or empty if the path is not one. */
    public static Optional<Entry> ofRelativePath(String path) {
      String[] p = path.split("/");
      if (p.length != 4 || !p[0].equals(DIR_NAME) || !SHA256.matcher(p[2]).matches()
          || !SHA256.matcher(p[3]).matches() || !p[2].startsWith(p[1]) || p[1].length() != 2) {
        return Optional.empty();
      }
      return Optional.of(new Entry(p[2], p[3]));
    }
  }

  /**
   * Why DVC would not record or restore this stage ({@code _can_hash}), or empty if it would: an
   * {@code always_changed} stage, a stage without a command, dependencies (params count) or outputs, a dependency
   * without a hash, an output that is a URL, outside the repository or {@code persist: true}.
   *
   * @param entry the stage's lock entry as it would be written now
   * @param alwaysChanged the stage's {@code always_changed}
   * @param persistentOutputs true if any output is {@code persist: true}
   */
  public static Optional<String> ineligibility(LockedStageEntry entry, boolean alwaysChanged,
      boolean persistentOutputs) {
    if (alwaysChanged) {
      return Optional.of("it is always_changed");
    }
    boolean noCmd = entry.cmd() instanceof String s ? s.isEmpty() : ((List<?>) entry.cmd()).isEmpty();
    if (noCmd || entry.deps().isEmpty() && entry.params().isEmpty() || entry.outs().isEmpty()) {
      return Optional.of("it has no command, no dependencies or no outputs");
    }
    for (LockEntry d : entry.deps()) {
      if (d.md5() == null || !isLocal(d.path())) {
        return Optional.of("dependency '" + d.path() + "' has no hash");
      }
    }
    if (persistentOutputs) {
      return Optional.of("it has persistent outputs");
    }
    for (LockEntry o : entry.outs()) {
      if (!isLocal(o.path()) || o.path().equals("..") || o.path().startsWith("../")) {
        return Optional.of("output '" + o.path() + "' is outside the repository");
      }
    }
    return Optional.empty();
  }

  private static boolean isLocal(String path) {
    return !path.contains("://") && !path.startsWith("/");
  }

  /** {@code _get_stage_hash}: the key under which runs of these inputs are filed. */
  public static String key(LockedStageEntry entry) {
    Map<String, Object> m = LockFileWriter.stageMap(entry);
    if (m.containsKey("outs")) {
      m.put("outs", entry.outs().stream().map(LockEntry::path).sorted(LockFileWriter.CODE_POINT_ORDER).toList());
    }
    return sha256(m);
  }

  /** {@code _get_cache_hash(cache)}: the name of the file that records this run. */
  public static String value(LockedStageEntry entry) {
    return sha256(LockFileWriter.stageMap(entry));
  }

  /** The entry {@link #save} files this run under. */
  public static Entry entryOf(LockedStageEntry entry) {
    return new Entry(key(entry), value(entry));
  }

  private static String sha256(Map<String, Object> lockEntry) {
    String json = PythonJson.dumpsSorted(withoutSizes(lockEntry));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(json.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** DVC's {@code dict_filter(d, exclude=["size", "nfiles"])}: at every depth, params included. */
  private static Object withoutSizes(Object v) {
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, val) -> {
        if (!k.equals("size") && !k.equals("nfiles")) {
          out.put((String) k, withoutSizes(val));
        }
      });
      return out;
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(x -> out.add(withoutSizes(x)));
      return out;
    }
    return v;
  }

  /** The file of one entry. */
  public Path path(Entry entry) {
    return cache.root().resolve(entry.relativePath());
  }

  /** The bytes of the run-cache file for this stage entry: the lock entry as top-level YAML. */
  public static byte[] fileContent(LockedStageEntry entry) {
    return YamlEmitter.document(LockFileWriter.stageMap(entry)).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Records a successful run ({@code StageCache.save}); returns false if this exact run was already recorded. The
   * caller checks {@link #ineligibility} first, and puts the stage's {@code cache: false} outputs into the cache,
   * as DVC does, so that a restore can check them out.
   */
  public boolean save(LockedStageEntry entry) throws IOException {
    Path file = path(entryOf(entry));
    if (Files.exists(file)) {
      return false;
    }
    Files.createDirectories(file.getParent());
    AtomicFiles.write(file, fileContent(entry));
    return true;
  }

  /**
   * Stores a run-cache file fetched from a remote, if it is a valid lock stage (DVC checks the same schema when
   * it loads one); returns false, storing nothing, if it is not.
   */
  public boolean store(Entry entry, byte[] content) throws IOException {
    try {
      LockFile.parseStage(entry.relativePath(), content, "run");
    } catch (CorruptDvcFileException e) {
      return false;
    }
    AtomicFiles.write(path(entry), content);
    return true;
  }

  /**
   * Parses the bytes of one entry's file as DVC's run cache reads it, deleting nothing (an audit keeps the
   * evidence); the stage is named {@code run}, as the file names none.
   */
  public static LockedStageEntry parse(Entry entry, byte[] content) {
    return LockFile.parseStage(entry.relativePath(), content, "run");
  }

  /** Reads one entry; empty if it is absent. A corrupt file is deleted, as DVC deletes it. */
  public Optional<LockedStageEntry> load(Entry entry, String stageName) throws IOException {
    Path file = path(entry);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      return Optional.of(LockFile.parseStage(entry.relativePath(), bytes, stageName));
    } catch (CorruptDvcFileException e) {
      Files.deleteIfExists(file);
      return Optional.empty();
    }
  }

  /**
   * The run to restore for a stage whose inputs are as {@code current} says ({@code StageCache._load} and
   * {@code restore}): the newest run recorded under its key, if every one of its outputs is in the cache
   * (a directory with its manifest and every file). Outputs of {@code current} need only their paths.
   */
  public Optional<LockedStageEntry> lookup(LockedStageEntry current) throws IOException {
    String key = key(current);
    Path keyDir = dir.resolve(key.substring(0, 2)).resolve(key);
    AtomicFiles.removeStaleTemps(keyDir); // a run killed while recording itself here
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(keyDir)) {
      for (Path p : ds) {
        if (SHA256.matcher(p.getFileName().toString()).matches()) {
          files.add(p);
        }
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (files.isEmpty()) {
      return Optional.empty();
    }
    files.sort(Comparator.comparing(RunCache::mtime).reversed());
    Optional<LockedStageEntry> newest = load(new Entry(key, files.get(0).getFileName().toString()), current.name());
    if (newest.isEmpty() || !outputsCached(newest.get())) {
      return Optional.empty();
    }
    return newest;
  }

  private static FileTime mtime(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  /** {@code outs_cached}: every output's object, and for a directory its manifest's files, in the cache. */
  public boolean outputsCached(LockedStageEntry entry) throws IOException {
    for (LockEntry out : entry.outs()) {
      Oid oid = out.md5();
      if (oid == null || !cache.contains(oid)) {
        return false;
      }
      if (oid.isDir()) {
        List<DirEntry> files;
        try {
          files = new DirManifestCodec().decode(Files.readAllBytes(cache.pathOf(oid)), oid.legacy()).entries();
        } catch (RuntimeException e) {
          return false;
        }
        for (DirEntry f : files) {
          if (!cache.contains(f.md5())) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Every recorded run, sorted by path; what {@code push/pull --run-cache} move and audits check. */
  public List<Entry> list() throws IOException {
    List<Entry> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (var walk = Files.walk(dir, 3)) {
      walk.filter(Files::isRegularFile)
          .map(p -> dir.getParent().relativize(p).toString().replace('\\', '/'))
          .map(Entry::ofRelativePath)
          .flatMap(Optional::stream)
          .forEach(out::add);
    }
    out.sort(Comparator.comparing(Entry::relativePath));
    return out;
  }
}
