package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.Sizes;
import io.jdvc.cli.render.TextTable;
import io.jdvc.tables.CatalogEntry;
import io.jdvc.tables.DataQuality;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = "List every output a revision tracks (.dvc files and dvc.lock stages) with its description, type, "
        + "labels, meta, size, producing stage, last commit, whether the remote has it, and its rows and columns "
        + "where profiled.")
final class CatalogCommand extends RepoCommand {
  @Option(names = "--rev", paramLabel = "REV", description = "The revision to describe (default: HEAD).")
  String rev;

  @Option(names = {"-A", "--all-commits"}, description = "Every output any commit tracks, each described by the "
      + "newest commit that tracks it (outputs no longer tracked included).")
  boolean allCommits;

  @Option(names = "--type", paramLabel = "T", description = "Only outputs of this type (e.g. dataset, model).")
  String type;

  @Option(names = "--label", paramLabel = "L", description = "Only outputs with this label.")
  String label;

  @Option(names = "--offline", description = "Do not ask the default remote which outputs it holds.")
  boolean offline;

  @Mixin DataOutput output;

  @Override
  public Integer call() throws Exception {
    if (allCommits && rev != null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rev and --all-commits exclude each "
          + "other");
    }
    try (Jdvc jdvc = open(); DataQuality dq = jdvc.data()) {
      List<CatalogEntry> entries = new ArrayList<>();
      for (CatalogEntry e : allCommits ? dq.catalogAllCommits(!offline) : dq.catalog(rev == null ? "HEAD" : rev,
          !offline)) {
        if ((type == null || type.equals(e.type())) && (label == null || e.labels() != null
            && e.labels().contains(label))) {
          entries.add(e);
        }
      }
      if (output.json()) {
        List<Object> rows = new ArrayList<>();
        for (CatalogEntry e : entries) {
          rows.add(Json.object("path", e.path(), "pointer", e.pointer(), "stage", e.stage(), "md5", e.md5(), "size",
              e.size(), "nfiles", e.nfiles(), "desc", e.desc(), "type", e.type(), "labels", e.labels(), "meta",
              e.meta(), "artifact", e.artifact(), "last_commit", e.lastCommit() == null ? null : Json.object("commit",
                  e.lastCommit().commitId(), "author", e.lastCommit().authorName(), "date",
                  e.lastCommit().commitTime().toString(), "subject", e.lastCommit().subject()), "on_remote",
              e.onRemote(), "rows", e.rows(), "columns", e.columns()));
        }
        out().print(Json.write(rows));
      } else {
        TextTable t = new TextTable("path", "type", "size", "files", "rows×cols", "stage", "last commit",
            "remote", "labels", "desc");
        for (CatalogEntry e : entries) {
          t.row(e.path(), e.type(), e.size() == null ? "" : Sizes.human(e.size()), e.nfiles(), e.rows() == null ? ""
              : e.rows() + "×" + e.columns(), e.stage(), e.lastCommit() == null ? "" : e.lastCommit().shortId() + " "
                  + e.lastCommit().commitTime().toString().substring(0, 10) + " " + e.lastCommit().authorName(),
              e.onRemote() == null ? "" : e.onRemote() ? "yes" : "no", e.labels() == null ? "" : String.join(",",
                  e.labels()), e.desc());
        }
        out().print(output.md() ? t.markdown() : t.text());
      }
      out().flush();
      return ExitCode.OK;
    }
  }
}
