package io.jdvc.api;

import io.jdvc.transfer.TransferReport;
import java.util.List;

/**
 * The outcome of push, fetch or pull: the transfer report per remote used, for pull the checkout that
 * followed, and the repository imports that fetch and pull skipped. {@link #ok()} is false when any object failed.
 */
public record TransferResult(List<RemoteReport> remotes, CheckoutResult checkout, List<SkippedImport> imports) {
  /** What happened against one remote. */
  public record RemoteReport(String remote, String location, TransferReport report) {}

  /**
   * An output imported from another repository ({@code url}), whose data jdvc cannot fetch: it is never on this
   * project's remotes.
   */
  public record SkippedImport(String path, String dvcFile, String url) {}

  public TransferResult {
    imports = List.copyOf(imports);
  }

  public TransferResult(List<RemoteReport> remotes, CheckoutResult checkout) {
    this(remotes, checkout, List.of());
  }

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
