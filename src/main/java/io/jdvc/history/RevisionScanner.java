package io.jdvc.history;

import io.jdvc.JdvcException;
import io.jdvc.git.GitRepo;
import io.jdvc.git.RevisionRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the outputs a revision records from its Git tree: every {@code .dvc} file and {@code dvc.lock}. Each
 * distinct pointer blob is read and parsed once per scanner, so scanning every commit of a long history costs one
 * tree walk per commit plus one parse per pointer version. Not thread-safe.
 */
public final class RevisionScanner {
  private final GitRepo git;
  private final Map<String, List<RecordedOutput>> byBlob = new HashMap<>();
  private final Map<String, DvcLock> locksByBlob = new HashMap<>();
  private Consumer<String> skipped;

  public RevisionScanner(GitRepo git) {
    this.git = git;
  }

  /**
   * For read-only queries: a pointer that cannot be parsed is skipped in that commit (and every later commit with the
   * same blob), with a warning naming file and commit, instead of failing the whole scan. gc and audit must not use
   * this: an answer from incomplete knowledge would delete or pass what it should not.
   */
  public RevisionScanner skipUnreadable(Consumer<String> warnings) {
    this.skipped = warnings;
    return this;
  }

  /** Every output recorded at {@code rev}, pointer files in Git's tree order, outputs in file order. */
  public List<RecordedOutput> outputsAt(String rev) {
    List<RecordedOutput> all = new ArrayList<>();
    Map<String, String> blobs = git.blobIdsAt(rev, p -> PointerFiles.isPointer(p) || isPipelineFile(p));
    for (Map.Entry<String, String> e : blobs.entrySet()) {
      if (!PointerFiles.isPointer(e.getKey())) {
        continue;
      }
      // a dvc.lock is read with the dvc.yaml beside it (wdir, cache: false), so both blobs make the key
      String yamlBlob = PointerFiles.isLockFile(e.getKey()) ? blobs.get(DvcLock.pipelineFileOf(e.getKey())) : null;
      String key = e.getValue() + ":" + yamlBlob + ":" + e.getKey();
      List<RecordedOutput> outs = byBlob.get(key);
      if (outs == null) {
        outs = read(rev, e.getKey(), e.getValue(), yamlBlob);
        byBlob.put(key, outs);
      }
      all.addAll(outs);
    }
    return all;
  }

  private static boolean isPipelineFile(String repoPath) {
    return repoPath.equals("dvc.yaml") || repoPath.endsWith("/dvc.yaml");
  }

  private List<RecordedOutput> read(String rev, String path, String blobId, String yamlBlobId) {
    try {
      if (!PointerFiles.isLockFile(path)) {
        return List.copyOf(PointerFiles.outputsOf(path, git.readBlob(blobId)));
      }
      byte[] yaml = yamlBlobId == null ? null : git.readBlob(yamlBlobId);
      List<RecordedOutput> outs = PointerFiles.outputsOf(path, git.readBlob(blobId), yaml);
      java.util.Set<String> uncached = yaml == null ? java.util.Set.of()
          : DvcLock.uncachedOutputs(DvcLock.pipelineFileOf(path), yaml);
      return outs.stream().map(o -> !o.cached() || !uncached.contains(o.path()) ? o : new RecordedOutput(
          o.pointerPath(), o.stage(), o.path(), o.oid(), o.size(), o.nfiles(), false)).toList();
    } catch (JdvcException e) {
      String commit = "in commit " + label(rev);
      if (skipped != null) {
        skipped.accept("skipped " + path + " " + commit + ", which cannot be read: " + e.getMessage());
        return List.of();
      }
      throw new JdvcException(e.getMessage() + " (" + commit + ")", "the broken pointer is in Git history, not"
          + " necessarily in your work tree; limit the scope to revisions without that commit (e.g. --rev, -a or -T"
          + " instead of -A), or fix the file and commit if it is still there", e);
    }
  }

  /** {@code abc1234 'subject'}, or the id alone if the commit cannot be described. */
  private String label(String rev) {
    try {
      RevisionRef r = git.ancestry(rev, 1).get(0);
      return r.shortId() + " '" + r.subject() + "'";
    } catch (RuntimeException e) {
      return rev;
    }
  }

  /** The {@code dvc.lock} files at {@code rev}, parsed (each with the {@code dvc.yaml} beside it). */
  public List<DvcLock> locksAt(String rev) {
    List<DvcLock> locks = new ArrayList<>();
    Map<String, String> blobs = git.blobIdsAt(rev, p -> PointerFiles.isLockFile(p) || isPipelineFile(p));
    for (Map.Entry<String, String> e : blobs.entrySet()) {
      if (!PointerFiles.isLockFile(e.getKey())) {
        continue;
      }
      String yamlBlob = blobs.get(DvcLock.pipelineFileOf(e.getKey()));
      String key = e.getValue() + ":" + yamlBlob + ":" + e.getKey();
      locks.add(locksByBlob.computeIfAbsent(key, k -> DvcLock.parse(e.getKey(), git.readBlob(e.getValue()),
          yamlBlob == null ? null : git.readBlob(yamlBlob))));
    }
    return locks;
  }
}
