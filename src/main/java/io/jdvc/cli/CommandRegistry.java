package io.jdvc.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Chooses which subcommands a command line registers. Picocli builds a command's model (options, help, nested
 * commands) by reflection when it is registered, and building all of jdvc's took longer than the JVM's own
 * start; so a run registers only the command it names. Every command is registered when the first word names
 * none (no command, a typo that deserves suggestions) or a command that reads them all ({@code help},
 * {@code completion}), so help, errors and completion scripts list them all.
 */
final class CommandRegistry {
  /** Commands that read the whole command tree: help lists and describes commands, completion scripts them. */
  private static final Set<Class<?>> NEED_ALL = Set.of(CommandLine.HelpCommand.class, CompletionCommand.class);

  private CommandRegistry() {}

  /** Groups whose subcommands are registered here, as the root's are: only the named one, else all. */
  private static final Map<Class<?>, List<Class<?>>> GROUPS = Map.of(DataCommand.class, DataCommand.SUBCOMMANDS);

  /** Registers every subcommand, in help order. */
  static void registerAll(CommandLine root) {
    for (Class<?> command : JdvcCommand.SUBCOMMANDS) {
      root.addSubcommand(command(command, new String[0]));
    }
  }

  /** Registers what {@code args} needs: the named command, nothing for a bare {@code --version}, else all. */
  static void registerFor(CommandLine root, String[] args) {
    int at = commandIndex(args);
    if (at < 0) {
      if (List.of(args).contains("--version") || List.of(args).contains("-V")) {
        return;
      }
    } else {
      for (Class<?> command : JdvcCommand.SUBCOMMANDS) {
        if (named(command, args[at]) && !NEED_ALL.contains(command)) {
          root.addSubcommand(command(command, Arrays.copyOfRange(args, at + 1, args.length)));
          return;
        }
      }
    }
    registerAll(root);
  }

  /** The command to register: its class, or for a group its command line with what {@code rest} needs. */
  private static Object command(Class<?> command, String[] rest) {
    List<Class<?>> subcommands = GROUPS.get(command);
    if (subcommands == null) {
      return command;
    }
    CommandLine group = new CommandLine(command);
    String word = commandWord(rest);
    for (Class<?> sub : subcommands) {
      if (word != null && named(sub, word)) {
        group.addSubcommand(sub);
        return group;
      }
    }
    subcommands.forEach(group::addSubcommand);
    return group;
  }

  private static boolean named(Class<?> command, String word) {
    Command annotation = command.getAnnotation(Command.class);
    return annotation.name().equals(word) || List.of(annotation.aliases()).contains(word);
  }

  /** The first word that is not a global option (or an option's value), or null when there is none. */
  static String commandWord(String[] args) {
    int at = commandIndex(args);
    return at < 0 ? null : args[at];
  }

  private static int commandIndex(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        return -1;
      }
      if (arg.equals("-C")) {
        i++; // -C DIR: the next word is the directory
      } else if (!arg.startsWith("-") || arg.equals("-")) {
        return i;
      }
    }
    return -1;
  }
}
