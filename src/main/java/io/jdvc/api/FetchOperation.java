package io.jdvc.api;

import io.jdvc.manifest.DirManifest;
import io.jdvc.object.Oid;
import io.jdvc.remote.Remote;
import io.jdvc.repo.RepoLock;
import io.jdvc.transfer.CopyTargets;
import io.jdvc.transfer.ObjectRef;
import io.jdvc.transfer.TransferReport;
import io.jdvc.transfer.Transfers;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jdvc fetch}: downloads into the cache every object the selected outputs need and the cache lacks:
 * directory manifests first (they say which files are needed), then files. Every object is verified against its
 * hash before it enters the cache.
 */
public final class FetchOperation extends ScopedOperation<FetchOperation> {
  FetchOperation(Jdvc jdvc) {
    super(jdvc);
  }

  /**
   * Also transfers DVC's run cache ({@code runs/} under the cache and the default or {@code -r} remote) and the
   * output objects its runs name, as {@code --run-cache} does.
   */
  public FetchOperation runCache(boolean value) {
    options.runCache = value;
    return this;
  }

  public TransferResult call() throws IOException {
    try (RepoLock lock = jdvc.lock()) {
      List<TrackedOutput> outputs = options.outputs(jdvc);
      List<TransferResult.RemoteReport> reports = new ArrayList<>(run(outputs));
      if (!options.skipWorkspace) {
        reports.addAll(HashlessImports.resolve(jdvc, HashlessImports.select(jdvc, options.targets), options.jobs)
            .reports());
      }
      return new TransferResult(reports, null, List.of());
    }
  }

  /** The fetch itself, for callers that hold the lock. */
  List<TransferResult.RemoteReport> run(List<TrackedOutput> outputs) throws IOException {
    return run(outputs, CopyTargets.NONE);
  }

  /**
   * As {@link #run(List)}, also writing the workspace copies that {@code copies} asks for. Repository imports
   * come from their source repository ({@link RepoImports}), one report per source.
   */
  List<TransferResult.RemoteReport> run(List<TrackedOutput> outputs, CopyTargets copies) throws IOException {
    List<TransferResult.RemoteReport> reports = new ArrayList<>();
    if (options.runCache) {
      try (Remote remote = jdvc.openRemote(options.remote)) {
        reports.add(new TransferResult.RemoteReport(remote.name(), remote.location(),
            new RunCacheTransfer(jdvc, remote, jdvc.transferJobs(options.jobs, remote)).fetch()));
      }
    }
    List<TrackedOutput> local = outputs.stream().filter(o -> !TransferOptions.isRepoImport(o)).toList();
    for (Map.Entry<String, List<TrackedOutput>> group : RemoteGroups.byRemote(local, options.remote)
        .entrySet()) {
      try (Remote remote = jdvc.openRemote(group.getKey())) {
        reports = RunCacheTransfer.merged(reports, new TransferResult.RemoteReport(remote.name(),
            remote.location(), fetch(remote, group.getValue(), copies)));
      }
    }
    reports.addAll(RepoImports.fetch(jdvc, outputs.stream().filter(TransferOptions::isRepoImport).toList(),
        options.jobs));
    return reports;
  }

  private TransferReport fetch(Remote remote, List<TrackedOutput> outputs, CopyTargets copies)
      throws IOException {
    Workspace ws = jdvc.workspace();
    int jobs = jdvc.transferJobs(options.jobs, remote);
    Transfers transfers = new Transfers(jdvc.cache(), remote, jobs, jdvc.progressListener());
    Map<Oid, ObjectRef> manifests = new LinkedHashMap<>();
    java.util.Set<Oid> cachedManifests = new java.util.HashSet<>();
    for (TrackedOutput o : outputs) {
      Oid oid = o.output().md5();
      if (o.output().isDir() && !jdvc.cache().verify(oid)) { // a corrupt copy is removed and fetched again
        manifests.putIfAbsent(oid, UsedObjects.ref(o, oid, o.repoPath()));
      } else if (o.output().isDir()) {
        cachedManifests.add(oid);
      }
    }
    TransferReport report = transfers.download(new ArrayList<>(manifests.values()), "Fetching manifests");
    Map<Oid, ObjectRef> files = new LinkedHashMap<>();
    Map<Oid, List<Oid>> dirFiles = new LinkedHashMap<>();
    int skipped = cachedManifests.size();
    for (TrackedOutput o : outputs) {
      if (o.output().isDir() && !jdvc.cache().contains(o.output().md5())) {
        continue; // its manifest failed to download and is already reported
      }
      DirManifest m = o.output().isDir() ? ws.manifest(o.output().md5()) : null;
      for (ObjectRef f : UsedObjects.of(o, m, options.filterFor(jdvc, o)).files()) {
        if (m != null) {
          dirFiles.computeIfAbsent(o.output().md5(), d -> new ArrayList<>()).add(f.oid());
        }
        if (jdvc.cache().verify(f.oid())) {
          skipped++;
        } else {
          files.putIfAbsent(f.oid(), f);
        }
      }
    }
    TransferReport fileReport = transfers.download(new ArrayList<>(files.values()), "Fetching from " + remote.name(),
        copies);
    TransferReport all = report.plus(fileReport);
    // a file missing on the remote makes its directory incomplete there, whatever push's index remembers
    java.util.Set<Oid> missing = new java.util.HashSet<>();
    all.failures().stream().filter(TransferReport.Failure::missing).forEach(f -> missing.add(f.object().oid()));
    jdvc.forgetIncompleteDirectories(remote, missing.isEmpty() ? List.of() : dirFiles.entrySet().stream()
        .filter(d -> d.getValue().stream().anyMatch(missing::contains)).map(Map.Entry::getKey).toList());
    return new TransferReport(all.transferred(), all.bytes(), skipped, all.failures(), all.elapsed());
  }
}
