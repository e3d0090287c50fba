package io.jdvc.tables;

import java.util.List;

/**
 * A table a user named ({@code PATH[@REV]}), found: its files at that revision, sorted by path.
 *
 * @param rev the revision as given, or null for the workspace
 * @param commit the commit id it resolved to, or null for the workspace
 * @param options how its text is parsed, when the user pinned it
 */
public record ResolvedTable(String path, String rev, String commit, TableFormat format, List<TableFile> files,
    ReadOptions options) {
  public ResolvedTable {
    files = List.copyOf(files);
  }

  public ResolvedTable(String path, String rev, String commit, TableFormat format, List<TableFile> files) {
    this(path, rev, commit, format, files, ReadOptions.NONE);
  }

  /** The same table parsed with {@code opts} (refused for formats without a dialect). */
  public ResolvedTable withOptions(ReadOptions opts) {
    return new ResolvedTable(path, rev, commit, format, files, opts.requireFor(format, label()));
  }

  /** Another version of this table, read the same way. */
  ResolvedTable version(String rev, String commit, List<TableFile> files) {
    return new ResolvedTable(path, rev, commit, format, files, options);
  }

  /** {@code path@rev}, or the path alone in the workspace. */
  public String label() {
    return rev == null ? path : path + "@" + rev;
  }
}
