package io.jdvc.api;

import io.jdvc.manifest.DirEntry;
import io.jdvc.object.Oid;
import io.jdvc.pipeline.LockEntry;
import io.jdvc.pipeline.LockedStageEntry;
import io.jdvc.pipeline.RunCache;
import io.jdvc.remote.Remote;
import io.jdvc.transfer.ObjectRef;
import io.jdvc.transfer.TransferReport;
import io.jdvc.transfer.Transfers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code push/fetch/pull --run-cache}: DVC's {@code StageCache.push/pull} copy the {@code runs/} files between the
 * cache and the remote root ({@code <remote>/runs/<key[:2]>/<key>/<value>}). jdvc also moves the output objects
 * those runs name, where the source has them, so that a run pulled from the remote can be restored without
 * running; DVC 3 leaves that to {@code repro --pull}. Files already at the destination are not copied again (a
 * run-cache file is named by the hash of its content).
 */
final class RunCacheTransfer {
  private static final String RUN = "run";
  private final Jdvc jdvc;
  private final Remote remote;
  private final int jobs;

  RunCacheTransfer(Jdvc jdvc, Remote remote, int jobs) {
    this.jdvc = jdvc;
    this.remote = remote;
    this.jobs = jobs;
  }

  /** Uploads the runs the remote lacks, then the cached output objects they name that the remote lacks. */
  TransferReport push() throws IOException {
    long started = System.nanoTime();
    RunCache runs = new RunCache(jdvc.cache());
    Set<String> onRemote = new HashSet<>();
    remote.listRunCache(onRemote::add);
    int transferred = 0;
    long bytes = 0;
    int skipped = 0;
    Map<String, LockedStageEntry> entries = new LinkedHashMap<>();
    for (RunCache.Entry e : runs.list()) {
      runs.load(e, RUN).ifPresent(s -> entries.put(e.relativePath(), s));
      if (onRemote.contains(e.relativePath())) {
        skipped++;
        continue;
      }
      Path file = runs.path(e);
      remote.uploadRunCache(e.relativePath(), file);
      transferred++;
      bytes += Files.size(file);
    }
    Objects objects = objectsOf(entries, true);
    Set<Oid> present = objects.all().isEmpty() ? Set.of() : remote.existing(objects.all());
    Transfers transfers = new Transfers(jdvc.cache(), remote, jobs, jdvc.progressListener());
    TransferReport files = transfers.upload(missing(objects.files, present), "Pushing run-cache outputs");
    Set<Oid> failed = new HashSet<>();
    files.failures().forEach(f -> failed.add(f.object().oid()));
    List<ObjectRef> dirs = new ArrayList<>();
    for (Map.Entry<Oid, ObjectRef> d : objects.dirs.entrySet()) {
      if (!present.contains(d.getKey()) && objects.dirFiles.get(d.getKey()).stream().noneMatch(failed::contains)) {
        dirs.add(d.getValue());
      }
    }
    TransferReport dirReport = transfers.upload(dirs, "Pushing run-cache manifests");
    TransferReport all = files.plus(dirReport);
    return new TransferReport(transferred + all.transferred(), bytes + all.bytes(), skipped + present.size(),
        all.failures(), Duration.ofNanos(System.nanoTime() - started));
  }

