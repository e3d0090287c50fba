package io.jdvc.api;

import io.jdvc.cache.LocalCache;
import io.jdvc.manifest.DirManifest;
import io.jdvc.object.Oid;
import io.jdvc.object.OidSet;
import io.jdvc.remote.Remote;
import io.jdvc.repo.RepoLock;
import io.jdvc.transfer.ObjectRef;
import io.jdvc.transfer.RemoteActivity;
import io.jdvc.transfer.RemoteIndex;
import io.jdvc.transfer.TransferReport;
import io.jdvc.transfer.Transfers;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code jdvc push}: uploads every object the selected outputs need that the remote lacks. Plans first (what
 * the remote has, through the remote index and listing or HEAD), then uploads files in parallel, then each
 * directory's manifest only once all of its files are there. Re-running after an interruption uploads only
 * what is still missing.
 */
public final class PushOperation extends ScopedOperation<PushOperation> {
  PushOperation(Jdvc jdvc) {
    super(jdvc);
  }

  private boolean trustIndex = true;

  /**
   * Whether to take directories that the remote index records as complete as present with all their files
   * (default). {@code false} asks the remote about every object, which finds files deleted on the remote while
   * their directory's manifest stayed, and records the directories found complete again.
   */
  public PushOperation useRemoteIndex(boolean value) {
    this.trustIndex = value;
    return this;
  }


  /**
   * Also transfers DVC's run cache ({@code runs/} under the cache and the default or {@code -r} remote) and the
   * output objects its runs name, as {@code --run-cache} does.
   */
  public PushOperation runCache(boolean value) {
    options.runCache = value;
    return this;
  }

  public TransferResult call() throws IOException {
    try (RepoLock lock = jdvc.lock()) {
      List<TrackedOutput> outputs = TransferOptions.pushable(options.outputs(jdvc));
      List<TransferResult.RemoteReport> reports = new ArrayList<>();
      if (options.runCache) {
        try (Remote remote = jdvc.openRemote(options.remote)) {
          reports.add(new TransferResult.RemoteReport(remote.name(), remote.location(),
              new RunCacheTransfer(jdvc, remote, jdvc.transferJobs(options.jobs, remote)).push()));
        }
      }
      for (Map.Entry<String, List<TrackedOutput>> group : RemoteGroups.byRemote(outputs, options.remote)
          .entrySet()) {
        try (Remote remote = jdvc.openRemote(group.getKey());
            RemoteActivity activity = RemoteActivity.begin(remote, RemoteActivity.Kind.PUSH)) {
          activity.refuseWhile(RemoteActivity.Kind.GC, "it deletes objects this push could take as present",
              "run the push again when that gc has finished; nothing was uploaded");
          reports = RunCacheTransfer.merged(reports, new TransferResult.RemoteReport(remote.name(),
              remote.location(), push(remote, group.getValue(), activity.gcGeneration())));
        }
      }
      return new TransferResult(reports, null);
    }
  }

