package io.jdvc.audit;

import io.jdvc.object.Oid;
import java.util.List;
import java.util.Map;

/**
 * The result of an audit.
 *
 * @param stores every store checked, in order: {@code cache} first, then remotes by name
 * @param judged the stores whose absences count as missing: the remotes audited, or the cache when there are none
 * @param deep whether every object was streamed and re-hashed
 * @param objects every distinct object referenced, sorted by oid
 * @param recorded how many objects the SHA-256 record(s) of the audited revisions cover
 * @param runCache the audit of the run cache's entries, or null when it was not asked for
 */
public record AuditReport(List<String> stores, List<String> judged, boolean deep, List<RevisionAudit> revisions,
    Map<Oid, ObjectFinding> objects, int recorded, RunCacheAudit runCache) {

  /** Objects absent from at least one judged store (including unexpandable directories). */
  public List<Oid> missing() {
    return objects.values().stream()
        .filter(f -> judged.stream().anyMatch(s -> f.state(s) == StoreState.MISSING))
        .map(ObjectFinding::oid).toList();
  }

  /** Objects corrupt in any store. */
  public List<Oid> corrupt() {
    return objects.values().stream().filter(ObjectFinding::corruptAnywhere).map(ObjectFinding::oid).toList();
  }

  /** Per store: how many objects are present but could not be checked for integrity. */
  public long unchecked(String store) {
    return objects.values().stream().filter(f -> f.state(store) == StoreState.PRESENT).count();
  }

  /** Directory outputs whose manifest was found nowhere: their files could not be audited. */
  public long unexpanded() {
    return revisions.stream().flatMap(r -> r.outputs().stream()).filter(o -> !o.expanded()).count();
  }

  /** Some object, or some run-cache entry, is corrupt somewhere. */
  public boolean anyCorrupt() {
    return !corrupt().isEmpty() || runCache != null && runCache.corrupt() > 0;
  }

  /** Something is missing: an object, a manifest, a run-cache entry or an object an entry names. */
  public boolean anyMissing() {
    return !missing().isEmpty() || unexpanded() > 0 || runCache != null && runCache.incomplete() > 0;
  }

  public boolean ok() {
    return !anyCorrupt() && !anyMissing();
  }
}