  /** Downloads the runs the cache lacks, then the output objects they name that the remote has. */
  TransferReport fetch() throws IOException {
    long started = System.nanoTime();
    RunCache runs = new RunCache(jdvc.cache());
    List<String> onRemote = new ArrayList<>();
    remote.listRunCache(onRemote::add);
    int transferred = 0;
    long bytes = 0;
    int skipped = 0;
    Map<String, LockedStageEntry> entries = new LinkedHashMap<>();
    for (String rel : onRemote) {
      RunCache.Entry e = RunCache.Entry.ofRelativePath(rel).orElseThrow();
      if (!Files.isRegularFile(runs.path(e))) {
        Path tmp = jdvc.cache().newTempFile();
        try {
          remote.downloadRunCache(rel, tmp);
          byte[] content = Files.readAllBytes(tmp);
          if (runs.store(e, content)) {
            transferred++;
            bytes += content.length;
          } else {
            jdvc.notice("run-cache file '" + rel + "' on remote '" + remote.name() + "' is not a valid stage; "
                + "skipped");
            continue;
          }
        } finally {
          Files.deleteIfExists(tmp);
        }
      } else {
        skipped++;
      }
      runs.load(e, RUN).ifPresent(s -> entries.put(rel, s));
    }
    Transfers transfers = new Transfers(jdvc.cache(), remote, jobs, jdvc.progressListener());
    // only what the remote has: DVC pushes the runs without their outputs, so many are never there
    Map<Oid, ObjectRef> dirs = objectsOf(entries, false).dirs;
    TransferReport dirReport = transfers.download(onRemote(dirs), "Fetching run-cache manifests");
    Map<Oid, ObjectRef> fileRefs = objectsOf(entries, false).files;
    TransferReport files = transfers.download(onRemote(fileRefs), "Fetching run-cache outputs");
    TransferReport all = dirReport.plus(files);
    return new TransferReport(transferred + all.transferred(), bytes + all.bytes(), skipped, all.failures(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  private List<ObjectRef> onRemote(Map<Oid, ObjectRef> refs) throws IOException {
    if (refs.isEmpty()) {
      return List.of();
    }
    Set<Oid> there = remote.existing(refs.keySet());
    List<ObjectRef> out = new ArrayList<>();
    refs.forEach((oid, ref) -> {
      if (there.contains(oid)) {
        out.add(ref);
      }
    });
    return out;
  }

  private static List<ObjectRef> missing(Map<Oid, ObjectRef> refs, Set<Oid> skip) {
    List<ObjectRef> out = new ArrayList<>();
    refs.forEach((oid, ref) -> {
      if (!skip.contains(oid)) {
        out.add(ref);
      }
    });
    return out;
  }

  /** The objects the runs' outputs name. */
  private static final class Objects {
    final Map<Oid, ObjectRef> files = new LinkedHashMap<>();
    final Map<Oid, ObjectRef> dirs = new LinkedHashMap<>();
    final Map<Oid, List<Oid>> dirFiles = new LinkedHashMap<>();

    Set<Oid> all() {
      Set<Oid> all = new HashSet<>(files.keySet());
      all.addAll(dirs.keySet());
      return all;
    }
  }

  /**
   * For a push ({@code cached}), the objects in the local cache (a directory only with all its files); for a
   * fetch, the objects the cache lacks (a directory's files once its manifest is cached).
   */
  private Objects objectsOf(Map<String, LockedStageEntry> entries, boolean cached) throws IOException {
    Objects o = new Objects();
    for (Map.Entry<String, LockedStageEntry> e : entries.entrySet()) {
      for (LockEntry out : e.getValue().outs()) {
        Oid oid = out.md5();
        if (oid == null) {
          continue;
        }
        ObjectRef ref = new ObjectRef(oid, out.path(), e.getKey(), oid.isDir() || out.size() == null ? -1 : out.size());
        boolean inCache = jdvc.cache().contains(oid);
        if (!oid.isDir()) {
          if (inCache == cached) {
            o.files.putIfAbsent(oid, ref);
          }
          continue;
        }
        if (!inCache) {
          if (!cached) {
            o.dirs.putIfAbsent(oid, ref);
          }
          continue;
        }
        List<Oid> fileOids = new ArrayList<>();
        boolean complete = true;
        for (DirEntry f : jdvc.workspace().manifest(oid).entries()) {
          fileOids.add(f.md5());
          boolean have = jdvc.cache().contains(f.md5());
          complete &= have;
          if (have == cached) {
            o.files.putIfAbsent(f.md5(), new ObjectRef(f.md5(), out.path() + "/" + f.relpath(), e.getKey()));
          }
        }
        if (cached && complete) {
          o.dirs.putIfAbsent(oid, ref);
          o.dirFiles.put(oid, fileOids);
        }
      }
    }
    return o;
  }

  /** {@code reports} with {@code extra} added to the report of the same remote, or appended. */
  static List<TransferResult.RemoteReport> merged(List<TransferResult.RemoteReport> reports,
      TransferResult.RemoteReport extra) {
    List<TransferResult.RemoteReport> out = new ArrayList<>();
    boolean added = false;
    for (TransferResult.RemoteReport r : reports) {
      if (!added && r.remote().equals(extra.remote())) {
        out.add(new TransferResult.RemoteReport(r.remote(), r.location(), r.report().plus(extra.report())));
        added = true;
      } else {
        out.add(r);
      }
    }
    if (!added) {
      out.add(extra);
    }
    return out;
  }
}
