package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run registers only the command it names, and that command behaves as it does among all the others. */
class CommandRegistryTest {

  @Test
  void eachCommandAloneHasTheHelpItHasAmongAll() {
    CommandLine all = Main.newCommandLine();
    Set<String> seen = new TreeSet<>();
    for (Map.Entry<String, CommandLine> e : all.getSubcommands().entrySet()) {
      CommandLine alone = Main.newCommandLine(e.getKey(), "--help");
      Set<String> expected = Set.of("help", "completion").contains(e.getValue().getCommandName())
          ? commandNames(all) : Set.of(e.getValue().getCommandName());
      assertEquals(expected, commandNames(alone), e.getKey());
      CommandLine sub = alone.getSubcommands().get(e.getKey());
      assertEquals(e.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF),
          sub.getUsageMessage(CommandLine.Help.Ansi.OFF), "jdvc " + e.getKey() + " --help");
      assertEquals(e.getValue().getSubcommands().keySet(), sub.getSubcommands().keySet(), e.getKey());
      seen.add(e.getKey());
    }
    assertTrue(seen.containsAll(Set.of("add", "co", "checkout", "rm", "exp", "experiments", "stage", "help")), seen
        .toString());
  }

  @Test
  void globalOptionsBeforeTheCommandDoNotHideIt() {
    assertEquals(Set.of("status"), commandNames(Main.newCommandLine("-C", "some/dir", "-q", "status", "-c")));
    assertEquals(Set.of("push"), commandNames(Main.newCommandLine("-v", "--quiet", "push", "-r", "store")));
    assertEquals("status", CommandRegistry.commandWord(new String[] {"-C", "status", "status"}));
  }

  @Test
  void versionAloneRegistersNothingAndHelpOrATypoRegistersAll() {
    int all = Main.newCommandLine().getSubcommands().size();
    assertEquals(0, Main.newCommandLine("--version").getSubcommands().size());
    assertEquals(all, Main.newCommandLine().getSubcommands().size());
    assertEquals(all, Main.newCommandLine("--help").getSubcommands().size());
    assertEquals(all, Main.newCommandLine("stauts").getSubcommands().size());
    assertEquals(all, Main.newCommandLine("help", "add").getSubcommands().size());
    assertEquals(all, Main.newCommandLine("completion").getSubcommands().size());
    assertNull(CommandRegistry.commandWord(new String[] {"-v", "-C", "dir"}));
  }

  @Test
  void aDataCommandRegistersOnlyItselfUnderDataAndHelpOrATypoRegistersThemAll() {
    CommandLine all = Main.newCommandLine().getSubcommands().get("data");
    CommandLine alone = Main.newCommandLine("-q", "data", "profile", "t.csv").getSubcommands().get("data");
    assertEquals(Set.of("profile"), commandNames(alone));
    assertEquals(all.getSubcommands().get("profile").getUsageMessage(CommandLine.Help.Ansi.OFF),
        alone.getSubcommands().get("profile").getUsageMessage(CommandLine.Help.Ansi.OFF));
    assertEquals(Set.of("diff"), commandNames(Main.newCommandLine("data", "-C", "dir", "diff").getSubcommands()
        .get("data")));
    for (String[] args : new String[][] {{"data"}, {"data", "--help"}, {"data", "profle"}}) {
      assertEquals(commandNames(all), commandNames(Main.newCommandLine(args).getSubcommands().get("data")),
          String.join(" ", args));
    }
    assertTrue(commandNames(all).containsAll(Set.of("profile", "schema", "diff", "check", "suggest", "log")));
  }

  @Test
  void inheritedOptionsReachTheLoneCommand() {
    CommandLine cmd = Main.newCommandLine("-q", "status");
    CommandLine.ParseResult parsed = cmd.parseArgs("status", "-v", "-C", "/tmp");
    assertTrue(parsed.subcommand().hasMatchedOption("-v"));
    assertTrue(parsed.subcommand().hasMatchedOption("-C"));
    CommandLine data = Main.newCommandLine("data", "profile", "t.csv");
    CommandLine.ParseResult profile = data.parseArgs("data", "profile", "-q", "-C", "/tmp", "t.csv").subcommand()
        .subcommand();
    assertTrue(profile.hasMatchedOption("-q"));
    assertTrue(profile.hasMatchedOption("-C"));
  }

  private static Set<String> commandNames(CommandLine cmd) {
    Set<String> names = new TreeSet<>();
    cmd.getSubcommands().values().forEach(c -> names.add(c.getCommandName()));
    return names;
  }
}
