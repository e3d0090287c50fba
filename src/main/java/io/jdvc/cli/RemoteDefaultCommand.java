package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.api.RemoteDefaultResult;
import io.jdvc.cli.render.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "default", mixinStandardHelpOptions = true,
    description = {"Show the default remote (core.remote), or set it to NAME.",
        "Without NAME and without a default set, exits 1 (with --json, prints {\"default\": null})."})
final class RemoteDefaultCommand extends RepoCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Remote to make the default.")
  String name;

  @Option(names = {"-u", "--unset"}, description = "Unset the default remote.")
  boolean unset;

  @Option(names = "--json", description = "Print {\"default\": NAME} (null when unset).")
  boolean json;

  @Mixin LevelOption level;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      RemoteDefaultResult r = jdvc.remoteDefault().name(name).unset(unset).allowNone(json).level(level.level()).call();
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("default", r.name());
        out().print(Json.write(m));
        out().flush();
      } else if (name == null && !unset) {
        out().println(r.name());
        out().flush();
      } else if (unset && r.name() != null) {
        say("The default remote is still '" + r.name() + "', set in the other config file.");
      }
      return ExitCode.OK;
    }
  }
}
