package io.jdvc.cli;

import io.jdvc.api.CloudStatusOperation;
import io.jdvc.api.Jdvc;
import io.jdvc.api.StatusResult;
import io.jdvc.cli.render.Json;
import io.jdvc.pipeline.StageReport;
import io.jdvc.workspace.OutputStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show tracked outputs and pipeline stages whose workspace content differs from their .dvc files "
        + "or dvc.lock.")
final class StatusCommand extends RepoCommand {
  @Mixin TransferScope scope;

  @Option(names = {"-c", "--cloud"}, description = "Compare the cache with the remote instead of the workspace "
      + "with the cache (new, deleted, missing).")
  boolean cloud;

  @Option(names = "--json", description = "Print the result as JSON (DVC's shape).")
  boolean json;

  @Option(names = "--no-updates", description = "Do not ask the source repositories of imports whether they have "
      + "moved on ('update available').")
  boolean noUpdates;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      if (cloud || scope.remote != null) {
        return cloudStatus(jdvc);
      }
      StatusResult r = jdvc.status().targets(scope.targets).checkUpdates(!noUpdates).call();
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
    for (Map.Entry<String, List<Object>> e : entries(r).entrySet()) {
      out().println(e.getKey() + ":");
      for (Object item : e.getValue()) {
        if (item instanceof String word) {
          out().println("\t" + word);
        } else if (item instanceof ChangedOuts outs) {
          out().println("\tchanged outs:");
          for (OutputStatus s : outs.statuses()) {
            out().println(String.format("\t\t%-20s%s", s.state().label() + ":", s.output().repoPath()));
            printFiles("added:", s.added());
            printFiles("modified:", s.modified());
            printFiles("deleted:", s.deleted());
          }
        } else if (item instanceof Map<?, ?> deps) {
          out().println("\tchanged deps:");
          for (Map.Entry<?, ?> d : deps.entrySet()) {
            if (d.getValue() instanceof Map<?, ?> keys) {
              out().println("\t\t" + d.getKey() + ":");
              keys.forEach((k, state) -> out().println(String.format("\t\t\t%-20s%s", state + ":", k)));
            } else {
              out().println(String.format("\t\t%-20s%s", d.getValue() + ":", d.getKey()));
            }
          }
        }
      }
    }
    out().flush();
  }

  private void printFiles(String label, List<String> paths) {
    for (String p : paths) {
      out().println(String.format("\t\t\t%-12s%s", label, p));
    }
  }

  /** The changed outputs of one stage or {@code .dvc} file, kept whole for the text rendering. */
  private record ChangedOuts(List<OutputStatus> statuses) {}

  /**
   * DVC's status structure: per {@code .dvc} file or stage address, in the order of their files, a list of
   * {@code changed deps} (a map), {@link ChangedOuts}, and the words {@code always changed} and
   * {@code changed command}.
   */
  private static Map<String, List<Object>> entries(StatusResult r) {
    java.util.TreeMap<String, Map<String, List<Object>>> byFile = new java.util.TreeMap<>();
    Map<String, List<OutputStatus>> outsByFile = new LinkedHashMap<>();
    for (OutputStatus s : r.changed()) {
      outsByFile.computeIfAbsent(s.output().dvcPath(), k -> new ArrayList<>()).add(s);
    }
    r.importUpdates().forEach((file, deps) -> byFile.computeIfAbsent(file, k -> new LinkedHashMap<>())
        .computeIfAbsent(file, k -> new ArrayList<>()).add(new LinkedHashMap<>(deps)));
    outsByFile.forEach((file, list) -> byFile.computeIfAbsent(file, k -> new LinkedHashMap<>())
        .computeIfAbsent(file, k -> new ArrayList<>()).add(new ChangedOuts(list)));
    for (StageReport st : r.changedStages()) {
      List<Object> items = new ArrayList<>();
      if (!st.changedDeps().isEmpty()) {
        items.add(st.changedDeps());
      }
      if (!st.changedOuts().isEmpty()) {
        items.add(new ChangedOuts(st.changedOuts()));
      }
      if (st.alwaysChanged()) {
        items.add("always changed");
      }
      if (st.commandChanged()) {
        items.add("changed command");
      }
      byFile.computeIfAbsent(st.stage().definition().dvcFile(), k -> new LinkedHashMap<>())
          .put(st.stage().address(), items);
    }
    Map<String, List<Object>> all = new LinkedHashMap<>();
    byFile.values().forEach(all::putAll);
    return all;
  }

  static Map<String, Object> toJson(StatusResult r) {
    Map<String, Object> json = new LinkedHashMap<>();
    for (Map.Entry<String, List<Object>> e : entries(r).entrySet()) {
      List<Object> items = new ArrayList<>();
      for (Object item : e.getValue()) {
        if (item instanceof ChangedOuts outs) {
          Map<String, Object> states = new LinkedHashMap<>();
          Map<String, Object> files = new LinkedHashMap<>();
          // files inside a directory: relative to it when it is the only output here, else repo-relative
          boolean single = outs.statuses().size() == 1;
          for (OutputStatus s : outs.statuses()) {
            states.put(s.output().repoPath(), s.state().label());
            String prefix = single ? "" : s.output().repoPath() + "/";
            s.added().forEach(p -> files.put(prefix + p, "added"));
            s.modified().forEach(p -> files.put(prefix + p, "modified"));
            s.deleted().forEach(p -> files.put(prefix + p, "deleted"));
          }
          items.add(Map.of("changed outs", states));
          if (!files.isEmpty()) {
            items.add(Map.of("changed files", files));
          }
        } else if (item instanceof Map<?, ?> deps) {
          items.add(Map.of("changed deps", deps));
        } else {
          items.add(item);
        }
      }
      json.put(e.getKey(), items);
    }
    return json;
  }
}
