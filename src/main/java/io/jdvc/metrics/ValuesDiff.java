package io.jdvc.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed between two revisions' params or metrics, as DVC's {@code utils.diff.diff} computes it: per file
 * (sorted by path), per flattened key (sorted), the old and new value. A file missing or unreadable at one revision
 * contributes no values there, so its keys show {@code -} on that side. Unchanged keys are kept only with
 * {@code withUnchanged} ({@code --all}).
 *
 * @param files path → key → change; files without any change are left out
 */
public record ValuesDiff(Map<String, Map<String, ValueChange>> files) {
  public ValuesDiff {
    Map<String, Map<String, ValueChange>> copy = new LinkedHashMap<>();
    files.forEach((f, m) -> copy.put(f, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
    files = Collections.unmodifiableMap(copy);
  }

  public static ValuesDiff of(RevisionValues oldRev, RevisionValues newRev, boolean withUnchanged) {
    Set<String> paths = new TreeSet<>(oldRev.files().keySet());
    paths.addAll(newRev.files().keySet());
    Map<String, Map<String, ValueChange>> out = new LinkedHashMap<>();
    for (String path : paths) {
      Map<String, Object> before = flat(oldRev.files().get(path));
      Map<String, Object> after = flat(newRev.files().get(path));
      Set<String> keys = new TreeSet<>(before.keySet());
      keys.addAll(after.keySet());
      Map<String, ValueChange> changes = new TreeMap<>();
      for (String key : keys) {
        ValueChange c = ValueChange.of(before.get(key), after.get(key));
        if (withUnchanged || c.changed()) {
          changes.put(key, c);
        }
      }
      if (!changes.isEmpty()) {
        out.put(path, changes);
      }
    }
    return new ValuesDiff(out);
  }

  private static Map<String, Object> flat(FileValues values) {
    return values == null ? Map.of() : FlatValues.flatten(values.data());
  }
}
