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
    description = "List tracked outputs with their hash, size, file count and status.")
final class LsCommand extends RepoCommand {
  @Option(names = "--json", description = "Print a JSON array.")
  boolean json;

  @Override
  public Integer call() throws Exception {
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
}
