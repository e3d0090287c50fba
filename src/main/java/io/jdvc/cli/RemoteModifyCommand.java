package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "modify", mixinStandardHelpOptions = true,
    description = {"Set or unset one option of a remote, e.g. endpointurl, region, profile, access_key_id.",
        "Credentials belong in .dvc/config.local: use --local for them."})
final class RemoteModifyCommand extends RepoCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Remote name.")
  String name;

  @Parameters(index = "1", paramLabel = "KEY", description = "Option name (see docs/commands-remote.md).")
  String key;

  @Parameters(index = "2", arity = "0..1", paramLabel = "VALUE", description = "New value (omit with --unset).")
  String value;

  @Option(names = {"-u", "--unset"}, description = "Remove the option instead of setting it.")
  boolean unset;

  @Mixin LevelOption level;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      jdvc.remoteModify().name(name).option(key).value(value).unset(unset).level(level.level()).call();
      return ExitCode.OK;
    }
  }
}
