package io.jdvc.cli;

import io.jdvc.api.DiffResult;
import io.jdvc.api.Jdvc;
import io.jdvc.api.UnexpandedDirectory;
import io.jdvc.cli.render.Json;
import io.jdvc.history.DataChanges;
import io.jdvc.history.DataChanges.Change;
import io.jdvc.history.DataChanges.Rename;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Show data changes between two revisions (default: HEAD and the workspace), file by file.")
final class DiffCommand extends RepoCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "A", description = "Old revision (default: HEAD).")
  String a;

  @Parameters(index = "1", arity = "0..1", paramLabel = "B", description = "New revision (default: the workspace).")
  String b;

  @Option(names = "--targets", arity = "1", paramLabel = "PATH",
      description = "Limit to this path (a tracked output, a path inside one, or a directory holding some); "
          + "repeat for more: --targets a --targets b.")
  List<Path> targets = List.of();

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      DiffResult r = jdvc.diff().oldRev(a == null ? "HEAD" : a).newRev(b).targets(targets).call();
      if (json) {
        out().print(Json.write(toJson(r)));
      } else { // the result, printed even with -q (which silences notices and progress)
        printText(r.changes());
      }
      out().flush();
      return ExitCode.OK;
    }
  }

  private void printText(DataChanges c) {
    if (c.isEmpty()) {
      out().println("No data changes.");
      return;
    }
    section("Added", c.added().stream().map(Change::path).toList());
    section("Deleted", c.deleted().stream().map(Change::path).toList());
    section("Modified", c.modified().stream().map(Change::path).toList());
    section("Renamed", c.renamed().stream().map(r -> r.oldPath() + " -> " + r.newPath()).toList());
    out().println("files summary: " + c.added().size() + " added, " + c.deleted().size() + " deleted, "
        + c.modified().size() + " modified, " + c.renamed().size() + " renamed");
  }

  private void section(String title, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    out().println(title + ":");
    lines.forEach(l -> out().println("    " + l));
    out().println();
  }

  /** DVC's {@code diff --json} shape, plus the two revisions' full ids. */
  static Map<String, Object> toJson(DiffResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("old_rev", r.oldRev());
    m.put("new_rev", r.newRev());
    m.put("added", changes(r.changes().added(), false));
    m.put("deleted", changes(r.changes().deleted(), false));
    m.put("modified", changes(r.changes().modified(), true));
    List<Object> renamed = new ArrayList<>();
    for (Rename x : r.changes().renamed()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("path", Map.of("old", x.oldPath(), "new", x.newPath()));
      e.put("hash", x.oid().value());
      renamed.add(e);
    }
    m.put("renamed", renamed);
    m.put("unexpanded", unexpandedJson(r.unexpanded()));
    return m;
  }

  /** {@code [{commit, path, oid}]}: directories whose manifest is nowhere, so their files are unknown. */
  static List<Object> unexpandedJson(List<UnexpandedDirectory> dirs) {
    List<Object> out = new ArrayList<>();
    for (UnexpandedDirectory d : dirs) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("commit", d.commitId());
      e.put("path", d.path());
      e.put("oid", d.oid().value());
      out.add(e);
    }
    return out;
  }

  private static List<Object> changes(List<Change> list, boolean both) {
    List<Object> out = new ArrayList<>();
    for (Change c : list) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("path", c.path());
      if (both) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("old", c.oldOid().value());
        h.put("new", c.newOid().value());
        e.put("hash", h);
      } else {
        e.put("hash", (c.newOid() != null ? c.newOid() : c.oldOid()).value());
      }
      out.add(e);
    }
    return out;
  }
}
