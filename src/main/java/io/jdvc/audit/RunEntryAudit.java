package io.jdvc.audit;

import io.jdvc.object.Oid;
import io.jdvc.pipeline.LockedStageEntry;
import io.jdvc.pipeline.RunCache;
import java.util.List;
import java.util.Map;

/**
 * One run-cache entry ({@code runs/<key[:2]>/<key>/<value>}), audited in every store: whether each holds it and
 * whether its file there parses and hashes to its names, and which objects its outputs name are in trouble.
 *
 * @param states store name to what it holds of the entry's file: {@code verified} (read, parsed, key and value
 *     recomputed), {@code present} (listed, not read), {@code missing}, {@code corrupt}
 * @param problems what was wrong with a corrupt copy, prefixed by the store
 * @param run the entry as a sound copy records it; null when no copy could be read soundly
 * @param objects how many objects its outputs name ({@code .dir} manifests and their files)
 * @param expanded false if a directory output's manifest was found nowhere
 * @param missingFrom judged stores that lack the entry itself
 * @param missing objects absent from a store that holds the entry, or from a judged store, sorted
 * @param corrupt objects corrupt in any store, sorted
 */
public record RunEntryAudit(RunCache.Entry entry, Map<String, StoreState> states, List<String> problems,
    LockedStageEntry run, int objects, boolean expanded, List<String> missingFrom, List<Oid> missing,
    List<Oid> corrupt) {
  public RunEntryAudit {
    states = Map.copyOf(states);
    problems = List.copyOf(problems);
    missingFrom = List.copyOf(missingFrom);
    missing = List.copyOf(missing);
    corrupt = List.copyOf(corrupt);
  }

  public StoreState state(String store) {
    return states.getOrDefault(store, StoreState.MISSING);
  }

  /** Some store's copy does not parse, or does not hash to its key or value. */
  public boolean entryCorrupt() {
    return states.containsValue(StoreState.CORRUPT);
  }

  /** Corrupt itself, or naming a corrupt object. */
  public boolean corruptAnywhere() {
    return entryCorrupt() || !corrupt.isEmpty();
  }

  /** Absent from a judged store, or naming objects some store that should hold them lacks. */
  public boolean incomplete() {
    return !missingFrom.isEmpty() || !missing.isEmpty() || !expanded;
  }

  public boolean ok() {
    return !corruptAnywhere() && !incomplete();
  }
}
