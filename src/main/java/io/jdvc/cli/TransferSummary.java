package io.jdvc.cli;

import io.jdvc.JdvcException;
import io.jdvc.api.TransferResult;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.Sizes;
import io.jdvc.transfer.TransferReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the outcome of push, fetch and pull: one summary line always, one line per failed object. */
final class TransferSummary {
  private TransferSummary() {}

  static void print(RepoCommand cmd, TransferResult r, String verb) {
    double secs = r.remotes().stream().mapToLong(x -> x.report().elapsed().toMillis()).sum() / 1000.0;
    int skipped = r.remotes().stream().mapToInt(x -> x.report().skipped()).sum();
    String line = r.transferred() + (r.transferred() == 1 ? " file " : " files ") + verb + ", "
        + Sizes.human(r.bytes()) + ", " + String.format(Locale.US, "%.1f s", secs)
        + (skipped > 0 ? " (" + skipped + " already there)" : "");
    cmd.out().println(line);
    cmd.out().flush();
  }

  /** Warns on stderr about each repository import that fetch or pull skipped. */
  static void warnSkippedImports(RepoCommand cmd, TransferResult r) {
    for (TransferResult.SkippedImport i : r.imports()) {
      cmd.err().println("WARNING: skipped '" + i.path() + "' (" + i.dvcFile() + "): it is imported from "
          + (i.url().isEmpty() ? "another repository" : i.url()) + ", which jdvc cannot fetch from; run "
          + "'dvc pull' or 'dvc update " + i.dvcFile() + "' to get its data");
    }
    cmd.err().flush();
  }

  /** Prints each failure to stderr; throws unless everything worked (or only missing objects were allowed). */
  static void failIfNeeded(RepoCommand cmd, TransferResult r, String verb, boolean allowMissing) {
    PrintWriter err = cmd.err();
    List<TransferReport.Failure> failures = r.failures();
    int fatal = 0;
    for (TransferReport.Failure f : failures) {
      boolean tolerated = allowMissing && f.missing();
      err.println((tolerated ? "WARNING: " : "ERROR: ") + "failed to " + verb + " '" + f.object().path() + "' ("
          + f.object().dvcFile() + (f.object().oid() == null ? "" : ", " + f.object().oid()) + "): " + f.reason());
      if (!tolerated) {
        fatal++;
      }
    }
    err.flush();
    if (fatal > 0) {
      throw new JdvcException(fatal + (fatal == 1 ? " object" : " objects") + " failed to " + verb,
          hint(failures, verb.equals("push")));
    }
  }

  /** What to do next: a push reads the local cache, fetch and pull read the remote. */
  private static String hint(List<TransferReport.Failure> failures, boolean push) {
    if (failures.stream().anyMatch(TransferReport.Failure::corrupt)) {
      return push
          ? "running again cannot help: the cache's copy was damaged and removed. Restore it with 'jdvc fetch' "
              + "or 'jdvc pull' from a remote that has it, or re-add the file from its source"
          : "running again cannot help: the remote's copy is damaged. Delete it on the remote, then run "
              + "'jdvc push' where a good copy is cached, after deleting .dvc/tmp/jdvc/remote-index there";
    }
    if (failures.stream().anyMatch(TransferReport.Failure::missing)) {
      return push
          ? "objects missing from the local cache cannot be pushed from here: 'jdvc fetch' them from a remote "
              + "that has them, or push from the machine where they were added"
          : "objects missing on the remote must be pushed from a machine that has them; --allow-missing "
              + "skips them";
    }
    return "run the command again: only what is still missing is transferred";
  }

  static void printJson(RepoCommand cmd, TransferResult r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("transferred", r.transferred());
    root.put("bytes", r.bytes());
    List<Object> failures = new ArrayList<>();
    for (TransferReport.Failure f : r.failures()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", f.object().path());
      m.put("dvc_file", f.object().dvcFile());
      m.put("oid", f.object().oid() == null ? null : f.object().oid().value()); // null: an import with no hash yet
      m.put("missing", f.missing());
      m.put("corrupt", f.corrupt());
      m.put("reason", f.reason());
      failures.add(m);
    }
    root.put("failures", failures);
    cmd.out().print(Json.write(root));
    cmd.out().flush();
  }
}
