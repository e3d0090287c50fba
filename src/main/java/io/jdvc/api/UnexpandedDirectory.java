package io.jdvc.api;

import io.jdvc.history.DataFile;
import io.jdvc.history.RecordedOutput;
import io.jdvc.object.Oid;
import java.util.List;

/**
 * A tracked directory at some commit whose {@code .dir} manifest is in neither the cache nor the default remote, so
 * the files it held are unknown: history queries must say so rather than answer as if it were empty (audit calls
 * the same thing "manifest missing").
 *
 * @param commitId the full id of the commit that records it
 * @param path the directory output, repo-relative
 * @param oid its {@code .dir} oid
 */
public record UnexpandedDirectory(String commitId, String path, Oid oid) {
  /** How many a notice names; the rest are counted (--json lists them all). */
  private static final int SHOWN = 5;

  static UnexpandedDirectory of(String commitId, RecordedOutput output) {
    return new UnexpandedDirectory(commitId, output.path(), output.oid());
  }

  /** Whether an expanded file list entry stands for a whole directory (its manifest could not be loaded). */
  static boolean standsForDirectory(DataFile f) {
    return f.oid().isDir();
  }

  /** The warning for these directories: which ones, what that means for the answer, and what to do. */
  static String notice(List<UnexpandedDirectory> dirs, String consequence) {
    List<String> named = dirs.stream().map(d -> d.path() + " at " + d.commitId().substring(0, Math.min(7,
        d.commitId().length())) + " (" + d.oid().value() + ")").distinct().toList();
    String which = String.join(", ", named.subList(0, Math.min(SHOWN, named.size())))
        + (named.size() > SHOWN ? " and " + (named.size() - SHOWN) + " more" : "");
    return "the manifest of " + which + " is in neither the cache nor the default remote: " + consequence
        + "; fetch it from a remote that has it ('jdvc fetch -A -r NAME')";
  }
}
