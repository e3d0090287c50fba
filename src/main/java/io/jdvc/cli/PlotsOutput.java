package io.jdvc.cli;

import io.jdvc.api.PlotsOperation;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.PlotsRenderer;
import java.awt.Desktop;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** What {@code plots show} and {@code plots diff} share: output flags, running the operation, printing. */
final class PlotsOutput {
  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Directory for index.html (default: dvc_plots).")
  Path out = Path.of("dvc_plots");

  @Option(names = "--json", description = "Print the plots' data as JSON instead of writing HTML.")
  boolean json;

  @Option(names = "--open", description = "Open the page in the default browser.")
  boolean open;

  @Option(names = "--pull", description = "Download cached plots files missing from the cache from the remote.")
  boolean pull;

  /** @param operation with its revisions and targets set */
  int run(PlotsOperation operation, PrintWriter stdout, PrintWriter stderr) throws IOException {
    PlotsOperation.PlotsResult result = operation.output(out).writeHtml(!json).pull(pull).call();
    if (json) {
      stdout.print(Json.write(PlotsRenderer.json(result)));
      stdout.flush();
      return ExitCode.OK;
    }
    Path html = result.html();
    if (html == null) {
      stderr.println("No plots were loaded, visualization file will not be created.");
      stderr.flush();
      return ExitCode.OK;
    }
    stdout.println(html.toUri());
    stdout.flush();
    if (open && !openInBrowser(html)) {
      stderr.println("WARNING: could not open a browser here (no $BROWSER, desktop or xdg-open); open " + html
          + " yourself");
      stderr.flush();
    }
    return ExitCode.OK;
  }

  /**
   * As Python's {@code webbrowser}, which DVC's {@code --open} uses: each command in {@code $BROWSER} first (a
   * {@code %s} in it stands for the address, else the address is its one argument), then the desktop's browser
   * through Java's Desktop API, then {@code xdg-open} (Linux) or {@code open} (macOS).
   */
  private static boolean openInBrowser(Path html) {
    String url = html.toUri().toString();
    String browsers = System.getenv("BROWSER");
    if (browsers != null) {
      for (String entry : browsers.split(java.io.File.pathSeparator)) {
        List<String> command = entry.contains("%s")
            ? java.util.Arrays.stream(entry.strip().split("\\s+")).map(a -> a.replace("%s", url)).toList()
            : List.of(entry, url);
        if (!entry.isBlank() && succeeds(command)) {
          return true;
        }
      }
    }
    try {
      if (!java.awt.GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
          && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        Desktop.getDesktop().browse(html.toUri());
        return true;
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // fall through to the command-line openers
    }
    return succeeds(List.of("xdg-open", url)) || succeeds(List.of("open", url));
  }

  /** Runs an opener and waits for it; false when it is not installed or fails. */
  private static boolean succeeds(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
