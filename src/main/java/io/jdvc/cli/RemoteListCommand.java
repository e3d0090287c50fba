package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.api.RemoteListResult;
import io.jdvc.cli.render.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List remotes as NAME<TAB>URL, the default one marked '(default)'. Credentials are never shown.")
final class RemoteListCommand extends RepoCommand {
  @Option(names = "--json", description = "Print a JSON array of {name, url, level, default}.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      RemoteListResult r = jdvc.remoteList().call();
      if (json) {
        List<Object> rows = new ArrayList<>();
        for (RemoteListResult.RemoteInfo i : r.remotes()) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("name", i.name());
          row.put("url", i.url());
          row.put("level", i.level().label());
          row.put("default", i.isDefault());
          rows.add(row);
        }
        out().print(Json.write(rows));
      } else {
        for (RemoteListResult.RemoteInfo i : r.remotes()) {
          out().println(i.name() + "\t" + (i.url() == null ? "" : i.url()) + (i.isDefault() ? "\t(default)" : ""));
        }
      }
      out().flush();
      return ExitCode.OK;
    }
  }
}
