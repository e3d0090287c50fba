package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import-url", mixinStandardHelpOptions = true,
    description = {"Track a file from outside any repository (a local path, http:// or https://): the .dvc file "
        + "records its checksum so that 'update' can tell when it changed.", "Exit codes: 0 done, 1 failed."})
final class ImportUrlCommand extends RepoCommand {
  @Parameters(index = "0", paramLabel = "URL", description = "A local path, or an http(s) URL.")
  String url;

  @Parameters(index = "1", arity = "0..1", paramLabel = "OUT", description = "Where to put it (default: its name).")
  Path out;

  @Option(names = {"-f", "--force"}, description = "Replace an existing output and its .dvc file.")
  boolean force;

  @Option(names = "--no-download", description = "Write the .dvc file only; 'jdvc update' downloads the data later.")
  boolean noDownload;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      ImportCommand.report(this, List.of(jdvc.importUrl().url(url).out(out).noDownload(noDownload).force(force)
          .call()), json, "Importing");
      return ExitCode.OK;
    }
  }
}
