package io.jdvc.cli;

import io.jdvc.api.GcPlan;
import io.jdvc.api.GcResult;
import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.Sizes;
import io.jdvc.git.RevisionRef;
import io.jdvc.object.Oid;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "gc", mixinStandardHelpOptions = true,
    description = {"Remove cached (and with -c, remote) objects that no revision in scope references.",
        "The workspace is always kept. Asks before deleting; -f skips the question; off a terminal, -f is required."})
final class GcCommand extends RepoCommand {
  @Option(names = {"-w", "--workspace"}, description = "Keep only what the workspace references (always kept).")
  boolean workspace;

  @Option(names = {"-a", "--all-branches"}, description = "Keep data of every branch tip.")
  boolean allBranches;

  @Option(names = {"-T", "--all-tags"}, description = "Keep data of every tag.")
  boolean allTags;

  @Option(names = {"-A", "--all-commits"}, description = "Keep data of every commit.")
  boolean allCommits;

  @Option(names = "--rev", paramLabel = "REV", description = "Keep data of REV (and -n N-1 ancestors); repeatable.")
  List<String> revs = new ArrayList<>();

  @Option(names = {"-n", "--num"}, paramLabel = "N", description = "With --rev: keep N commits per revision.")
  Integer num;

  @Option(names = {"-c", "--cloud"}, description = "Also delete unreferenced objects from the remote.")
  boolean cloud;

  @Option(names = {"-r", "--remote"}, paramLabel = "NAME", description = "The remote for -c (default: core.remote).")
  String remote;

  @Option(names = "--dry", description = "Delete nothing; print what would be removed.")
  boolean dry;

  @Option(names = {"-p", "--projects"}, arity = "1..*", paramLabel = "DIR",
      description = {"Keep data files required by these projects in addition to the current one (same scope, cache",
          "and remote). Needed when the cache is outside the repository, as a shared cache is."})
  List<java.nio.file.Path> projects = new ArrayList<>();

  @Option(names = "--no-other-projects",
      description = "The cache is outside the repository, but no other project uses it: gc it without -p.")
  boolean noOtherProjects;

  @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation.")
  boolean force;

  @Option(names = "--json", description = "Print the plan and what was removed as one JSON object (needs -f or --dry:"
      + " there is no prompt).")
  boolean json;

  private boolean refused;

