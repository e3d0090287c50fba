package io.jdvc.cli;

import io.jdvc.api.ConfigEntry;
import io.jdvc.api.ConfigOperation;
import io.jdvc.api.ConfigResult;
import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "config", mixinStandardHelpOptions = true,
    description = {"Get, set, unset or list config options by SECTION.KEY, like 'dvc config': core.autostage, "
        + "cache.type, remote.NAME.url, ...",
        "Reads see .dvc/config.local over .dvc/config over the global and system configs; writes go to "
            + ".dvc/config unless --local, --global or --system. "
            + "Credentials are shown as ****."})
final class ConfigCommand extends RepoCommand {
  static final String MASK = "****";

  @Parameters(index = "0", arity = "0..1", paramLabel = "SECTION.KEY", description = "The option, e.g. core.remote.")
  String key;

  @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "Set the option to VALUE.")
  String value;

  @Option(names = {"-u", "--unset"}, description = "Remove the option.")
  boolean unset;

  @Option(names = {"-l", "--list"}, description = "List all options as SECTION.KEY=VALUE.")
  boolean list;

  @Option(names = "--show-origin", description = "With --list or a get: prefix each option with its file.")
  boolean showOrigin;

  @Option(names = "--json", description = "Print options as JSON objects {key, value, level, secret}.")
  boolean json;

  @Mixin LevelOption level;

  @Override
  public Integer call() throws Exception {
    if (list == (key != null) || (unset && value != null)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          list ? "--list takes no SECTION.KEY" : key == null ? "missing SECTION.KEY (or use --list)"
              : "--unset takes no VALUE");
    }
    try (Jdvc jdvc = open()) {
      ConfigOperation op = jdvc.configure();
      if (list) {
        op.list().level(level.readLevel());
      } else if (unset) {
        op.unset(key).level(level.readLevel());
      } else if (value != null) {
        op.set(key, value).level(level.readLevel());
      } else {
        op.get(key).level(level.readLevel());
      }
      ConfigResult r = op.call();
      if (r.action() == ConfigOperation.Action.SET || r.action() == ConfigOperation.Action.UNSET) {
        return ExitCode.OK;
      }
      if (json) {
        List<Object> rows = new ArrayList<>();
        for (ConfigEntry e : r.entries()) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("key", e.key());
          row.put("value", e.secret() ? MASK : e.value());
          row.put("level", e.level().label());
          row.put("secret", e.secret());
          rows.add(row);
        }
        out().print(Json.write(list ? rows : rows.get(0)));
      } else {
        for (ConfigEntry e : r.entries()) {
          String origin = showOrigin ? shown(jdvc, jdvc.configFile(e.level())) + "\t" : "";
          String shown = e.secret() ? MASK : e.value();
          out().println(origin + (list ? e.key() + "=" + shown : shown));
        }
      }
      out().flush();
      return ExitCode.OK;
    }
  }

  /** A config file as --show-origin prints it: relative inside the repository, as DVC does, else absolute. */
  private static String shown(Jdvc jdvc, java.nio.file.Path file) {
    return file.startsWith(jdvc.root()) ? jdvc.root().relativize(file).toString() : file.toString();
  }
}
