package io.jdvc.tables;

import java.util.List;

/** Every check's result, in file order. */
public record CheckReport(List<CheckResult> results) {
  public CheckReport {
    results = List.copyOf(results);
  }

  public long count(CheckResult.Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }
}
