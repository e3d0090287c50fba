package io.jdvc.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command: global options and the list of subcommands. The list is not in the annotation: picocli builds
 * the model of every registered command by reflection, which was most of a start-up, so {@link Main} registers
 * only the command being run (see {@link CommandRegistry}).
 */
@Command(name = "jdvc", mixinStandardHelpOptions = true, versionProvider = JdvcCommand.Version.class,
    description = "Data version control for Git and S3-compatible object stores, compatible with DVC 3.x.",
    commandListHeading = "%nCommands:%n", synopsisSubcommandLabel = "COMMAND")
public final class JdvcCommand implements Callable<Integer> {
  /** The subcommands, in the order {@code jdvc --help} lists them. */
  static final List<Class<?>> SUBCOMMANDS = List.of(InitCommand.class, AddCommand.class, StatusCommand.class,
      CheckoutCommand.class, CommitCommand.class, ReproCommand.class, RemoveCommand.class, MoveCommand.class,
      LsCommand.class, PushCommand.class, FetchCommand.class, PullCommand.class, RemoteCommand.class,
      ConfigCommand.class, InstallCommand.class, GetCommand.class, ImportCommand.class, UpdateCommand.class,
      ImportUrlCommand.class, GetUrlCommand.class, DiffCommand.class, LogCommand.class, WhichCommand.class,
      GcCommand.class, AuditCommand.class, StageCommand.class, DagCommand.class, FreezeCommand.class,
      UnfreezeCommand.class, DataCommand.class, CatalogCommand.class, ParamsCommand.class, MetricsCommand.class,
      PlotsCommand.class, ExpCommand.class, QueueCommand.class, ArtifactsCommand.class, CompletionCommand.class,
      CommandLine.HelpCommand.class);

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Show more detail, including stack traces of errors.")
  boolean verbose;

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
      description = "No progress bars, notices or warnings; a query's result is still printed.")
  boolean quiet;

  @Option(names = "-C", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Run as if jdvc was started in DIR.")
  Path directory;

  /** No command given: the help goes to stderr and the exit code says usage error, as for a missing argument. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }

  /** The directory the command runs in: -C DIR, resolved against the process's working directory. */
  Path workingDirectory() {
    Path cwd = Path.of("").toAbsolutePath();
    if (directory == null) {
      return cwd.normalize();
    }
    Path dir = cwd.resolve(directory).normalize();
    if (!Files.isDirectory(dir)) {
      // git's words for git -C with a bad directory
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot change to '" + directory + "': "
          + (Files.exists(dir) ? "Not a directory" : "No such file or directory"));
    }
    return dir;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = JdvcCommand.class.getPackage().getImplementationVersion();
      return new String[] {"jdvc " + (v == null ? "dev" : v)};
    }
  }
}
