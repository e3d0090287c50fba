package io.jdvc.api;

import java.nio.file.Path;
import java.util.List;

/** The options push, fetch, pull and {@code status -c} share, as DVC's commands share them. */
public abstract class ScopedOperation<T extends ScopedOperation<T>> {
  final Jdvc jdvc;
  final TransferOptions options = new TransferOptions();

  ScopedOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  @SuppressWarnings("unchecked")
  private T self() {
    return (T) this;
  }

  /** Outputs, pointer files, directories containing outputs, or paths inside a tracked directory. */
  public T targets(List<Path> value) {
    options.targets = List.copyOf(value);
    return self();
  }

  /** The remote to use instead of {@code core.remote} (outputs with their own {@code remote:} keep it). */
  public T remote(String name) {
    options.remote = name;
    return self();
  }

  /** Parallel transfers; default: the remote's {@code jobs} setting or its own default. */
  public T jobs(Integer n) {
    options.jobs = n;
    return self();
  }

  /** Also every branch head's outputs. */
  public T allBranches(boolean v) {
    options.allBranches = v;
    return self();
  }

  /** Also every tag's outputs. */
  public T allTags(boolean v) {
    options.allTags = v;
    return self();
  }

  /** Also the outputs of every commit reachable from any ref. */
  public T allCommits(boolean v) {
    options.allCommits = v;
    return self();
  }

  /** Also the outputs recorded at these commits ({@code .dvc} files and {@code dvc.lock}). */
  public T revisions(List<String> commits) {
    options.revisions = List.copyOf(commits);
    return self();
  }

  /** Without the workspace's outputs: only those of {@link #revisions}. */
  public T skipWorkspace(boolean v) {
    options.skipWorkspace = v;
    return self();
  }

  /** Only tracked paths matching this glob (e.g. {@code data/**.csv}). */
  public T glob(String pattern) {
    options.glob = pattern;
    return self();
  }
}
