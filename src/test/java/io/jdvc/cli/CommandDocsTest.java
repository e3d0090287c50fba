package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command the CLI registers is documented: docs/commands.md, docs/commands-remote.md or
 * docs/commands-history.md must mention {@code jdvc <name>}. The last two pages are written alongside their
 * commands, so a missing page is only tolerated while no registered command needs it.
 */
class CommandDocsTest {
  static final List<Path> PAGES =
      List.of(Path.of("docs/commands.md"), Path.of("docs/commands-remote.md"), Path.of("docs/commands-history.md"),
          Path.of("docs/commands-data.md"));

  /** Primary names of the registered subcommands (aliases such as co, rm, mv map to the same command). */
  static Set<String> registeredCommands() {
    Set<String> names = new LinkedHashSet<>();
    for (CommandLine sub : Main.newCommandLine().getSubcommands().values()) {
      String name = sub.getCommandName();
      if (!name.equals("help")) {
        names.add(name);
      }
    }
    return names;
  }

  static String allDocs() throws IOException {
    StringBuilder b = new StringBuilder();
    for (Path page : PAGES) {
      if (Files.exists(page)) {
        b.append(Files.readString(page, StandardCharsets.UTF_8)).append('\n');
      }
    }
    return b.toString();
  }

  @Test
  void everyRegisteredCommandIsDocumented() throws IOException {
    assertTrue(Files.exists(PAGES.get(0)), "docs/commands.md is missing");
    String docs = allDocs();
    List<String> undocumented = new ArrayList<>();
    for (String name : registeredCommands()) {
      if (!docs.contains("jdvc " + name)) {
        undocumented.add(name);
      }
    }
    assertTrue(undocumented.isEmpty(), "commands without docs (mention 'jdvc <name>' in one of " + PAGES + "): "
        + undocumented);
  }

  @Test
  void everyCommandHasADescriptionForItsHelp() {
    for (CommandLine sub : Main.newCommandLine().getSubcommands().values()) {
      String[] description = sub.getCommandSpec().usageMessage().description();
      assertFalse(description.length == 0 || description[0].isBlank(),
          "jdvc " + sub.getCommandName() + " has no description in --help");
    }
  }

  @Test
  void theCoreCommandsAreRegistered() {
    // guards the test above against an empty list (e.g. if the subcommands moved)
    assertTrue(registeredCommands().containsAll(Set.of("init", "add", "status", "checkout", "commit", "remove",
        "move", "ls", "completion", "push", "fetch", "pull")), registeredCommands().toString());
  }
}
