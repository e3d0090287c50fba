package io.jdvc.audit;

import io.jdvc.object.Oid;
import java.util.List;
import java.util.Map;

/**
 * The audit of one object across every store checked.
 *
 * @param states store name ({@code cache}, then remote names) to what it holds, in check order
 * @param problems human-readable details of corrupt findings (e.g. which digest differed), empty when clean
 */
public record ObjectFinding(Oid oid, Map<String, StoreState> states, List<String> problems) {
  public ObjectFinding {
    states = Map.copyOf(states);
    problems = List.copyOf(problems);
  }

  public StoreState state(String store) {
    return states.getOrDefault(store, StoreState.MISSING);
  }

  public boolean corruptAnywhere() {
    return states.containsValue(StoreState.CORRUPT);
  }
}
