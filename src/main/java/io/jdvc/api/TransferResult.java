package io.jdvc.api;

import io.jdvc.transfer.TransferReport;
import java.util.List;

/**
 * The outcome of push, fetch or pull: the transfer report per remote used, and for pull the checkout that
 * followed. {@link #ok()} is false when any object failed.
 */
public record TransferResult(List<RemoteReport> remotes, CheckoutResult checkout) {
  /** What happened against one remote. */
  public record RemoteReport(String remote, String location, TransferReport report) {}

  public int transferred() {
    return remotes.stream().mapToInt(r -> r.report().transferred()).sum();
  }

  public long bytes() {
    return remotes.stream().mapToLong(r -> r.report().bytes()).sum();
  }

  public List<io.jdvc.transfer.TransferReport.Failure> failures() {
    return remotes.stream().flatMap(r -> r.report().failures().stream()).toList();
  }

  public boolean ok() {
    return failures().isEmpty();
  }
}
