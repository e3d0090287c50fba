package io.jdvc.cli;

import io.jdvc.api.CloudStatusOperation;
import io.jdvc.api.Jdvc;
import io.jdvc.api.StatusResult;
import io.jdvc.cli.render.Json;
import io.jdvc.workspace.OutputStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show tracked outputs whose workspace content differs from their .dvc files.")
final class StatusCommand extends RepoCommand {
  @Mixin TransferScope scope;

  @Option(names = {"-c", "--cloud"}, description = "Compare the cache with the remote instead of the workspace "
      + "with the cache (new, deleted, missing).")
  boolean cloud;

  @Option(names = "--json", description = "Print the result as JSON (DVC's shape).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      if (cloud || scope.remote != null) {
        return cloudStatus(jdvc);
      }
      StatusResult r = jdvc.status().targets(scope.targets).call();
      if (json) {
        out().print(Json.write(toJson(r)));
        out().flush();
      } else if (!quiet()) {
        printText(r);
      }
      return quiet() && !r.clean() ? ExitCode.ERROR : ExitCode.OK;
    }
  }

  private int cloudStatus(Jdvc jdvc) throws Exception {
    CloudStatusOperation.Result r = scope.applyTo(jdvc.cloudStatus()).call();
    if (json) {
      Map<String, Object> all = new LinkedHashMap<>();
      for (CloudStatusOperation.RemoteStatus rs : r.remotes()) {
        for (CloudStatusOperation.Entry e : rs.entries()) {
          all.put(e.path(), e.state());
        }
      }
      out().print(Json.write(all));
    } else if (!quiet()) {
      if (r.remotes().isEmpty()) {
        out().println("No tracked data to compare with a remote (outputs with 'push: false' or 'cache: false' "
            + "never go there).");
      }
      for (CloudStatusOperation.RemoteStatus rs : r.remotes()) {
        for (CloudStatusOperation.Entry e : rs.entries()) {
          out().println(String.format("\t%-20s%s", e.state() + ":", e.path()));
        }
        if (rs.entries().isEmpty()) {
          out().println("Cache and remote '" + rs.remote() + "' are in sync.");
        }
      }
    }
    out().flush();
    return quiet() && !r.inSync() ? ExitCode.ERROR : ExitCode.OK;
  }

  private void printText(StatusResult r) {
    if (r.clean()) {
      out().println("Data and pipelines are up to date.");
      out().flush();
      return;
    }
    String lastFile = null;
    for (OutputStatus s : r.changed()) {
      String dvcFile = dvcFileOf(s);
      if (!dvcFile.equals(lastFile)) {
        out().println(dvcFile + ":");
        out().println("\tchanged outs:");
        lastFile = dvcFile;
      }
      out().println(String.format("\t\t%-20s%s", s.state().label() + ":", s.output().repoPath()));
      for (String p : s.added()) {
        out().println(String.format("\t\t\t%-12s%s", "added:", p));
      }
      for (String p : s.modified()) {
        out().println(String.format("\t\t\t%-12s%s", "modified:", p));
      }
      for (String p : s.deleted()) {
        out().println(String.format("\t\t\t%-12s%s", "deleted:", p));
      }
    }
    out().flush();
  }

  private static String dvcFileOf(OutputStatus s) {
    return s.output().dvcPath();
  }

  static Map<String, Object> toJson(StatusResult r) {
    Map<String, Object> byFile = new LinkedHashMap<>();
    for (OutputStatus s : r.changed()) {
      @SuppressWarnings("unchecked")
      List<Object> entries = (List<Object>) byFile.computeIfAbsent(dvcFileOf(s), k -> new ArrayList<>());
      entries.add(Map.of("changed outs", Map.of(s.output().repoPath(), s.state().label())));
      if (!s.added().isEmpty() || !s.modified().isEmpty() || !s.deleted().isEmpty()) {
        Map<String, Object> files = new LinkedHashMap<>();
        s.added().forEach(p -> files.put(p, "added"));
        s.modified().forEach(p -> files.put(p, "modified"));
        s.deleted().forEach(p -> files.put(p, "deleted"));
        entries.add(Map.of("changed files", files));
      }
    }
    return byFile;
  }
}
