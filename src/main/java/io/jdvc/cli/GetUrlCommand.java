package io.jdvc.cli;

import io.jdvc.api.GetUrlOperation;
import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.Sizes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get-url", mixinStandardHelpOptions = true,
    description = {"Download a file (a local path, http:// or https://) without tracking it.",
        "Works outside a DVC repository. Exit codes: 0 done, 1 failed (nothing written)."})
final class GetUrlCommand extends RepoCommand {
  @Parameters(index = "0", paramLabel = "URL", description = "A local path, or an http(s) URL.")
  String url;

  @Parameters(index = "1", arity = "0..1", paramLabel = "OUT", description = "Where to write (default: its name).")
  Path out;

  @Option(names = {"-f", "--force"}, description = "Replace an existing file at OUT.")
  boolean force;

  @Option(names = "--json", description = "Print what was written as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    GetUrlOperation.Result r = Jdvc.getUrl(root().workingDirectory()).url(url).out(out).force(force).call();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("out", r.out().toString());
      m.put("bytes", r.bytes());
      out().print(Json.write(m));
      out().flush();
    } else {
      say("Downloaded " + Sizes.human(r.bytes()) + " from " + url + " to " + r.out());
    }
    return ExitCode.OK;
  }
}
