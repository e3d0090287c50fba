package io.jdvc.cli;

import io.jdvc.api.GetOperation;
import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.Sizes;
import io.jdvc.git.RepoClones;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = {"Download a file or directory that another repository tracks (with DVC or Git), without "
        + "tracking it here.", "Works outside a DVC repository too. Exit codes: 0 done, 1 failed (nothing written)."})
final class GetCommand extends RepoCommand {
  @Parameters(index = "0", paramLabel = "URL", description = "Git URL of the repository (a path, file://, https://).")
  String url;

  @Parameters(index = "1", paramLabel = "PATH", description = "Path of the data in that repository.")
  String path;

  @Option(names = {"-o", "--out"}, paramLabel = "OUT", description = "Where to write (default: PATH's last name).")
  Path out;

  @Option(names = "--rev", paramLabel = "REV", description = "Branch, tag or commit of the repository.")
  String rev;

  @Option(names = {"-f", "--force"}, description = "Replace an existing file or directory at OUT.")
  boolean force;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel downloads.")
  Integer jobs;

  @Option(names = "--json", description = "Print what was written as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    OptionChecks.atLeastOne(spec, "-j|--jobs", jobs);
    GetOperation op = Jdvc.get(root().workingDirectory()).url(url).path(path).out(out).rev(rev).force(force)
        .notices(warnings());
    if (jobs != null) {
      op.jobs(Math.min(jobs, io.jdvc.remote.Remote.MAX_JOBS));
    }
    GetOperation.Result r = op.call();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("out", r.out().toString());
      m.put("url", r.url());
      m.put("rev", r.commitId());
      m.put("files", r.files());
      m.put("bytes", r.bytes());
      out().print(Json.write(m));
      out().flush();
    } else {
      say("Downloaded " + r.files() + " file(s), " + Sizes.human(r.bytes()) + ", from " + RepoClones.shown(r.url())
          + " at " + r.commitId().substring(0, 7) + " to " + r.out());
    }
    return ExitCode.OK;
  }
}
