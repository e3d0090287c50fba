package io.jdvc.api;

import io.jdvc.metrics.ParamsReader;
import io.jdvc.metrics.RevisionFiles;
import io.jdvc.metrics.RevisionValues;
import io.jdvc.metrics.ValuesDiff;
import java.util.List;
import java.util.Map;

/**
 * {@code jdvc params diff [A_REV [B_REV]]}: the params that differ between two revisions (by default HEAD and the
 * workspace), as DVC's {@code params diff} collects and compares them. Reads only; takes no lock.
 */
public final class ParamsDiffOperation {
  private final Jdvc jdvc;
  private String aRev = "HEAD";
  private String bRev = RevisionFiles.WORKSPACE;
  private boolean all;
  private boolean depsOnly;

  ParamsDiffOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  /** The old revision; {@code workspace} names the work tree. */
  public ParamsDiffOperation aRev(String value) {
    this.aRev = value;
    return this;
  }

  /** The new revision; {@code workspace} names the work tree. */
  public ParamsDiffOperation bRev(String value) {
    this.bRev = value;
    return this;
  }

  /** Unchanged params too. */
  public ParamsDiffOperation all(boolean value) {
    this.all = value;
    return this;
  }

  /** Only params that stages depend on (no top-level {@code params:} files, no whole {@code params.yaml}). */
  public ParamsDiffOperation depsOnly(boolean value) {
    this.depsOnly = value;
    return this;
  }

  public DiffOfValues call() {
    try (RevisionReader reader = new RevisionReader(jdvc, false)) {
      if (!reader.hasCommits()) {
        return new DiffOfValues(aRev, bRev, new ValuesDiff(Map.of()), List.of());
      }
      RevisionValues a = ParamsReader.read(reader.open(aRev), depsOnly);
      RevisionValues b = ParamsReader.read(reader.open(bRev), depsOnly);
      return DiffOfValues.of(a, b, all);
    }
  }
}
