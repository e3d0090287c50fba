package io.jdvc.history;

import io.jdvc.git.GitRepo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the outputs a revision records from its Git tree: every {@code .dvc} file and {@code dvc.lock}. Each
 * distinct pointer blob is read and parsed once per scanner, so scanning every commit of a long history costs one
 * tree walk per commit plus one parse per pointer version. Not thread-safe.
 */
public final class RevisionScanner {
  private final GitRepo git;
  private final Map<String, List<RecordedOutput>> byBlob = new HashMap<>();
  private final Map<String, DvcLock> locksByBlob = new HashMap<>();

  public RevisionScanner(GitRepo git) {
    this.git = git;
  }

  /** Every output recorded at {@code rev}, pointer files in Git's tree order, outputs in file order. */
  public List<RecordedOutput> outputsAt(String rev) {
    List<RecordedOutput> all = new ArrayList<>();
    for (Map.Entry<String, String> e : git.blobIdsAt(rev, PointerFiles::isPointer).entrySet()) {
      String key = e.getValue() + ":" + e.getKey();
      List<RecordedOutput> outs = byBlob.get(key);
      if (outs == null) {
        outs = List.copyOf(PointerFiles.outputsOf(e.getKey(), git.readBlob(e.getValue())));
        byBlob.put(key, outs);
      }
      all.addAll(outs);
    }
    return all;
  }

  /** The {@code dvc.lock} files at {@code rev}, parsed. */
  public List<DvcLock> locksAt(String rev) {
    List<DvcLock> locks = new ArrayList<>();
    for (Map.Entry<String, String> e : git.blobIdsAt(rev, PointerFiles::isLockFile).entrySet()) {
      String key = e.getValue() + ":" + e.getKey();
      locks.add(locksByBlob.computeIfAbsent(key, k -> DvcLock.parse(e.getKey(), git.readBlob(e.getValue()))));
    }
    return locks;
  }
}
