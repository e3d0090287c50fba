package io.jdvc.history;

import io.jdvc.history.DataChanges.Change;
import io.jdvc.history.DataChanges.Rename;
import io.jdvc.object.Oid;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two path-sorted file lists in one merge pass (O(n) after the O(n log n) sort the lists come with), then
 * pairs deletions and additions of the same content into renames. Pairing is deterministic: for each oid the i-th
 * deleted path (in path order) pairs with the i-th added path, so the same inputs always give the same renames.
 */
public final class DataDiff {
  private DataDiff() {}

  /** @param before and {@code after} sorted by {@link DataFiles#BY_PATH}, without duplicate paths */
  public static DataChanges compare(List<DataFile> before, List<DataFile> after) {
    List<Change> added = new ArrayList<>();
    List<Change> deleted = new ArrayList<>();
    List<Change> modified = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < before.size() || j < after.size()) {
      int c = i >= before.size() ? 1 : j >= after.size() ? -1 : DataFiles.BY_PATH.compare(before.get(i), after.get(j));
      if (c < 0) {
        DataFile d = before.get(i++);
        deleted.add(new Change(d.path(), d.oid(), null));
      } else if (c > 0) {
        DataFile a = after.get(j++);
        added.add(new Change(a.path(), null, a.oid()));
      } else {
        DataFile d = before.get(i++);
        DataFile a = after.get(j++);
        if (!d.oid().equals(a.oid())) {
          modified.add(new Change(a.path(), d.oid(), a.oid()));
        }
      }
    }
    Map<Oid, Deque<Change>> deletedByOid = new HashMap<>();
    for (Change d : deleted) {
      deletedByOid.computeIfAbsent(d.oldOid(), k -> new ArrayDeque<>()).add(d);
    }
    List<Rename> renamed = new ArrayList<>();
    List<Change> trulyAdded = new ArrayList<>();
    java.util.Set<Change> paired = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Change a : added) {
      Deque<Change> candidates = deletedByOid.get(a.newOid());
      if (candidates != null && !candidates.isEmpty()) {
        Change d = candidates.poll();
        paired.add(d);
        renamed.add(new Rename(d.path(), a.path(), a.newOid()));
      } else {
        trulyAdded.add(a);
      }
    }
    List<Change> trulyDeleted = deleted.stream().filter(d -> !paired.contains(d)).toList();
    return new DataChanges(trulyAdded, trulyDeleted, modified, renamed);
  }
}
