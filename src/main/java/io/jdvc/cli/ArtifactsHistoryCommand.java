package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.registry.ModelRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Registrations, stage assignments and deprecations of an artifact (or all), newest first "
        + "(gto history).")
final class ArtifactsHistoryCommand extends RepoCommand {
  @Parameters(arity = "0..1", paramLabel = "NAME", description = "Artifact name.")
  String name;

  @Option(names = "--json", description = "JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      List<ModelRegistry.Event> events = jdvc.artifacts().registry().history(name);
      if (json) {
        List<Object> out = new ArrayList<>();
        for (ModelRegistry.Event e : events) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("timestamp", e.timestamp().toString());
          m.put("artifact", e.artifact());
          m.put("event", e.event());
          m.put("version", e.version());
          m.put("stage", e.stage());
          m.put("commit", e.commit());
          m.put("author", e.author());
          m.put("message", e.message());
          m.put("ref", e.ref());
          out.add(m);
        }
        out().print(Json.write(out));
      } else {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("timestamp", "artifact", "event", "version", "stage", "commit", "ref"));
        for (ModelRegistry.Event e : events) {
          rows.add(List.of(e.timestamp().toString(), e.artifact(), e.event(), e.version() == null ? "-" : e.version(),
              e.stage() == null ? "-" : e.stage(), e.commit().substring(0, 7), e.ref()));
        }
        out().print(TextTable.aligned(rows));
      }
      out().flush();
      return ExitCode.OK;
    }
  }
}
