package io.jdvc.pipeline;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One stage of the work tree as DVC loads it: its definition from {@code dvc.yaml} and, if it ran before, the entry
 * its {@code dvc.lock} holds for it.
 *
 * @param definition the stage as {@code dvc.yaml} declares it (templating resolved)
 * @param pipelineFile the absolute path of its {@code dvc.yaml}
 * @param lockFile the absolute path of the {@code dvc.lock} beside it (which may not exist)
 * @param locked the lock entry, or null if the stage never ran (or its lock entry was removed)
 */
public record PipelineStage(Stage definition, Path pipelineFile, Path lockFile, LockedStageEntry locked) {

  /** DVC's address: {@code train} for the root {@code dvc.yaml}, else {@code sub/dvc.yaml:train}. */
  public String address() {
    return definition.address();
  }

  public String name() {
    return definition.name();
  }

  public Optional<LockedStageEntry> lock() {
    return Optional.ofNullable(locked);
  }

  /** The lock entry for one dep or out, matched as DVC matches them: by the path as written in dvc.yaml. */
  public Optional<LockEntry> lockedOut(String writtenPath) {
    return locked == null ? Optional.empty()
        : locked.outs().stream().filter(e -> e.path().equals(writtenPath)).findFirst();
  }

  public Optional<LockEntry> lockedDep(String writtenPath) {
    return locked == null ? Optional.empty()
        : locked.deps().stream().filter(e -> e.path().equals(writtenPath)).findFirst();
  }
}
