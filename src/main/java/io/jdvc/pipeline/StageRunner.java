package io.jdvc.pipeline;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one stage's command as DVC's {@code cmd_run} does: each command in order, each through the user's shell
 * ({@code $SHELL}, else {@code /bin/sh}, started with {@code -c} and, for bash and zsh, without reading their
 * startup files), in the stage's working directory, with jdvc's own stdin, stdout and stderr, and jdvc's
 * environment plus {@code DVC_ROOT} (unless already set), {@code DVC_STAGE} and the caller's variables. The first
 * command that fails stops the stage.
 *
 * <p>Interruption: if jdvc is stopped (Ctrl-C, SIGTERM) or the running thread is interrupted, the command's whole
 * process tree is ended (SIGTERM, then SIGKILL after {@link #killGrace}) and {@link StageInterruptedException} is
 * thrown, so the caller records nothing of the stage. Nothing here prints: the lines DVC prints before each command
 * go to the {@link Listener}.
 */
public final class StageRunner {
  public static final String DVC_ROOT = "DVC_ROOT";
  public static final String DVC_STAGE = "DVC_STAGE";

  /** How long a command gets to exit on SIGTERM before SIGKILL. */
  public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(3);

  /** What DVC prints while running a stage, for the CLI to print. */
  public interface Listener {
    Listener NONE = new Listener() {};

    /** Before the first command: DVC prints {@code Running stage 'train':}. */
    default void stageStarted(String stage) {}

    /** Before each command: DVC prints {@code > python train.py}. */
    default void commandStarted(String stage, String command) {}
  }

  private final Path repoRoot;
  private final Map<String, String> environment = new LinkedHashMap<>();
  private Listener listener = Listener.NONE;
  private String shell;
  private Duration killGrace = DEFAULT_KILL_GRACE;

  /** @param repoRoot the repository root, given to commands as {@code DVC_ROOT} */
  public StageRunner(Path repoRoot) {
    this.repoRoot = repoRoot.toAbsolutePath().normalize();
  }

  /** Extra environment variables for every command (experiments: {@code DVC_EXP_NAME}, ...). */
  public StageRunner environment(Map<String, String> variables) {
    environment.putAll(variables);
    return this;
  }

  public StageRunner listener(Listener value) {
    this.listener = value;
    return this;
  }

  /** The shell to run commands with, instead of {@code $SHELL} or {@code /bin/sh}. */
  public StageRunner shell(String executable) {
    this.shell = executable;
    return this;
  }

  public StageRunner killGrace(Duration value) {
    this.killGrace = value;
    return this;
  }

  /**
   * Runs the stage's commands in order in {@code workingDir}, returning when all exited with 0.
   *
   * @param stage the stage's address, for messages and {@code DVC_STAGE}
   * @param commands the commands; see {@link #commandLines} for a {@code cmd} string
   * @throws StageFailedException naming the first command that exited with a non-zero status
   * @throws StageInterruptedException if jdvc or the thread was interrupted; the commands' processes are ended
   * @throws JdvcException if there is no command, the working directory is missing or the shell cannot start
   */
  public void run(String stage, List<String> commands, Path workingDir) {
    if (commands.isEmpty()) {
      throw new JdvcException("stage '" + stage + "' has no command", "give it a cmd in dvc.yaml");
    }
    if (!Files.isDirectory(workingDir)) {
      throw new JdvcException("cannot run stage '" + stage + "': its working directory '" + workingDir
          + "' does not exist", "create it or fix the stage's wdir");
    }
    listener.stageStarted(stage);
    for (String command : commands) {
      listener.commandStarted(stage, command);
      runOne(stage, command, workingDir);
    }
  }

  /**
   * A {@code cmd} string as DVC splits it into commands: one per line (Python's {@code str.splitlines}: a final
   * line break adds no empty command, blank lines in between stay).
   */
  public static List<String> commandLines(String cmd) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < cmd.length()) {
      char c = cmd.charAt(i);
      if (isLineBreak(c)) {
        lines.add(cmd.substring(start, i));
        i += c == '\r' && i + 1 < cmd.length() && cmd.charAt(i + 1) == '\n' ? 2 : 1;
        start = i;
      } else {
        i++;
      }
    }
    if (start < cmd.length()) {
      lines.add(cmd.substring(start));
    }
    return lines;
  }

  private static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r' || c == '\u000b' || c == '\f' || c == '\u001c' || c == '\u001d'
        || c == '\u001e' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  /** The program and arguments that run {@code command} (DVC's {@code _make_cmd}). */
  public List<String> shellCommand(String command) {
    if (System.getProperty("os.name", "").startsWith("Windows")) {
      return List.of("cmd.exe", "/c", command); // DVC runs through the default shell there (shell=True)
    }
    String executable = shell != null ? shell : System.getenv("SHELL");
    if (executable == null || executable.isEmpty()) {
      executable = "/bin/sh";
    }
    List<String> argv = new ArrayList<>(List.of(executable));
    String name = Path.of(executable).getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.equals("bash")) {
      argv.addAll(List.of("--noprofile", "--norc"));
    } else if (name.equals("zsh")) {
      argv.add("--no-rcs");
    }
    argv.add("-c");
    argv.add(command);
    return argv;
  }

  private void runOne(String stage, String command, Path workingDir) {
    ProcessBuilder builder = new ProcessBuilder(shellCommand(command)).directory(workingDir.toFile()).inheritIO();
    Map<String, String> env = builder.environment();
    env.putAll(environment);
    env.putIfAbsent(DVC_ROOT, repoRoot.toString());
    env.put(DVC_STAGE, stage);
    ChildProcesses.Running running;
    try {
      running = ChildProcesses.start(builder, killGrace);
    } catch (IOException e) {
      throw new JdvcException("cannot run stage '" + stage + "': " + e.getMessage(),
          "check that the shell '" + builder.command().get(0) + "' exists (jdvc uses $SHELL, else /bin/sh)", e);
    }
    if (running == null) {
      throw new StageInterruptedException(stage, command);
    }
    try {
      int code;
      try {
        code = running.process.waitFor();
      } catch (InterruptedException e) {
        ChildProcesses.destroyTree(running.process.toHandle(), killGrace);
        throw new StageInterruptedException(stage, command);
      }
      if (stoppedByJdvc(code)) {
        throw new StageInterruptedException(stage, command);
      }
      if (code != 0) {
        throw new StageFailedException(stage, command, code);
      }
    } finally {
      ChildProcesses.finished(running);
    }
  }

  /**
   * Whether the JVM is stopping. Ctrl-C in a terminal reaches the command and jdvc at once, so a command that
   * died of SIGINT or SIGTERM may be seen before the shutdown hook has begun: give the hook a moment then.
   */
  private static boolean stoppedByJdvc(int code) {
    if (code == 128 + 2 || code == 128 + 15) {
      long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();
      while (!ChildProcesses.stopping() && System.nanoTime() < deadline) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return true;
        }
      }
    }
    return ChildProcesses.stopping();
  }
}
