package io.jdvc.cli;

import io.jdvc.api.ImportOperation;
import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.git.RepoClones;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Track data of another DVC repository here: write an import .dvc file (DVC's format, with the "
        + "source URL and the commit in rev_lock) and download the data.",
        "Exit codes: 0 done, 1 failed (nothing written when the data cannot be fetched)."})
final class ImportCommand extends RepoCommand {
  @Parameters(index = "0", paramLabel = "URL", description = "Git URL of the repository (a path, file://, https://).")
  String url;

  @Parameters(index = "1", paramLabel = "PATH", description = "Path of the data in that repository.")
  String path;

  @Option(names = {"-o", "--out"}, paramLabel = "OUT", description = "Where to put it (default: PATH's last name).")
  Path out;

  @Option(names = "--rev", paramLabel = "REV",
      description = "Branch, tag or commit of the repository; recorded, so 'update' follows it.")
  String rev;

  @Option(names = {"-f", "--force"}, description = "Replace an existing output and its .dvc file.")
  boolean force;

  @picocli.CommandLine.Mixin ImportDownloadOptions download = new ImportDownloadOptions();

  @Override
  public Integer call() throws Exception {
    OptionChecks.atLeastOne(spec, "-j|--jobs", download.jobs);
    try (Jdvc jdvc = open()) {
      ImportOperation op = jdvc.importData().url(url).path(path).out(out).rev(rev).noDownload(download.noDownload)
          .force(force);
      if (download.jobs != null) {
        op.jobs(download.cappedJobs());
      }
      report(this, List.of(op.call()), download.json, "Importing");
      return ExitCode.OK;
    }
  }

  /** Shared with update: one line per import, or JSON. */
  static void report(RepoCommand cmd, List<ImportOperation.Result> results, boolean json, String verb) {
    if (json) {
      List<Object> rows = new java.util.ArrayList<>();
      for (ImportOperation.Result r : results) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", r.path());
        m.put("dvc_file", r.dvcFile());
        m.put("url", r.url());
        m.put("rev_lock", r.revLock());
        m.put("md5", r.oid() == null ? null : r.oid().value());
        m.put("changed", r.changed());
        m.put("downloaded", r.downloaded());
        rows.add(m);
      }
      cmd.out().print(Json.write(rows));
      cmd.out().flush();
      return;
    }
    List<String> unstaged = new java.util.ArrayList<>();
    for (ImportOperation.Result r : results) {
      cmd.say(verb + " '" + r.path() + "' from " + RepoClones.shown(r.url())
          + (r.revLock() == null ? "" : " at " + r.revLock().substring(0, 7))
          + (r.changed() ? "" : " (unchanged)") + (r.downloaded() ? "" : " (not downloaded)"));
      unstaged.addAll(r.unstaged());
    }
    cmd.adviseGitAdd(unstaged);
  }
}
