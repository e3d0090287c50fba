package io.jdvc.audit;

import java.util.List;

/** The audit of every run-cache entry found in the cache or on an audited remote, sorted by path. */
public record RunCacheAudit(List<RunEntryAudit> entries) {
  public RunCacheAudit {
    entries = List.copyOf(entries);
  }

  public long corrupt() {
    return entries.stream().filter(RunEntryAudit::corruptAnywhere).count();
  }

  public long incomplete() {
    return entries.stream().filter(RunEntryAudit::incomplete).count();
  }

  public boolean ok() {
    return entries.stream().allMatch(RunEntryAudit::ok);
  }
}
