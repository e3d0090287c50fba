package io.jdvc.cli;

import io.jdvc.api.ArtifactsGetOperation;
import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.Sizes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = {"Download a registered model's bytes for a version or stage, as dvc artifacts get: the registry"
        + " tag is resolved, the artifact's path read from dvc.yaml at that commit, and its data fetched from the"
        + " repository's cache or default remote, verified.",
        "Works outside a DVC repository too, with REPO_URL. Exit codes: 0 done, 1 failed (nothing written).",
        "Example: jdvc artifacts get https://github.com/org/registry model#prod -o model.pkl"})
final class ArtifactsGetCommand extends RepoCommand {
  @Parameters(arity = "1..2", paramLabel = "[REPO_URL] NAME[@VERSION|#STAGE]", description = "The Git URL of the"
      + " registry (default: this repository) and the reference: model, model@v1.2.0, model@latest, model#prod.")
  List<String> args;

  @Option(names = {"-o", "--out"}, paramLabel = "PATH", description = "Where to write (default: the artifact's file"
      + " name in the working directory).")
  Path out;

  @Option(names = {"-f", "--force"}, description = "Replace an existing file or directory at PATH.")
  boolean force;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel downloads.")
  Integer jobs;

  @Option(names = "--json", description = "Print what was fetched as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    OptionChecks.atLeastOne(spec, "-j|--jobs", jobs);
    String url = args.size() == 2 ? args.get(0) : null;
    ArtifactsGetOperation op = Jdvc.artifactsGet(root().workingDirectory()).url(url)
        .reference(args.get(args.size() - 1)).out(out).force(force).notices(warnings());
    if (jobs != null) {
      op.jobs(Math.min(jobs, io.jdvc.remote.Remote.MAX_JOBS));
    }
    ArtifactsGetOperation.Result r = op.call();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("artifact", r.artifact());
      m.put("version", r.version());
      m.put("rev", r.commit());
      m.put("path", r.path());
      m.put("out", r.written().out().toString());
      m.put("files", r.written().files());
      m.put("bytes", r.written().bytes());
      out().print(Json.write(m));
      out().flush();
    } else {
      say("Downloaded " + r.artifact() + " " + r.version() + " (" + r.path() + " at " + r.commit().substring(0, 7)
          + "), " + r.written().files() + " file(s), " + Sizes.human(r.written().bytes()) + ", to "
          + r.written().out());
    }
    return ExitCode.OK;
  }
}
