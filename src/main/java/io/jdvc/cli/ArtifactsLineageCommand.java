package io.jdvc.cli;

import io.jdvc.api.Artifacts;
import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.registry.Lineage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lineage", mixinStandardHelpOptions = true,
    description = {"Which data, params and stages made a registered model, and whether its bytes are in the "
        + "cache and on the remote.", "Example: jdvc artifacts lineage model#prod"})
final class ArtifactsLineageCommand extends RepoCommand {
  @Parameters(paramLabel = "NAME[@VERSION|#STAGE]", description = "A registry reference: model@v1.3.0, "
      + "model#prod, model (latest).")
  String ref;

  @Option(names = "--json", description = "JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      Artifacts.LineageResult r = jdvc.artifacts().lineage(ref);
      Lineage.Report l = r.report();
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("artifact", l.artifact());
        m.put("version", l.version());
        m.put("commit", l.commit());
        m.put("path", l.path());
        m.put("md5", l.oid());
        m.put("in_cache", r.inCache());
        m.put("on_remote", r.onRemote());
        List<Object> stages = new ArrayList<>();
        for (Lineage.StageRecord s : l.stages()) {
          Map<String, Object> sm = new LinkedHashMap<>();
          sm.put("stage", s.name());
          sm.put("cmd", s.cmd());
          sm.put("deps", s.deps());
          sm.put("params", s.params());
          sm.put("outs", s.outs());
          stages.add(sm);
        }
        m.put("stages", stages);
        m.put("metrics", l.metrics());
        out().print(Json.write(m));
        out().flush();
        return ExitCode.OK;
      }
      say(l.artifact() + " " + l.version() + " (" + ref + ") = " + l.path() + " at commit " + l.commit());
      say("  md5: " + (l.oid() == null ? "-" : l.oid()) + "  in cache: " + (r.inCache() ? "yes" : "NO")
          + "  on remote" + (r.remote() == null ? "" : " '" + r.remote() + "'") + ": "
          + (r.onRemote() == null ? "unknown (no remote)" : r.onRemote() ? "yes" : "NO"));
      for (Lineage.StageRecord s : l.stages()) {
        say("stage " + s.name() + ": " + s.cmd());
        s.deps().forEach((p, h) -> say("  dep    " + p + "  " + (h == null ? "-" : h)));
        s.params().forEach((file, keys) -> keys.forEach((k, v) -> say("  param  " + file + ":" + k + " = " + v)));
      }
      l.metrics().forEach((file, data) -> say("metrics " + file + ": " + (data instanceof Map<?, ?> d
          ? d.get("data") : data)));
      return ExitCode.OK;
    }
  }
}
