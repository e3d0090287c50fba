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

@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show the registry: per artifact its latest version and the version each stage holds "
        + "(gto show); with NAME, its versions.")
final class ArtifactsShowCommand extends RepoCommand {
  @Parameters(arity = "0..1", paramLabel = "NAME[@VERSION|#STAGE]", description = "One artifact: its versions and "
      + "stages; with @VERSION (or @latest) or #STAGE only that version.")
  String name;

  @Option(names = "--json", description = "GTO's JSON.")
  boolean json;

  @Option(names = {"-d", "--deprecated"}, description = "Include deprecated artifacts.")
  boolean deprecated;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      ModelRegistry reg = jdvc.artifacts().registry();
      List<String> stages = reg.stages();
      List<List<String>> rows = new ArrayList<>();
      Map<String, Object> jsonOut = new LinkedHashMap<>();
      if (name != null) {
        // GTO's shortcuts: NAME@vX.Y.Z, NAME@latest (or @greatest), NAME#STAGE narrow the versions shown
        int hash = name.indexOf('#');
        int at = hash < 0 ? name.lastIndexOf('@') : -1;
        String artifact = hash > 0 ? name.substring(0, hash) : at > 0 ? name.substring(0, at) : name;
        String onlyStage = hash > 0 ? name.substring(hash + 1) : null;
        String onlyVersion = at > 0 ? name.substring(at + 1) : null;
        if (onlyVersion != null && (onlyVersion.equals("latest") || onlyVersion.equals("greatest"))) {
          onlyVersion = reg.latest(artifact).orElse("");
        } else if (onlyVersion != null) {
          onlyVersion = io.jdvc.registry.SemVer.parse(onlyVersion).toString();
        }
        rows.add(List.of("artifact", "version", "stage", "commit"));
        Map<String, String> stageOf = reg.stagesOf(artifact);
        for (Map.Entry<String, String> v : reg.versions(artifact).entrySet()) {
          List<String> in = stageOf.entrySet().stream().filter(s -> s.getValue().equals(v.getKey()))
              .map(Map.Entry::getKey).toList();
          if (onlyVersion != null && !onlyVersion.equals(v.getKey()) || onlyStage != null && !in.contains(onlyStage)) {
            continue;
          }
          rows.add(List.of(artifact, v.getKey(), String.join(", ", in), v.getValue().substring(0, 7)));
          Map<String, Object> j = new LinkedHashMap<>();
          j.put("artifact", artifact);
          j.put("version", v.getKey());
          j.put("stages", in);
          j.put("commit_hexsha", v.getValue());
          jsonOut.put(v.getKey(), j);
        }
        print(json ? new ArrayList<>(jsonOut.values()) : null, rows);
        return ExitCode.OK;
      }
      List<String> head = new ArrayList<>(List.of("name", "latest"));
      stages.forEach(s -> head.add("#" + s));
      rows.add(head);
      for (ModelRegistry.ArtifactState a : reg.artifacts().values()) {
        if (!a.active() && !deprecated) {
          continue;
        }
        List<String> row = new ArrayList<>(List.of(a.registered() ? a.name() : "*" + a.name(),
            a.latest() == null ? "-" : a.latest()));
        stages.forEach(s -> row.add(a.stages().getOrDefault(s, "-")));
        rows.add(row);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("version", a.latest());
        Map<String, Object> st = new LinkedHashMap<>();
        stages.forEach(s -> st.put(s, a.stages().get(s)));
        j.put("stage", st);
        j.put("registered", a.registered());
        j.put("active", a.active());
        jsonOut.put(a.name(), j);
      }
      print(json ? jsonOut : null, rows);
      return ExitCode.OK;
    }
  }

  private void print(Object jsonValue, List<List<String>> rows) {
    if (jsonValue != null) {
      out().print(Json.write(jsonValue));
    } else {
      out().print(TextTable.aligned(rows));
    }
    out().flush();
  }
}
