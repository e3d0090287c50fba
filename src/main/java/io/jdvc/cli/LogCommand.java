package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.api.LogEntry;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.Revisions;
import io.jdvc.cli.render.Sizes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "log", mixinStandardHelpOptions = true,
    description = "Show the commits that changed a dataset (an output, its .dvc file, or a file inside a tracked"
        + " directory), newest first.")
final class LogCommand extends RepoCommand {
  @Parameters(arity = "0..1", paramLabel = "PATH", description = "The dataset (default: every tracked output),"
      + " or a registry reference (model@v1.2.0, model#prod): the model's file, from that version back.")
  Path path;

  @Option(names = {"-n", "--max-count"}, paramLabel = "N", description = "Show at most N entries.")
  Integer limit;

  @Option(names = "--rev", paramLabel = "REV", description = "Start from REV instead of HEAD: a branch, tag or"
      + " commit, an experiment name, or a registry reference.")
  String rev = "HEAD";

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    OptionChecks.atLeastOne(spec, "-n|--max-count", limit);
    try (Jdvc jdvc = open()) {
      var op = jdvc.log().path(path).rev(rev);
      if (limit != null) {
        op.limit(limit);
      }
      List<LogEntry> entries = op.call();
      if (json) {
        List<Object> list = new ArrayList<>();
        entries.forEach(e -> list.add(toJson(e)));
        out().print(Json.write(list));
      } else { // the result, printed even with -q (which silences notices and progress)
        for (LogEntry e : entries) {
          out().println("commit " + e.commit().commitId());
          out().println("Date:   " + Revisions.iso(e.commit()));
          out().println("Author: " + e.commit().authorName() + " <" + e.commit().authorEmail() + ">");
          out().println("    " + e.commit().subject());
          out().println("    " + e.path() + " (" + e.pointerPath() + "): " + describe(e));
          out().println();
        }
      }
      out().flush();
      return ExitCode.OK;
    }
  }

  private static String describe(LogEntry e) {
    if (e.unexpandedDir() != null) {
      return "unknown (the manifest of " + e.unexpandedDir().value() + " is missing)";
    }
    if (e.removed()) {
      return "removed";
    }
    StringBuilder b = new StringBuilder(e.oid().value());
    if (e.size() != null) {
      b.append(", ").append(Sizes.human(e.size()));
      if (e.sizeChange() != null) {
        b.append(" (").append(e.sizeChange() >= 0 ? "+" : "-").append(Sizes.human(Math.abs(e.sizeChange())))
            .append(")");
      }
    }
    if (e.nfiles() != null) {
      b.append(", ").append(e.nfiles()).append(" files");
      if (e.nfilesChange() != null) {
        b.append(" (").append(e.nfilesChange() >= 0 ? "+" : "").append(e.nfilesChange()).append(")");
      }
    }
    return b.toString();
  }

  static Map<String, Object> toJson(LogEntry e) {
    Map<String, Object> m = Revisions.json(e.commit());
    m.put("pointer", e.pointerPath());
    m.put("path", e.path());
    m.put("oid", e.oid() == null ? null : e.oid().value());
    m.put("removed", e.removed());
    m.put("size", e.size());
    m.put("nfiles", e.nfiles());
    m.put("size_change", e.sizeChange());
    m.put("nfiles_change", e.nfilesChange());
    m.put("unexpanded_dir", e.unexpandedDir() == null ? null : e.unexpandedDir().value());
    return new LinkedHashMap<>(m);
  }
}
