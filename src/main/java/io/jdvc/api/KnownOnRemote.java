package io.jdvc.api;

import io.jdvc.cache.LocalCache;
import io.jdvc.object.Oid;
import io.jdvc.remote.Remote;
import io.jdvc.transfer.RemoteIndex;
import io.jdvc.workspace.TrackedOutput;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The directories a push may take as complete on the remote without asking about their files: those the remote
 * index records as pushed complete, and, for a directory that changed since it was last pushed, that last version
 * (its base: the files both versions list need no question). DVC uploads a {@code .dir} only after all of its
 * files, so a {@code .dir} on the remote vouches for them. Each is confirmed with one HEAD; if any is gone the
 * index is dropped and nothing is taken as known, so a remote cleaned behind jdvc's back costs one full check.
 */
record KnownOnRemote(Set<Oid> complete, Set<Oid> bases) {
  private static final KnownOnRemote NOTHING = new KnownOnRemote(Set.of(), Set.of());

  /** {@code wholeDirs}: the directories to push whole, each with its output. */
  static KnownOnRemote confirm(Remote remote, RemoteIndex index, LocalCache cache,
      Map<Oid, TrackedOutput> wholeDirs) throws IOException {
    Set<Oid> indexed = new LinkedHashSet<>();
    Set<Oid> bases = new LinkedHashSet<>();
    for (Map.Entry<Oid, TrackedOutput> d : wholeDirs.entrySet()) {
      if (index.contains(d.getKey())) {
        indexed.add(d.getKey());
        continue;
      }
      Optional<Oid> base = index.lastPushed(d.getValue().repoPath());
      if (base.isPresent() && cache.check(base.get()) == LocalCache.ObjectCheck.INTACT) {
        bases.add(base.get()); // only its file list is needed, from the local cache
      }
    }
    Set<Oid> ask = new LinkedHashSet<>(indexed);
    ask.addAll(bases);
    if (ask.isEmpty()) {
      return NOTHING;
    }
    if (!remote.existing(ask).containsAll(ask)) {
      index.clear();
      return NOTHING;
    }
    return new KnownOnRemote(indexed, bases);
  }
}
