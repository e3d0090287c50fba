package io.jdvc.cli;

import io.jdvc.api.AuditOperation;
import io.jdvc.api.AuditRecordOperation;
import io.jdvc.api.Jdvc;
import io.jdvc.audit.AuditReport;
import io.jdvc.cli.render.AuditRenderer;
import io.jdvc.cli.render.AuditValuesSection;
import io.jdvc.audit.ObjectFinding;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.LineageRenderer;
import io.jdvc.object.Oid;
import io.jdvc.registry.Lineage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"Check that the data of revisions is present and intact in the cache and on remotes.",
        "Exit codes: 0 all present (and intact with --deep), 3 some object missing, 4 some object corrupt"
            + " (corrupt wins over missing), 1 the audit itself failed."})
final class AuditCommand extends RepoCommand {
  @Parameters(arity = "0..*", paramLabel = "REV", description = "Revisions to audit (default: HEAD): a branch, tag"
      + " or commit, an experiment name, or a registry reference (model@v1.2.0, model#prod), whose lineage (the"
      + " stages, data, params and metrics that made it) is reported too.")
  List<String> revisions = List.of();

  @Option(names = {"-a", "--all-branches"}, description = "Audit the tip of every branch.")
  boolean allBranches;

  @Option(names = {"-T", "--all-tags"}, description = "Audit every tag.")
  boolean allTags;

  @Option(names = {"-A", "--all-commits"}, description = "Audit every commit.")
  boolean allCommits;

  @Option(names = {"-r", "--remote"}, paramLabel = "NAME",
      description = "Remote to audit; repeatable (default: core.remote, if set).")
  List<String> remotes = List.of();

  @Option(names = "--all-remotes", description = "Audit every configured remote (instead of -r or the default).")
  boolean allRemotes;

  @Option(names = "--deep", description = "Stream and re-hash every object (MD5 and the SHA-256 record).")
  boolean deep;

  @Option(names = "--run-cache", description = "Also audit the run cache: every entry in the cache and on the"
      + " remotes must parse and hash to its names, be on every remote, and have the objects it names.")
  boolean runCache;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel checks per store.")
  Integer jobs;

  @ArgGroup(exclusive = true)
  Format format = new Format();

  static final class Format {
    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--markdown", description = "Print the report as Markdown, for a review.")
    boolean markdown;
  }

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE.")
  Path output;

  @Option(names = "--record",
      description = "Instead of auditing, add the SHA-256 of the workspace's cached objects to "
          + ".dvc/objects.sha256 and stage it.")
  boolean record;

