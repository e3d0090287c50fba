package io.jdvc.history;

import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifest;
import io.jdvc.object.Oid;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The objects a set of outputs references: each output's oid and, for a directory, every file its manifest lists
 * (DVC's "used" objects). A directory whose manifest is in neither the cache nor the remote cannot be expanded; it
 * is kept in {@link #unexpanded()} so that callers which delete (gc) can refuse rather than guess. Accumulates
 * across revisions; each distinct {@code .dir} is expanded once. Not thread-safe.
 */
public final class ReferencedObjects {
  private final ManifestStore manifests;
  private final Set<Oid> oids = new HashSet<>();
  private final Set<Oid> expandedDirs = new HashSet<>();
  private final List<RecordedOutput> unexpanded = new ArrayList<>();

  public ReferencedObjects(ManifestStore manifests) {
    this.manifests = manifests;
  }

  /** Adds what the outputs reference; outputs without data (no hash, {@code cache: false}) add nothing. */
  public ReferencedObjects addAll(List<RecordedOutput> outputs) throws IOException {
    for (RecordedOutput o : outputs) {
      if (!o.hasData()) {
        continue;
      }
      oids.add(o.oid());
      if (o.oid().isDir() && expandedDirs.add(o.oid())) {
        Optional<DirManifest> m = manifests.load(o.oid());
        if (m.isEmpty()) {
          expandedDirs.remove(o.oid());
          unexpanded.add(o);
          continue;
        }
        for (DirEntry e : m.get().entries()) {
          oids.add(e.md5());
        }
      }
    }
    return this;
  }

  public Set<Oid> oids() {
    return Collections.unmodifiableSet(oids);
  }

  /** Directory outputs whose files are unknown because their manifest is missing everywhere. */
  public List<RecordedOutput> unexpanded() {
    return Collections.unmodifiableList(unexpanded);
  }
}
