package io.jdvc.api;

import io.jdvc.manifest.DirManifest;
import io.jdvc.object.Oid;
import io.jdvc.remote.Remote;
import io.jdvc.transfer.ObjectRef;
import io.jdvc.workspace.TrackedOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code jdvc status -c}: compares the local cache with a remote for every object the selected outputs need on
 * a remote (as push selects them: DVC's {@code _cloud_status} asks with {@code push=True}), as DVC does:
 * {@code new} (only in the cache), {@code deleted} (only on the remote), {@code missing} (in neither). Asks the
 * remote only about existence; downloads nothing.
 */
public final class CloudStatusOperation extends ScopedOperation<CloudStatusOperation> {
  CloudStatusOperation(Jdvc jdvc) {
    super(jdvc);
  }

  /** One object that is not in sync, named by its repository path. */
  public record Entry(String path, String dvcFile, Oid oid, String state) {}

  /** Remote name and the entries not in sync (an empty list means in sync). */
  public record Result(List<RemoteStatus> remotes) {
    public boolean inSync() {
      return remotes.stream().allMatch(r -> r.entries().isEmpty());
    }
  }

  public record RemoteStatus(String remote, List<Entry> entries) {}

  public Result call() throws IOException {
    List<RemoteStatus> result = new ArrayList<>();
    List<TrackedOutput> pushable = TransferOptions.pushable(options.outputs(jdvc));
    for (Map.Entry<String, List<TrackedOutput>> group : RemoteGroups.byRemote(pushable, options.remote).entrySet()) {
      try (Remote remote = jdvc.openRemote(group.getKey())) {
        result.add(new RemoteStatus(remote.name(), compare(remote, group.getValue())));
      }
    }
    return new Result(result);
  }

  private List<Entry> compare(Remote remote, List<TrackedOutput> outputs) throws IOException {
    Map<Oid, ObjectRef> used = new LinkedHashMap<>();
    Map<Oid, List<ObjectRef>> dirFiles = new LinkedHashMap<>();
    for (TrackedOutput o : outputs) {
      Oid oid = o.output().md5();
      Predicate<String> filter = options.filterFor(jdvc, o);
      // a --glob selects files, never a directory's manifest (push does not upload it then either)
      if (o.output().isDir() ? options.glob == null : filter.test(o.repoPath())) {
        used.putIfAbsent(oid, UsedObjects.ref(o, oid, o.repoPath()));
      }
      if (o.output().isDir() && jdvc.cache().contains(oid)) {
        DirManifest m = jdvc.workspace().manifest(oid);
        List<ObjectRef> files = UsedObjects.of(o, m, filter).files();
        dirFiles.computeIfAbsent(oid, d -> new ArrayList<>()).addAll(files);
        for (ObjectRef f : files) {
          used.putIfAbsent(f.oid(), f);
        }
      }
    }
    Set<Oid> onRemote = remote.existing(used.keySet());
    List<Oid> incomplete = new ArrayList<>();
    dirFiles.forEach((dir, files) -> {
      if (!onRemote.contains(dir) || files.stream().anyMatch(f -> !onRemote.contains(f.oid()))) {
        incomplete.add(dir);
      }
    });
    jdvc.forgetIncompleteDirectories(remote, incomplete);
    List<Entry> entries = new ArrayList<>();
    for (ObjectRef r : used.values()) {
      boolean local = jdvc.cache().contains(r.oid());
      boolean there = onRemote.contains(r.oid());
      if (local && !there) {
        entries.add(new Entry(r.path(), r.dvcFile(), r.oid(), "new"));
      } else if (!local && there) {
        entries.add(new Entry(r.path(), r.dvcFile(), r.oid(), "deleted"));
      } else if (!local && !there) {
        entries.add(new Entry(r.path(), r.dvcFile(), r.oid(), "missing"));
      }
    }
    entries.sort((a, b) -> a.path().compareTo(b.path()));
    return entries;
  }
}