  @Override
  public Integer call() throws Exception {
    OptionChecks.atLeastOne(spec, "-j|--jobs", jobs);
    if (record) {
      requireAloneWithRecord();
    }
    try (Jdvc jdvc = open()) {
      if (record) {
        AuditRecordOperation.Result r = jdvc.auditRecord().call();
        say("Recorded SHA-256 of " + r.result().added() + " object(s) in .dvc/objects.sha256 ("
            + r.result().alreadyRecorded() + " already recorded, " + r.result().notInCache() + " not in the cache, "
            + r.entries() + " entries in all).");
        if (!r.result().corrupt().isEmpty()) {
          err().println("ERROR: " + r.result().corrupt().size() + " cached object(s) do not match their hash and"
              + " were not recorded: " + r.result().corrupt());
          err().flush();
          return ExitCode.AUDIT_CORRUPT;
        }
        adviseGitAdd(r.unstaged());
        return ExitCode.OK;
      }
      if (allRemotes && !remotes.isEmpty()) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--all-remotes cannot be combined with -r|--remote");
      }
      AuditOperation op = jdvc.audit().revisions(revisions).allBranches(allBranches).allTags(allTags)
          .allCommits(allCommits).remotes(remotes).allRemotes(allRemotes).deep(deep).runCache(runCache)
          .jobs(jobs == null ? 0 : jobs);
      AuditReport report = op.call();
      List<AuditOperation.NamedLineage> lineages = op.lineages();
      int code = exitCode(report);
      String text;
      if (format.json) {
        Map<String, Object> m = AuditRenderer.json(report, code);
        m.put("lineage", lineageJson(report, lineages));
        text = Json.write(m);
      } else if (format.markdown) {
        text = AuditRenderer.markdown(report, code) + lineageText(report, lineages, true)
            + valuesSection(jdvc, report);
      } else {
        text = AuditRenderer.text(report, code) + lineageText(report, lineages, false);
      }
      if (output != null) {
        Path target = root().workingDirectory().resolve(output);
        Files.writeString(target, text, StandardCharsets.UTF_8);
        if (!quiet()) {
          err().println("Wrote the audit report to " + target);
          err().flush();
        }
      } else if (!quiet() || format.json) {
        out().print(text);
        out().flush();
      }
      return code;
    }
  }

  /** --record records the workspace's cached objects; it takes none of the audit's scope or report options. */
  private void requireAloneWithRecord() {
    String conflict = !revisions.isEmpty() ? "a revision (" + revisions.get(0) + ")"
        : allBranches ? "-a|--all-branches" : allTags ? "-T|--all-tags" : allCommits ? "-A|--all-commits"
        : !remotes.isEmpty() ? "-r|--remote" : allRemotes ? "--all-remotes" : deep ? "--deep" : runCache ? "--run-cache" : jobs != null ? "-j|--jobs"
        : format.json ? "--json" : format.markdown ? "--markdown" : output != null ? "-o|--output" : null;
    if (conflict != null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--record cannot be combined with "
          + conflict + ": it records the SHA-256 of the workspace's cached objects, and audits nothing");
    }
  }

  /** Per named experiment or model: what it is, where its bytes are, and the stages, params, metrics behind it. */
  private static String lineageText(AuditReport report, List<AuditOperation.NamedLineage> lineages,
      boolean markdown) {
    StringBuilder b = new StringBuilder();
    for (AuditOperation.NamedLineage n : lineages) {
      Lineage.Report l = n.report();
      b.append(markdown ? "\n### Lineage of " : "\nLineage of ").append(n.revision().spec())
          .append(l.version() == null || n.revision().spec().endsWith("@" + l.version()) ? "" : " (" + l.version()
              + ")").append(l.path() == null ? "" : " = " + l.path()).append(" at commit ").append(l.commit())
          .append(markdown ? "\n\n```\n" : "\n");
      if (l.path() != null) {
        b.append("  md5: ").append(l.oid() == null ? "- (not recorded at that commit)" : l.oid());
        ObjectFinding f = l.oid() == null ? null : report.objects().get(Oid.parse(l.oid()));
        if (f != null) {
          report.stores().forEach(s -> b.append("  ").append(s).append(": ").append(f.state(s).label()));
        }
        b.append('\n');
      }
      b.append(LineageRenderer.text(l, "  ")).append(markdown ? "```\n" : "");
    }
    return b.toString();
  }

  private static List<Object> lineageJson(AuditReport report, List<AuditOperation.NamedLineage> lineages) {
    List<Object> out = new ArrayList<>();
    for (AuditOperation.NamedLineage n : lineages) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("revision", n.revision().spec());
      m.put("kind", n.revision().kind().name().toLowerCase(java.util.Locale.ROOT));
      m.putAll(LineageRenderer.json(n.report()));
      ObjectFinding f = n.report().oid() == null ? null : report.objects().get(Oid.parse(n.report().oid()));
      Map<String, Object> states = new LinkedHashMap<>();
      if (f != null) {
        report.stores().forEach(s -> states.put(s, f.state(s).label()));
      }
      m.put("stores", f == null ? null : states);
      out.add(m);
    }
    return out;
  }

  /** Corrupt wins: bytes that are present but wrong point at tampering or rot, which needs a human first. */
  static int exitCode(AuditReport report) {
    if (report.anyCorrupt()) {
      return ExitCode.AUDIT_CORRUPT;
    }
    if (report.anyMissing()) {
      return ExitCode.AUDIT_MISSING;
    }
    return ExitCode.OK;
  }

  /** The params and metrics of each audited revision, so the report names data, parameters and results. */
  private static String valuesSection(Jdvc jdvc, AuditReport report) {
    List<String> labels = new ArrayList<>();
    List<String> commits = new ArrayList<>();
    for (io.jdvc.audit.RevisionAudit rev : report.revisions()) {
      labels.add((rev.revision().name() == null ? "" : rev.revision().name() + " ") + "`"
          + rev.revision().shortId() + "`");
      commits.add(rev.revision().commitId());
    }
    return AuditValuesSection.markdown(labels, jdvc.paramsAndMetrics().revisions(commits).call());
  }
}
