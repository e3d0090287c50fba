package io.jdvc.audit;

import io.jdvc.git.RevisionRef;
import io.jdvc.history.RecordedOutput;
import io.jdvc.object.Oid;
import java.util.List;

/**
 * One output of one revision, audited: the pointer that records it, who last changed that pointer, and which of its
 * objects are in trouble.
 *
 * @param lastChange the commit at or before the revision that last changed the pointer file
 * @param objects how many objects the output references ({@code .dir} plus its files), 0 without data
 * @param expanded false if a directory's manifest was found nowhere, so its files could not be listed
 * @param missing objects missing from a judged store, sorted
 * @param corrupt objects corrupt in any store, sorted
 */
public record OutputAudit(RecordedOutput output, RevisionRef lastChange, int objects, boolean expanded,
    List<Oid> missing, List<Oid> corrupt) {
  public OutputAudit {
    missing = List.copyOf(missing);
    corrupt = List.copyOf(corrupt);
  }

  public boolean ok() {
    return expanded && missing.isEmpty() && corrupt.isEmpty();
  }
}
