package io.jdvc.workspace;

import io.jdvc.pointer.DvcFile;
import io.jdvc.pointer.Output;
import java.nio.file.Path;

/**
 * One output of one {@code .dvc} file or of one pipeline stage: where its record is, which of its outs this is, and
 * the absolute workspace path the out names. {@code repoPath} and {@code dvcPath} are the output's and the record's
 * paths relative to the repository root, with '/'.
 *
 * <p>For a stage output, {@code stage} is the stage's address ({@code train}, or {@code sub/dvc.yaml:train}),
 * {@code dvcFile} is its {@code dvc.yaml}, and {@code pointer} holds the stage's outs as its {@code dvc.lock} records
 * them (with the flags {@code dvc.yaml} declares), so that every data command treats both kinds alike.
 */
public record TrackedOutput(Path dvcFile, DvcFile pointer, int index, Output output, Path path, String repoPath,
    String dvcPath, String stage) {

  /** Whether a pipeline stage produces this output (its record is in {@code dvc.lock}, not a {@code .dvc} file). */
  public boolean isStageOutput() {
    return stage != null;
  }

  /** What records the output, for messages: the stage address or the {@code .dvc} file. */
  public String owner() {
    return stage != null ? "stage '" + stage + "'" : dvcPath;
  }

  /** Whether the output is a {@code dvc import} from another repository. */
  public boolean isRepoImport() {
    return pointer.repoImportUrl() != null;
  }
}
