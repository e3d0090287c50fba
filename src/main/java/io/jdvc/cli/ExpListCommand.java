package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.git.RevisionRef;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
    description = "List experiments per baseline, locally or on a Git remote.")
final class ExpListCommand extends RepoCommand {
  @Parameters(arity = "0..1", paramLabel = "GIT_REMOTE", description = "A Git remote name or URL to list instead.")
  String remote;

  @Mixin ExpScope scope;

  @Option(names = "--name-only", description = "Only experiment names.")
  boolean nameOnly;

  @Option(names = "--sha-only", description = "Only full experiment commit ids.")
  boolean shaOnly;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      if (remote != null) {
        for (Map.Entry<String, List<String>> e : jdvc.experiments().listRemote(remote).entrySet()) {
          if (!nameOnly) {
            out().println(e.getKey().substring(0, 7) + ":");
          }
          e.getValue().forEach(n -> out().println(nameOnly ? n : "\t" + n));
        }
        out().flush();
        return ExitCode.OK;
      }
      for (Map.Entry<RevisionRef, Map<String, String>> e : jdvc.experiments().list(scope.toScope()).entrySet()) {
        if (!nameOnly && !shaOnly) {
          RevisionRef b = e.getKey();
          out().println((b.name() != null ? b.name() : b.shortId()) + ":");
        }
        for (Map.Entry<String, String> x : e.getValue().entrySet()) {
          out().println(nameOnly ? x.getKey() : shaOnly ? x.getValue()
              : "\t" + x.getValue().substring(0, 7) + " [" + x.getKey() + "]");
        }
      }
      out().flush();
      return ExitCode.OK;
    }
  }
}
