package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the artifacts declared in the work tree's dvc.yaml files: name, path, type, description,"
        + " labels. An artifact of sub/dvc.yaml is named sub:NAME, as in registry tags.")
final class ArtifactsListCommand extends RepoCommand {
  @Option(names = "--json", description = "Per dvc.yaml, each artifact's declaration, as DVC's Artifacts.read gives it.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      Map<String, Map<String, Object>> declared = jdvc.artifacts().list();
      if (json) {
        out().print(Json.write(declared));
        out().flush();
        return ExitCode.OK;
      }
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("name", "path", "type", "desc", "labels"));
      declared.forEach((file, artifacts) -> {
        String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
        artifacts.forEach((name, value) -> {
          Map<?, ?> d = value instanceof Map<?, ?> m ? m : Map.of();
          List<String> row = new ArrayList<>();
          row.add(dir.isEmpty() ? name : dir + ":" + name);
          row.add((dir.isEmpty() ? "" : dir + "/") + text(d.get("path")));
          row.add(text(d.get("type")));
          row.add(text(d.get("desc")));
          row.add(d.get("labels") instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
              : "-");
          rows.add(row);
        });
      });
      if (declared.isEmpty()) {
        err().println("No artifacts are declared in dvc.yaml (add one with 'jdvc artifacts add NAME PATH').");
        err().flush();
      } else {
        out().print(TextTable.aligned(rows));
        out().flush();
      }
      return ExitCode.OK;
    }
  }

  private static String text(Object v) {
    return v == null ? "-" : String.valueOf(v);
  }
}
