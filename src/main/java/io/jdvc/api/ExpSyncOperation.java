package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.experiments.ExpRef;
import io.jdvc.git.GitRefs;
import io.jdvc.git.GitRepo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code exp push} and {@code exp pull}: each experiment ref to or from the same name on a Git remote (one refspec
 * per experiment, as DVC pushes them), then the data of the experiment commits (their {@code .dvc} and
 * {@code dvc.lock} outputs) to or from the DVC remote, unless {@code --no-cache}. Pull fetches data into the cache
 * only; the workspace is untouched.
 */
public final class ExpSyncOperation {
  private final Jdvc jdvc;
  private final boolean push;
  private String gitRemote;
  private List<String> names = List.of();
  private boolean all;
  private List<String> revs = List.of();
  private boolean force;
  private boolean noCache;
  private boolean runCache;
  private String dvcRemote;
  private Integer jobs;

  ExpSyncOperation(Jdvc jdvc, boolean push) {
    this.jdvc = jdvc;
    this.push = push;
  }

  public ExpSyncOperation gitRemote(String value) {
    this.gitRemote = value;
    return this;
  }

  public ExpSyncOperation names(List<String> value) {
    this.names = List.copyOf(value);
    return this;
  }

  /** {@code -A}: every experiment. */
  public ExpSyncOperation all(boolean value) {
    this.all = value;
    return this;
  }

  /** {@code --rev}: the experiments of these baselines (default, without names: HEAD's). */
  public ExpSyncOperation revs(List<String> value) {
    this.revs = List.copyOf(value);
    return this;
  }

  /** {@code -f}: overwrite a diverged ref on the other side. */
  public ExpSyncOperation force(boolean value) {
    this.force = value;
    return this;
  }

  public ExpSyncOperation noCache(boolean value) {
    this.noCache = value;
    return this;
  }

  /** {@code --run-cache}: also the run cache (DVC's default: off). */
  public ExpSyncOperation runCache(boolean value) {
    this.runCache = value;
    return this;
  }

  /** {@code -r}: the DVC remote for the data. */
  public ExpSyncOperation dvcRemote(String value) {
    this.dvcRemote = value;
    return this;
  }

  public ExpSyncOperation jobs(Integer value) {
    this.jobs = value;
    return this;
  }

  /**
   * What happened: per experiment name its Git sync status, and the data transfer (null with no-cache or when
   * nothing was synced).
   */
  public record Result(Map<String, GitRefs.SyncStatus> refs, TransferResult data) {}

  public Result call() throws IOException {
    GitRepo git = jdvc.requireGit(push ? "exp push" : "exp pull");
    GitRefs refs = new GitRefs(git);
    Map<String, String> selected = push ? localSelection(git, refs) : remoteSelection(git, refs);
    if (selected.isEmpty()) {
      return new Result(Map.of(), null);
    }
    Map<String, GitRefs.SyncStatus> status = push ? refs.push(gitRemote, selected.keySet(), force)
        : refs.fetch(gitRemote, selected.keySet(), force);
    Map<String, GitRefs.SyncStatus> byName = new LinkedHashMap<>();
    List<String> commits = new ArrayList<>();
    for (Map.Entry<String, String> e : selected.entrySet()) {
      GitRefs.SyncStatus s = status.getOrDefault(e.getKey(), GitRefs.SyncStatus.UP_TO_DATE);
      byName.put(ExpRef.parse(e.getKey()).orElseThrow().name(), s);
      if (s == GitRefs.SyncStatus.SUCCESS || s == GitRefs.SyncStatus.UP_TO_DATE) {
        commits.add(e.getValue());
      }
    }
    TransferResult data = null;
    if (!noCache && !commits.isEmpty()) {
      data = push ? jdvc.push().revisions(commits).skipWorkspace(true).remote(dvcRemote).jobs(jobs)
          .runCache(runCache).call()
          : jdvc.fetch().revisions(commits).skipWorkspace(true).remote(dvcRemote).jobs(jobs).runCache(runCache).call();
    }
    return new Result(byName, data);
  }

  /** Local experiment refs to push: by name, all, or those of the baselines (HEAD by default). */
  private Map<String, String> localSelection(GitRepo git, GitRefs refs) {
    Map<String, String> out = new LinkedHashMap<>();
    Experiments exps = jdvc.experiments();
    if (!names.isEmpty()) {
      for (String n : names) {
        ExpRef r = exps.resolve(n);
        out.put(r.refName(), refs.refValue(r.refName()).orElseThrow());
      }
      return out;
    }
    for (GitRefs.RefTip tip : refs.refsUnder(ExpRef.PREFIX)) {
      ExpRef.parse(tip.name()).ifPresent(r -> {
        if (all || baselines(git).contains(r.baseline())) {
          out.put(tip.name(), tip.commitId());
        }
      });
    }
    return out;
  }

  /** The remote's experiment refs to pull: names resolved on the remote, all, or those of the baselines. */
  private Map<String, String> remoteSelection(GitRepo git, GitRefs refs) {
    Map<String, String> remote = refs.remoteRefs(gitRemote, ExpRef.PREFIX);
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : remote.entrySet()) {
      ExpRef.parse(e.getKey()).ifPresent(r -> {
        boolean chosen = !names.isEmpty() ? names.contains(r.name()) || names.contains(e.getKey())
            : all || baselines(git).contains(r.baseline());
        if (chosen) {
          out.put(e.getKey(), e.getValue());
        }
      });
    }
    for (String n : names) {
      if (out.keySet().stream().noneMatch(k -> k.endsWith("/" + n) || k.equals(n))) {
        throw new JdvcException("'" + n + "' does not appear to be an experiment on Git remote '" + gitRemote + "'",
            "list them with 'jdvc exp list " + gitRemote + "'");
      }
    }
    return out;
  }

  private Set<String> baselines(GitRepo git) {
    Set<String> out = new LinkedHashSet<>();
    for (String r : revs.isEmpty() ? List.of("HEAD") : revs) {
      out.add(git.resolve(r));
    }
    return out;
  }
}
