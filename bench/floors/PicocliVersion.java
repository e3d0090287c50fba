import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Floor (b) of bench/run: picocli's smallest program, one command with the standard help options, run as
 * {@code --version}, compiled against the picocli classes jdvc.jar ships. The least any picocli command line
 * costs on this JVM; {@code jdvc --version} cannot start faster while it parses its arguments with picocli.
 */
@Command(name = "floor", mixinStandardHelpOptions = true, version = "floor 1.0")
public final class PicocliVersion implements Runnable {
  @Override
  public void run() {
    // nothing: --version answers before a command runs
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new PicocliVersion()).execute(args));
  }
}
