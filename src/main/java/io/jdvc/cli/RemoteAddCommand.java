package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.api.RemoteAddResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", mixinStandardHelpOptions = true,
    description = {"Add a remote: writes ['remote \"NAME\"'] with its url to .dvc/config.",
        "URL is s3://bucket[/prefix], file:///path or a directory path; a relative path is taken from the current "
            + "directory and stored relative to .dvc/, as DVC does."})
final class RemoteAddCommand extends RepoCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Remote name (stored in lower case).")
  String name;

  @Parameters(index = "1", paramLabel = "URL", description = "s3://bucket[/prefix], file:///path or a path.")
  String url;

  @Option(names = {"-d", "--default"}, description = "Also make it the default remote (core.remote).")
  boolean makeDefault;

  @Option(names = {"-f", "--force"}, description = "Overwrite an existing remote of that name (all its options).")
  boolean force;

  @Mixin LevelOption level;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      RemoteAddResult r = jdvc.remoteAdd().name(name).url(url).makeDefault(makeDefault).force(force)
          .level(level.level()).call();
      if (r.isDefault()) {
        say("Setting '" + r.name() + "' as a default remote.");
      }
      return ExitCode.OK;
    }
  }
}
