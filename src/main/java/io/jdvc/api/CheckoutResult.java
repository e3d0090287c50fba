package io.jdvc.api;

import io.jdvc.workspace.CheckoutReport;
import java.util.List;

/** Per-output checkout reports; {@link #missing()} lists what could not be restored from the cache. */
public record CheckoutResult(List<CheckoutReport> outputs) {
  public List<CheckoutReport> missing() {
    return outputs.stream().filter(r -> !r.missing().isEmpty()).toList();
  }

  public int changedFiles() {
    return outputs.stream().mapToInt(r -> r.added().size() + r.modified().size() + r.deleted().size()).sum();
  }
}
