package io.jdvc.cli;

import io.jdvc.api.Artifacts;
import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.LineageRenderer;
import io.jdvc.registry.Lineage;
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
        Map<String, Object> m = LineageRenderer.json(l);
        m.put("in_cache", r.inCache());
        m.put("on_remote", r.onRemote());
        out().print(Json.write(m));
        out().flush();
        return ExitCode.OK;
      }
      say(l.artifact() + " " + l.version() + " (" + ref + ") = " + l.path() + " at commit " + l.commit());
      say("  md5: " + (l.oid() == null ? "-" : l.oid()) + "  in cache: " + (r.inCache() ? "yes" : "NO")
          + "  on remote" + (r.remote() == null ? "" : " '" + r.remote() + "'") + ": "
          + (r.onRemote() == null ? "unknown (no remote)" : r.onRemote() ? "yes" : "NO"));
      out().print(LineageRenderer.text(l, ""));
      out().flush();
      return ExitCode.OK;
    }
  }
}
