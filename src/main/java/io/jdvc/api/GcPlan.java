package io.jdvc.api;

import io.jdvc.git.RevisionRef;
import io.jdvc.object.Oid;
import java.util.List;

/**
 * What a gc would delete, decided before anything is deleted.
 *
 * @param scope the commits whose data is kept (the workspace is always kept too)
 * @param used how many distinct objects the workspace and the scope reference
 * @param local cache objects to delete, {@code .dir} objects first
 * @param localBytes their total size
 * @param remote remote objects to delete ({@code -c}), {@code .dir} objects first; empty without {@code -c}
 * @param remoteBytes their total size as the remote reports it
 * @param remoteName the remote gc would clean, or null without {@code -c}
 * @param incompleteLocal branches and tags outside the scope whose data would no longer be complete in the cache
 * @param incompleteRemote the same on the remote: this is the data lost for good
 * @param projects the projects whose data is kept: this repository first, then those named with {@code -p}
 */
public record GcPlan(List<RevisionRef> scope, int used, List<Oid> local, long localBytes, List<Oid> remote,
    long remoteBytes, String remoteName, List<RevisionRef> incompleteLocal, List<RevisionRef> incompleteRemote,
    List<java.nio.file.Path> projects) {
  public GcPlan {
    scope = List.copyOf(scope);
    local = List.copyOf(local);
    remote = List.copyOf(remote);
    incompleteLocal = List.copyOf(incompleteLocal);
    incompleteRemote = List.copyOf(incompleteRemote);
    projects = List.copyOf(projects);
  }

  public boolean isEmpty() {
    return local.isEmpty() && remote.isEmpty();
  }
}