  @Override
  public Integer call() throws Exception {
    if (!workspace && !allBranches && !allTags && !allCommits && revs.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Either of -w|--workspace, -a|--all-branches, "
          + "-T|--all-tags, -A|--all-commits or --rev needs to be set.");
    }
    if (num != null && revs.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "-n|--num can only be used with --rev");
    }
    if (noOtherProjects && !projects.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--no-other-projects contradicts -p|--projects");
    }
    OptionChecks.atLeastOne(spec, "-n|--num", num);
    if (json && !force && !dry) {
      throw new ParameterException(spec.commandLine(), "--json needs -f or --dry: gc cannot ask for confirmation "
          + "while it prints JSON");
    }
    try (Jdvc jdvc = open()) {
      GcResult r = jdvc.gc().allBranches(allBranches).allTags(allTags).allCommits(allCommits).revs(revs)
          .num(num == null ? 1 : num).cloud(cloud).remote(remote).dryRun(dry).projects(projects)
          .noOtherProjects(noOtherProjects).call(this::confirm);
      GcPlan plan = r.plan();
      if (r.staleRemoteTemps() > 0 && !json) {
        say("Removed " + r.staleRemoteTemps() + " temporary file(s) of interrupted uploads (older than a day) from "
            + "remote '" + plan.remoteName() + "'.");
      }
      if (json) {
        out().print(Json.write(toJson(r)));
        out().flush();
        return ExitCode.OK;
      }
      if (plan.isEmpty()) {
        say("Nothing to remove: every object in the cache" + (cloud ? " and on remote '" + plan.remoteName() + "'"
            : "") + " is referenced (" + plan.used() + " object(s) in use).");
        if (plan.projects().size() > 1) {
          say(projects(plan));
        }
        return ExitCode.OK;
      }
      if (r.dryRun()) {
        if (!quiet()) {
          summary(plan);
        }
        // the list is a dry run's result: printed even with -q, like a query's
        for (Oid oid : plan.local()) {
          out().println("would remove from cache: " + oid);
        }
        for (Oid oid : plan.remote()) {
          out().println("would remove from remote '" + plan.remoteName() + "': " + oid);
        }
        out().flush();
        say("Dry run: nothing was removed.");
        return ExitCode.OK;
      }
      if (!r.performed()) {
        if (refused) {
          err().println("ERROR: gc needs confirmation, but there is no terminal to ask on");
          err().println("hint: check the summary above with --dry, then run again with -f");
        } else {
          err().println("Aborted: nothing was removed.");
        }
        err().flush();
        return ExitCode.ERROR;
      }
      say("Removed " + r.deletedLocal() + " object(s) (" + Sizes.human(plan.localBytes()) + ") from the cache"
          + (cloud ? " and " + r.deletedRemote() + " (" + Sizes.human(plan.remoteBytes()) + ") from remote '"
              + plan.remoteName() + "'" : "") + ".");
      return ExitCode.OK;
    }
  }

  private boolean confirm(GcPlan plan) {
    if (force) {
      if (json) {
        refs(plan.incompleteLocal(), "would no longer have complete data in the cache:");
        refs(plan.incompleteRemote(), "would lose data on remote '" + plan.remoteName() + "' FOR GOOD:");
      } else if (!quiet()) {
        summary(plan);
      }
      return true;
    }
    summary(plan);
    if (System.console() == null) {
      refused = true;
      return false;
    }
    out().print("Are you sure you want to proceed? [y/n] ");
    out().flush();
    try {
      String answer = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
      return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /**
   * The plan; warnings go to stderr as every command's do. Printed even with -q when the user is asked to confirm
   * it; -q with -f or --dry leaves it out.
   */
  private void summary(GcPlan plan) {
    out().println("Scope: workspace" + (plan.scope().isEmpty() ? "" : " + " + plan.scope().size() + " commit(s)")
        + "; " + plan.used() + " object(s) in use.");
    if (plan.projects().size() > 1) {
      out().println(projects(plan));
    }
    out().println("To remove from the cache: " + plan.local().size() + " object(s), "
        + Sizes.human(plan.localBytes()) + ".");
    if (plan.remoteName() != null) {
      out().println("To remove from remote '" + plan.remoteName() + "': " + plan.remote().size() + " object(s), "
          + Sizes.human(plan.remoteBytes()) + ".");
      if (plan.projects().size() == 1 && !plan.remote().isEmpty()) {
        out().println("Note: only this project's data is kept on remote '" + plan.remoteName() + "'; if other projects"
            + " push there, name them with -p.");
      }
    }
    refs(plan.incompleteLocal(), "would no longer have complete data in the cache:");
    refs(plan.incompleteRemote(), "would lose data on remote '" + plan.remoteName() + "' FOR GOOD:");
    out().flush();
  }

  /** The plan and its outcome for scripts: docs/json-output.md. */
  private static Map<String, Object> toJson(GcResult r) {
    GcPlan plan = r.plan();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("dry_run", r.dryRun());
    root.put("performed", r.performed());
    root.put("scope_commits", plan.scope().size());
    root.put("in_use", plan.used());
    List<String> roots = new ArrayList<>();
    plan.projects().forEach(p -> roots.add(p.toString()));
    root.put("projects", roots);
    root.put("cache", store(plan.local(), plan.localBytes(), r.deletedLocal(), plan.incompleteLocal()));
    if (plan.remoteName() != null) {
      Map<String, Object> remote = store(plan.remote(), plan.remoteBytes(), r.deletedRemote(),
          plan.incompleteRemote());
      remote.put("name", plan.remoteName());
      remote.put("stale_temps_removed", r.staleRemoteTemps());
      root.put("remote", remote);
    } else {
      root.put("remote", null);
    }
    return root;
  }

  private static Map<String, Object> store(List<Oid> toRemove, long bytes, int removed,
      List<RevisionRef> incomplete) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("to_remove", toRemove.stream().map(Oid::value).toList());
    m.put("bytes", bytes);
    m.put("removed", removed);
    List<Object> refs = new ArrayList<>();
    for (RevisionRef ref : incomplete) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("name", ref.name());
      x.put("commit", ref.commitId());
      refs.add(x);
    }
    m.put("incomplete_refs", refs);
    return m;
  }

  private static String projects(GcPlan plan) {
    List<String> roots = new ArrayList<>();
    plan.projects().forEach(p -> roots.add(p.toString()));
    return "Projects: " + roots.get(0) + " (this one), " + String.join(", ", roots.subList(1, roots.size())) + ".";
  }

  private void refs(List<RevisionRef> refs, String what) {
    if (refs.isEmpty()) {
      return;
    }
    err().println("WARNING: these branches and tags " + what);
    for (RevisionRef r : refs) {
      err().println("\t" + r.name() + " (" + r.shortId() + ")");
    }
    err().flush();
  }
}