  private TransferReport push(Remote remote, List<TrackedOutput> outputs, String gcGeneration)
      throws IOException {
    long started = System.nanoTime();
    Workspace ws = jdvc.workspace();
    RemoteIndex index = jdvc.remoteIndex(remote);
    index.requireGcGeneration(gcGeneration);
    List<TransferReport.Failure> failures = new ArrayList<>();
    // a manifest absent from the cache (a fresh clone) is fine when the remote has it: DVC writes a .dir there
    // only after all of its files, so nothing of that directory needs uploading
    Map<Oid, ObjectRef> uncachedDirs = new LinkedHashMap<>();
    List<TrackedOutput> cachedDirs = new ArrayList<>();
    Map<Oid, TrackedOutput> wholeDirs = new LinkedHashMap<>();
    for (TrackedOutput o : outputs) {
      if (!o.output().isDir()) {
        continue;
      }
      Oid dirOid = o.output().md5();
      LocalCache.ObjectCheck check = jdvc.cache().check(dirOid);
      if (check == LocalCache.ObjectCheck.ABSENT) {
        uncachedDirs.putIfAbsent(dirOid, UsedObjects.ref(o, dirOid, o.repoPath()));
      } else if (check != LocalCache.ObjectCheck.INTACT) {
        failures.add(new TransferReport.Failure(UsedObjects.ref(o, dirOid, o.repoPath()),
            Transfers.CORRUPT_IN_CACHE, false, true));
      } else {
        cachedDirs.add(o);
        if (options.selectsWholeOutputs(jdvc, o)) {
          wholeDirs.putIfAbsent(dirOid, o);
        }
      }
    }
    if (!trustIndex) {
      index.removeAll(wholeDirs.keySet());
    }
    KnownOnRemote known = KnownOnRemote.confirm(remote, index, jdvc.cache(), wholeDirs);
    // what the remote holds for sure: every file of a directory confirmed complete there, and of the version
    // last pushed for a changed directory (its other files are the only ones to ask about)
    OidSet covered = ws.manifestOids(known.complete());
    OidSet inBases = ws.manifestOids(known.bases());
    OidSet coveredByBase = new OidSet();
    Predicate<Oid> needed = f -> {
      if (covered.contains(f)) {
        return false;
      }
      if (inBases.contains(f)) {
        coveredByBase.add(f);
        return false;
      }
      return true;
    };
    Map<Oid, UsedObjects> dirs = new LinkedHashMap<>();
    Map<Oid, ObjectRef> files = new LinkedHashMap<>();
    for (TrackedOutput o : outputs) {
      if (!o.output().isDir()) {
        for (ObjectRef f : UsedObjects.of(o, null, options.filterFor(jdvc, o)).files()) {
          if (needed.test(f.oid())) {
            files.putIfAbsent(f.oid(), f);
          }
        }
      }
    }
    Map<Oid, DirManifest> manifests = new LinkedHashMap<>();
    for (TrackedOutput o : cachedDirs) {
      Oid dirOid = o.output().md5();
      if (known.complete().contains(dirOid)) {
        continue; // all of its files are covered
      }
      DirManifest m = manifests.computeIfAbsent(dirOid, d -> manifestOrNull(ws, d));
      UsedObjects used = UsedObjects.of(o, m, options.filterFor(jdvc, o), needed);
      if (wholeDirs.get(dirOid) == o) {
        dirs.putIfAbsent(dirOid, used);
      }
      for (ObjectRef f : used.files()) {
        files.putIfAbsent(f.oid(), f);
      }
    }
    manifests.clear();
    List<Oid> toCheck = new ArrayList<>(files.keySet());
    toCheck.addAll(dirs.keySet());
    toCheck.addAll(uncachedDirs.keySet());
    Set<Oid> present = toCheck.isEmpty() ? Set.of() : remote.existing(toCheck);
    for (ObjectRef d : uncachedDirs.values()) {
      if (!present.contains(d.oid())) {
        failures.add(new TransferReport.Failure(d, "directory manifest neither in the local cache nor on remote '"
            + remote.name() + "'", true));
      }
    }
    List<ObjectRef> upload = new ArrayList<>();
    for (Map.Entry<Oid, ObjectRef> f : files.entrySet()) {
      if (!present.contains(f.getKey())) {
        upload.add(f.getValue());
      }
    }
    int jobs = jdvc.transferJobs(options.jobs, remote);
    Transfers transfers = new Transfers(jdvc.cache(), remote, jobs, jdvc.progressListener());
    TransferReport report = transfers.upload(upload, "Pushing to " + remote.name());
    Set<Oid> failedFiles = new HashSet<>();
    report.failures().forEach(f -> failedFiles.add(f.object().oid()));
    failures.addAll(report.failures());
    List<ObjectRef> dirUploads = new ArrayList<>();
    List<Oid> completeDirs = new ArrayList<>(known.complete());
    for (Map.Entry<Oid, UsedObjects> d : dirs.entrySet()) {
      boolean filesOk = d.getValue().files().stream().noneMatch(f -> failedFiles.contains(f.oid()));
      if (!filesOk) {
        failures.add(new TransferReport.Failure(UsedObjects.ref(d.getValue().output(), d.getKey(),
            d.getValue().output().repoPath()), "manifest not pushed because some of its files failed", false));
      } else if (present.contains(d.getKey())) {
        completeDirs.add(d.getKey());
      } else {
        dirUploads.add(UsedObjects.ref(d.getValue().output(), d.getKey(), d.getValue().output().repoPath()));
      }
    }
    TransferReport dirReport = transfers.upload(dirUploads, "Pushing manifests to " + remote.name());
    failures.addAll(dirReport.failures());
    for (ObjectRef d : dirUploads) {
      if (dirReport.failures().stream().noneMatch(f -> f.object().oid().equals(d.oid()))) {
        completeDirs.add(d.oid());
      }
    }
    index.addAll(completeDirs);
    for (Oid d : completeDirs) {
      index.recordPushed(wholeDirs.get(d).repoPath(), d);
    }
    index.save();
    int skipped = covered.size() + coveredByBase.size() + known.complete().size() + files.size() + dirs.size()
        - upload.size() - dirUploads.size()
        + (int) uncachedDirs.keySet().stream().filter(present::contains).count();
    return new TransferReport(report.transferred() + dirReport.transferred(), report.bytes() + dirReport.bytes(),
        skipped, failures, Duration.ofNanos(System.nanoTime() - started));
  }

  private static DirManifest manifestOrNull(Workspace ws, Oid d) {
    try {
      return ws.manifest(d);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
