package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.Sizes;
import io.jdvc.pointer.Output;
import io.jdvc.workspace.OutputStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
    description = {"List tracked outputs with their hash, size, file count and status.",
        "With URL: list the files and outputs of another repository (Git and DVC), as 'dvc list' does."})
final class LsCommand extends RepoCommand {
  @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "URL",
      description = "Git URL of another repository (a path, file://, https://) to list instead of this one.")
  String url;

  @picocli.CommandLine.Parameters(index = "1", arity = "0..1", paramLabel = "PATH",
      description = "Directory or file of that repository (default: its root).")
  String path;

  @Option(names = "--rev", paramLabel = "REV", description = "With URL: branch, tag or commit to list.")
  String rev;

  @Option(names = {"-R", "--recursive"}, description = "With URL: list files in all subdirectories.")
  boolean recursive;

  @Option(names = "--dvc-only", description = "With URL: list only what DVC tracks.")
  boolean dvcOnly;

  @Option(names = "--json", description = "Print a JSON array.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (url != null) {
      return listRepo();
    }
    if (rev != null || recursive || dvcOnly) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--rev, -R and --dvc-only need a URL: jdvc ls URL [PATH]");
    }
    try (Jdvc jdvc = open()) {
      List<OutputStatus> all = jdvc.list().call();
      if (json) {
        List<Object> rows = new ArrayList<>();
        for (OutputStatus s : all) {
          Output o = s.output().output();
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("path", s.output().repoPath());
          row.put("dvc_file", s.output().dvcPath());
          row.put("md5", o.md5() == null ? null : o.md5().value());
          row.put("hash", o.isLegacy() ? "md5-dos2unix" : "md5");
          row.put("size", o.size());
          row.put("nfiles", o.nfiles());
          row.put("status", s.state().label());
          row.put("desc", o.desc());
          row.put("type", o.type());
          row.put("labels", o.labels());
          row.put("meta", io.jdvc.pointer.PlainScalar.resolve(o.meta()));
          rows.add(row);
        }
        out().print(Json.write(rows));
      } else {
        for (OutputStatus s : all) {
          Output o = s.output().output();
          out().println(String.format("%-40s %-36s %10s %8s  %s", s.output().repoPath(),
              o.md5() == null ? "-" : o.md5().value(), o.size() == null ? "-" : Sizes.human(o.size()),
              o.nfiles() == null ? "" : o.nfiles() + " files", s.state().label()));
        }
      }
      out().flush();
      return ExitCode.OK;
    }
  }

  private int listRepo() throws Exception {
    List<io.jdvc.api.RepoListOperation.Entry> entries = Jdvc.listRepo(root().workingDirectory()).url(url).path(path)
        .rev(rev).recursive(recursive).dvcOnly(dvcOnly).notices(warnings()).call();
    if (json) {
      List<Object> rows = new ArrayList<>();
      for (io.jdvc.api.RepoListOperation.Entry e : entries) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("isout", e.isOut());
        row.put("isdir", e.isDir());
        row.put("isexec", e.isExec());
        if (e.size() != null) {
          row.put("size", e.size());
        }
        if (e.md5() != null) {
          row.put("md5", e.md5());
        }
        row.put("path", e.path());
        if (e.isOut()) {
          row.put("desc", e.desc());
          row.put("type", e.type());
          row.put("labels", e.labels());
          row.put("meta", e.meta());
        }
        rows.add(row);
      }
      out().print(Json.write(rows));
    } else {
      for (io.jdvc.api.RepoListOperation.Entry e : entries) {
        out().println(e.path());
      }
    }
    out().flush();
    return ExitCode.OK;
  }
}
