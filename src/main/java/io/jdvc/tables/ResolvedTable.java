package io.jdvc.tables;

import java.util.List;

/**
 * A table a user named ({@code PATH[@REV]}), found: its files at that revision, sorted by path.
 *
 * @param rev the revision as given, or null for the workspace
 * @param commit the commit id it resolved to, or null for the workspace
 */
public record ResolvedTable(String path, String rev, String commit, TableFormat format, List<TableFile> files) {
  public ResolvedTable {
    files = List.copyOf(files);
  }

  /** {@code path@rev}, or the path alone in the workspace. */
  public String label() {
    return rev == null ? path : path + "@" + rev;
  }
}
