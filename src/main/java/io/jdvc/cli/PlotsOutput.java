package io.jdvc.cli;

import io.jdvc.api.PlotsOperation;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.PlotsRenderer;
import java.awt.Desktop;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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

  @Option(names = "--targets", arity = "1..*", paramLabel = "PLOT",
      description = "Draw only these plots (a data file or a plot name from dvc.yaml).")
  List<Path> targets = new ArrayList<>();

  int run(PlotsOperation operation, PrintWriter stdout, PrintWriter stderr) throws IOException {
    PlotsOperation.PlotsResult result = operation.targets(targets).output(out).writeHtml(!json).pull(pull).call();
    if (json) {
      stdout.print(Json.write(PlotsRenderer.json(result)));
      stdout.flush();
      return ExitCode.OK;
    }
    Path html = result.html();
    stdout.println(html.toUri());
    stdout.flush();
    if (open && !openInBrowser(html)) {
      stderr.println("WARNING: could not open a browser here (no desktop and no xdg-open); open " + html
          + " yourself");
      stderr.flush();
    }
    return ExitCode.OK;
  }

  /** Java's Desktop API where there is a desktop, else {@code xdg-open} (Linux) or {@code open} (macOS). */
  private static boolean openInBrowser(Path html) {
    try {
      if (!java.awt.GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
          && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        Desktop.getDesktop().browse(html.toUri());
        return true;
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // fall through to the command-line openers
    }
    for (String opener : List.of("xdg-open", "open")) {
      try {
        Process p = new ProcessBuilder(opener, html.toString()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor() == 0;
      } catch (IOException e) {
        // not installed: try the next
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

}
