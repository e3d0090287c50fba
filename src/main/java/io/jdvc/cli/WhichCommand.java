package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.api.WhichResult;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.Revisions;
import io.jdvc.git.RevisionRef;
import io.jdvc.history.LockedStage;
import io.jdvc.history.RecordedOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "which", mixinStandardHelpOptions = true,
    description = {"Find every commit and pointer whose data contains this content, and the stage that produced it.",
        "Exit code 1 if no commit holds it (or none that could be searched)."})
final class WhichCommand extends RepoCommand {
  @Parameters(index = "0", paramLabel = "FILE|HASH|MODEL_REF", description = "A file or directory to hash, an md5"
      + " oid, or a registry reference (model@v1.2.0, model#prod): the model's data at that version.")
  String target;

  @Option(names = "--rev", paramLabel = "REV", description = "Take FILE's content as recorded at REV (a branch, tag"
      + " or commit, an experiment name, a registry reference) instead of hashing the work tree's file.")
  String rev;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      WhichResult r = jdvc.which().target(target).rev(rev).call();
      if (json) {
        out().print(Json.write(toJson(r)));
      } else { // the result, printed even with -q (which silences notices and progress)
        printText(r);
      }
      out().flush();
      return r.matches().isEmpty() ? ExitCode.ERROR : ExitCode.OK;
    }
  }

  private void printText(WhichResult r) {
    if (r.matches().isEmpty() && !r.unexpanded().isEmpty()) {
      out().println(r.oid() + " is not in the data that could be searched, but it may be in the directories whose"
          + " manifest is missing (" + r.unexpanded().stream().map(u -> u.oid().value()).distinct().count()
          + " version(s), in " + r.unexpanded().stream().map(u -> u.commitId()).distinct().count()
          + " commit(s)).");
      return;
    }
    if (r.matches().isEmpty()) {
      out().println(r.oid() + " is not in the data of any commit, nor in the workspace's.");
      return;
    }
    out().println(r.oid() + " found at " + r.matches().size() + " path(s):");
    for (WhichResult.Match m : r.matches()) {
      out().println();
      out().println(m.path() + "  (" + m.pointerPath() + (m.path().equals(m.outputPath()) ? "" : ", in output "
          + m.outputPath()) + ")");
      if (m.inWorkspace()) {
        out().println("    workspace" + (m.commits().isEmpty() ? " (not committed yet)" : ""));
      }
      for (RevisionRef c : m.commits()) {
        List<String> names = r.refs().getOrDefault(c.commitId(), List.of());
        out().println("    " + c.commitId() + " " + Revisions.iso(c) + " " + c.authorName()
            + (names.isEmpty() ? "" : " [" + String.join(", ", names) + "]") + "  " + c.subject());
      }
      if (m.stage() != null) {
        LockedStage s = m.stage();
        out().println("    produced by stage '" + s.name() + "': " + s.cmd());
        for (RecordedOutput d : s.deps()) {
          out().println("        dep    " + d.path() + " " + (d.oid() == null ? "" : d.oid().value()));
        }
        s.params().forEach((file, keys) -> keys.forEach((k, v) ->
            out().println("        param  " + file + ": " + k + " = " + v)));
      }
    }
  }

  static Map<String, Object> toJson(WhichResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("oid", r.oid().value());
    List<Object> matches = new ArrayList<>();
    for (WhichResult.Match x : r.matches()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("path", x.path());
      e.put("pointer", x.pointerPath());
      e.put("output", x.outputPath());
      List<Object> commits = new ArrayList<>();
      for (RevisionRef c : x.commits()) {
        Map<String, Object> cm = Revisions.json(c);
        cm.put("refs", r.refs().getOrDefault(c.commitId(), List.of()));
        commits.add(cm);
      }
      e.put("commits", commits);
      e.put("workspace", x.inWorkspace());
      e.put("stage", x.stage() == null ? null : stage(x.stage()));
      matches.add(e);
    }
    m.put("matches", matches);
    m.put("unexpanded", DiffCommand.unexpandedJson(r.unexpanded()));
    return m;
  }

  private static Map<String, Object> stage(LockedStage s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("cmd", s.cmd());
    List<Object> deps = new ArrayList<>();
    for (RecordedOutput d : s.deps()) {
      Map<String, Object> dm = new LinkedHashMap<>();
      dm.put("path", d.path());
      dm.put("oid", d.oid() == null ? null : d.oid().value());
      dm.put("size", d.size());
      dm.put("nfiles", d.nfiles());
      deps.add(dm);
    }
    m.put("deps", deps);
    m.put("params", s.params());
    List<Object> outs = new ArrayList<>();
    s.outs().forEach(o -> outs.add(o.path()));
    m.put("outs", outs);
    return m;
  }
}
