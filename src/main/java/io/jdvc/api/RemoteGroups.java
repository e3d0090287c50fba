package io.jdvc.api;

import io.jdvc.workspace.TrackedOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Splits outputs by the remote they belong to: their own {@code remote:} key, else -r, else the default. */
final class RemoteGroups {
  private RemoteGroups() {}

  /** Keys are remote names; the null key means "the default remote". */
  static Map<String, List<TrackedOutput>> byRemote(List<TrackedOutput> outputs, String requested) {
    Map<String, List<TrackedOutput>> groups = new LinkedHashMap<>();
    for (TrackedOutput o : outputs) {
      String name = o.output().remote() != null ? o.output().remote() : requested;
      groups.computeIfAbsent(name, k -> new ArrayList<>()).add(o);
    }
    return groups;
  }
}
