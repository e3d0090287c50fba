package io.jdvc.transfer;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one transfer: how many objects moved (and their bytes), how many were already in place, and
 * each object that failed with its reason. Failures of single objects are collected here; a failure of the
 * whole remote (unreachable, bad credentials) is thrown instead.
 */
public record TransferReport(int transferred, long bytes, int skipped, List<Failure> failures, Duration elapsed) {
  /**
   * One object that could not be moved. {@code missing} marks an object absent from its source, {@code corrupt}
   * one whose bytes there hash to something else: running the command again cannot help either.
   */
  public record Failure(ObjectRef object, String reason, boolean missing, boolean corrupt) {
    public Failure(ObjectRef object, String reason, boolean missing) {
      this(object, reason, missing, false);
    }
  }

  public boolean ok() {
    return failures.isEmpty();
  }

  public TransferReport plus(TransferReport o) {
    List<Failure> all = new java.util.ArrayList<>(failures);
    all.addAll(o.failures);
    return new TransferReport(transferred + o.transferred, bytes + o.bytes, skipped + o.skipped, all,
        elapsed.plus(o.elapsed));
  }

  public static TransferReport empty() {
    return new TransferReport(0, 0, 0, List.of(), Duration.ZERO);
  }
}
