package io.jdvc.api;

import io.jdvc.AtomicFiles;
import io.jdvc.JdvcException;
import io.jdvc.experiments.ExpQueue;
import io.jdvc.experiments.ExpRef;
import io.jdvc.experiments.ExpState;
import io.jdvc.experiments.ExperimentCollector;
import io.jdvc.git.GitRefs;
import io.jdvc.git.GitRepo;
import io.jdvc.git.RevisionRef;
import io.jdvc.pipeline.PipelineStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The experiment commands besides {@code run}: {@code show}, {@code list}, {@code diff}, {@code apply},
 * {@code branch} and {@code remove}, over DVC's experiment refs. Exchange with Git remotes is
 * {@link ExpSyncOperation}.
 */
public final class Experiments {
  /** Where {@code exp apply} keeps what it overwrote; outside refs/exps/, which DVC reads as experiments. */
  public static final String APPLY_BACKUP_REF = "refs/jdvc/exp-apply/backup";

  private final Jdvc jdvc;
  private final GitRepo git;
  private final GitRefs refs;

  Experiments(Jdvc jdvc) {
    this.jdvc = jdvc;
    this.git = jdvc.requireGit("exp");
    this.refs = new GitRefs(git);
  }

  /** Which baselines: {@code --rev} (default HEAD) with {@code -n}, or all branches, tags, commits. */
  public record Scope(List<String> revs, int n, boolean allBranches, boolean allTags, boolean allCommits) {
    public static Scope head() {
      return new Scope(List.of(), 1, false, false, false);
    }
  }

  /** The baselines a scope names, each once, in order. */
  public List<RevisionRef> baselines(Scope scope) {
    Map<String, RevisionRef> out = new LinkedHashMap<>();
    if (scope.allCommits()) {
      // as DVC's list_all_commits: from HEAD, branches, remote branches and tags; experiments are no baselines
      git.allCommits(ref -> ref.startsWith("refs/heads/") || ref.startsWith("refs/remotes/")
          || ref.startsWith("refs/tags/")).forEach(r -> out.putIfAbsent(r.commitId(), r));
    }
    if (scope.allBranches()) {
      git.branches().forEach(r -> out.putIfAbsent(r.commitId(), r));
    }
    if (scope.allTags()) {
      git.tags().forEach(r -> out.putIfAbsent(r.commitId(), r));
    }
    if (out.isEmpty() || !scope.revs().isEmpty()) {
      List<String> revs = scope.revs().isEmpty() ? List.of("HEAD") : scope.revs();
      for (String rev : revs) {
        for (RevisionRef r : git.ancestry(rev, scope.n() < 0 ? Integer.MAX_VALUE : scope.n())) {
          out.putIfAbsent(r.commitId(), r);
        }
      }
    }
    RevisionRef head = git.head();
    Map<String, String> tagNames = new LinkedHashMap<>();
    git.tags().forEach(t -> tagNames.putIfAbsent(t.commitId(), t.name()));
    Map<String, String> branchNames = new LinkedHashMap<>();
    git.branches().forEach(b -> branchNames.putIfAbsent(b.commitId(), b.name()));
    List<RevisionRef> named = new ArrayList<>();
    for (RevisionRef r : out.values()) {
      if (r.name() != null && !r.name().equals("HEAD")) {
        named.add(r);
        continue;
      }
      // DVC's describe: HEAD's branch, else a tag, else a branch at that commit, else nothing
      String name = r.commitId().equals(head.commitId()) ? head.name() : null;
      name = name != null ? name : tagNames.getOrDefault(r.commitId(), branchNames.get(r.commitId()));
      named.add(new RevisionRef(r.commitId(), name, r.commitTime(), r.authorName(), r.authorEmail(), r.message()));
    }
    return named;
  }

  /** {@code exp show}: the workspace row, then each baseline with its experiments. */
  public record Table(ExpState workspace, List<ExpState.Baseline> baselines) {}

  public Table show(Scope scope) throws IOException {
    return show(scope, true, true);
  }

  /**
   * {@code exp show}: besides the experiment refs, each baseline lists the runs of the queue made on it that are
   * not experiments yet, as DVC lists its queue's: running ones first, then the recorded experiments (newest
   * first), then queued ones ({@code queued}) and failed ones ({@code failed}), each newest first.
   */
  public Table show(Scope scope, boolean queued, boolean failed) throws IOException {
    ExperimentCollector collector = new ExperimentCollector(git);
    ExpQueue queue = jdvc.expQueue().queue();
    List<ExpQueue.Entry> entries = new ArrayList<>(queue.entries());
    java.util.Collections.reverse(entries); // newest first
    List<ExpState.Baseline> rows = new ArrayList<>();
    for (RevisionRef b : baselines(scope)) {
      ExpState.Baseline recorded = collector.baseline(b);
      List<ExpState> running = new ArrayList<>();
      List<ExpState> waiting = new ArrayList<>();
      List<ExpState> broken = new ArrayList<>();
      for (ExpQueue.Entry e : entries) {
        if (!e.baseline().equals(b.commitId())) {
          continue;
        }
        switch (e.status()) {
          case RUNNING -> running.add(collector.queued(e, executor(queue, e, "running", "dvc-task")));
          case QUEUED -> {
            if (queued) {
              waiting.add(collector.queued(e, new ExpState.Executor("queued", "dvc-task", null, null, null, null,
                  e.id())));
            }
          }
          case FAILED -> {
            if (failed) {
              broken.add(collector.queued(e, executor(queue, e, "failed", null)));
            }
          }
          case SUCCESS -> { } // an experiment ref now, listed with the others
        }
      }
      List<ExpState> exps = new ArrayList<>(running);
      exps.addAll(recorded.experiments());
      exps.addAll(waiting);
      exps.addAll(broken);
      rows.add(new ExpState.Baseline(recorded.state(), exps));
    }
    return new Table(workspaceState(), rows);
  }

  /** A started run's executor: its copy, log, process (while it runs) and exit code, as DVC's LocalExpExecutor. */
  private static ExpState.Executor executor(ExpQueue queue, ExpQueue.Entry e, String state, String name) {
    Path root = queue.workDir(e);
    Path log = queue.log(e);
    Long pid = state.equals("running") ? queue.pids(e).map(ExpQueue.Pids::child).filter(p -> p > 0).orElse(null)
        : null;
    return new ExpState.Executor(state, name, Files.isDirectory(root) ? root.toString() : null,
        Files.exists(log) ? log.toString() : null, pid, e.returncode(), e.id());
  }

  /** The work tree's params, metrics, deps and outs. */
  public ExpState workspaceState() throws IOException {
    Set<String> pipelines = new LinkedHashSet<>();
    for (PipelineStage s : jdvc.index().stages()) {
      pipelines.add(jdvc.root().relativize(s.pipelineFile()).toString().replace('\\', '/'));
    }
    return ExperimentCollector.workspace(jdvc.root(), new ArrayList<>(pipelines));
  }

  /** The state of a revision or experiment name, or of the workspace for {@code null}/"workspace". */
  public ExpState state(String revOrName) throws IOException {
    if (revOrName == null || revOrName.equals("workspace")) {
      return workspaceState();
    }
    return new ExperimentCollector(git).atCommit(commitOf(revOrName), revOrName);
  }

  /** {@code exp list}: per baseline, its experiments (name → commit), newest first. */
  public Map<RevisionRef, Map<String, String>> list(Scope scope) {
    ExperimentCollector collector = new ExperimentCollector(git);
    Map<RevisionRef, Map<String, String>> out = new LinkedHashMap<>();
    for (RevisionRef b : baselines(scope)) {
      Map<String, String> exps = new LinkedHashMap<>();
      for (ExpRef r : collector.experimentsOf(b.commitId())) {
        exps.put(r.name(), refs.refValue(r.refName()).orElseThrow());
      }
      if (!exps.isEmpty()) {
        out.put(b, exps);
      }
    }
    return out;
  }

  /** {@code exp list GIT_REMOTE}: the experiment refs a remote has, grouped by baseline id. */
  public Map<String, List<String>> listRemote(String remote) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : refs.remoteRefs(remote, ExpRef.PREFIX).keySet()) {
      ExpRef.parse(name).ifPresent(r -> out.computeIfAbsent(r.baseline(), b -> new ArrayList<>()).add(r.name()));
    }
    return out;
  }

  /**
   * The experiment a user names, as DVC's {@code resolve_name} finds it: a full {@code refs/exps/...} ref, else
   * by name; several with that name → the one whose baseline is HEAD, else an ambiguity error.
   */
  public ExpRef resolve(String nameOrRef) {
    return find(nameOrRef).orElseThrow(() -> unknown(nameOrRef));
  }

  /** As {@link #resolve}, empty for an unknown name (an ambiguous one is still an error). */
  public java.util.Optional<ExpRef> find(String nameOrRef) {
    if (nameOrRef.startsWith("refs/")) {
      return ExpRef.parse(nameOrRef).filter(r -> refs.refValue(r.refName()).isPresent());
    }
    List<ExpRef> matches = new ArrayList<>();
    for (List<ExpRef> group : new ExperimentCollector(git).allExperiments().values()) {
      group.stream().filter(r -> r.name().equals(nameOrRef)).forEach(matches::add);
    }
    if (matches.isEmpty()) {
      return java.util.Optional.empty();
    }
    if (matches.size() > 1) {
      String head = git.head().commitId();
      return java.util.Optional.of(matches.stream().filter(r -> r.baseline().equals(head)).findFirst()
          .orElseThrow(() -> new JdvcException("Ambiguous name '" + nameOrRef + "' refers to experiments on "
              + "several baselines", "name it by its full ref, e.g. " + matches.get(0).refName())));
    }
    return java.util.Optional.of(matches.get(0));
  }

  /** The commit an experiment name, ref, or Git revision names (a branch or tag of that name wins, as in DVC). */
  public String commitOf(String revOrName) {
    // an experiment's name first: a name like 'cafe' could also abbreviate some commit's id
    JdvcException notAnExperiment;
    try {
      return refs.refValue(resolve(revOrName).refName()).orElseThrow();
    } catch (JdvcException e) {
      notAnExperiment = e;
    }
    try {
      return git.resolve(revOrName);
    } catch (JdvcException notARevision) {
      throw notAnExperiment; // says why the name is no experiment (unknown, or ambiguous across baselines)
    }
  }

  private static JdvcException unknown(String name) {
    return new JdvcException("'" + name + "' does not appear to be an experiment",
        "list experiments with 'jdvc exp list' (or 'jdvc exp list -A')");
  }

  /**
   * {@code exp apply}: writes every file of the experiment's commit into the work tree and checks out its data;
   * HEAD, the branch and the index stay. What it overwrites is saved first as a commit at {@link #APPLY_BACKUP_REF}.
   *
   * @return the experiment's commit
   */
  public String apply(String exp) throws IOException {
    String commit = commitOf(exp);
    Map<String, byte[]> files = git.filesAt(commit, p -> true);
    List<String> present = new ArrayList<>();
    for (String p : files.keySet()) {
      if (Files.isRegularFile(jdvc.root().resolve(p))) {
        present.add(p);
      }
    }
    String backup = refs.commitSnapshot(git.head().commitId(), present,
        "jdvc: work tree before applying experiment " + exp);
    refs.setRef(APPLY_BACKUP_REF, backup, "jdvc exp apply " + exp);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path target = jdvc.root().resolve(f.getKey());
      Files.createDirectories(target.getParent());
      AtomicFiles.write(target, f.getValue());
    }
    jdvc.checkout().force(true).call();
    return commit;
  }

  /** {@code exp branch}: a branch at the experiment's commit (default {@code <name>-branch}); no checkout. */
  public String branch(String exp, String branch) {
    ExpRef r = resolve(exp);
    String name = branch == null ? r.name() + "-branch" : branch;
    refs.createBranch(name, refs.refValue(r.refName()).orElseThrow(), "dvc: Created from experiment '"
        + r.name() + "'");
    return name;
  }

  /**
   * {@code exp rename}: moves the experiment's ref to the new name on the same baseline (DVC's {@code rename}:
   * the commit is unchanged). Returns the new ref.
   */
  public ExpRef rename(String exp, String newName, boolean force) {
    ExpRef old = resolve(exp);
    io.jdvc.experiments.ExpNames.validate(newName);
    ExpRef renamed = new ExpRef(old.baseline(), newName);
    if (renamed.equals(old)) {
      return old;
    }
    if (!force && refs.refValue(renamed.refName()).isPresent()) {
      throw new JdvcException("Experiment conflicts with existing experiment '" + newName + "'.",
          "use -f to replace it, or choose another name");
    }
    String commit = refs.refValue(old.refName()).orElseThrow();
    refs.setRef(renamed.refName(), commit, "dvc: rename experiment " + old.name());
    refs.deleteRef(old.refName());
    return renamed;
  }

  /**
   * {@code exp rename -g GIT_REMOTE}: renames the experiment on the Git remote (found there by name, as DVC's
   * {@code resolve_name} with a remote): the new ref is pushed at the same commit, then the old one deleted; local
   * refs stay as they are, as with {@code exp remove -g}. Returns the new ref.
   */
  public ExpRef renameRemote(String remote, String exp, String newName, boolean force) {
    Map<String, String> remoteRefs = refs.remoteRefs(remote, ExpRef.PREFIX);
    List<ExpRef> matches = new ArrayList<>();
    for (String r : remoteRefs.keySet()) {
      ExpRef.parse(r).filter(x -> x.name().equals(exp) || r.equals(exp)).ifPresent(matches::add);
    }
    if (matches.isEmpty()) {
      throw new JdvcException("'" + exp + "' does not appear to be an experiment on Git remote '" + remote + "'",
          "list them with 'jdvc exp list " + remote + "'");
    }
    String head = git.head().commitId();
    ExpRef old = matches.size() == 1 ? matches.get(0) : matches.stream().filter(r -> r.baseline().equals(head))
        .findFirst().orElseThrow(() -> new JdvcException("Ambiguous name '" + exp + "' refers to experiments on "
            + "several baselines of Git remote '" + remote + "'", "name it by its full ref, e.g. "
            + matches.get(0).refName()));
    io.jdvc.experiments.ExpNames.validate(newName);
    ExpRef renamed = new ExpRef(old.baseline(), newName);
    if (renamed.equals(old)) {
      return old;
    }
    if (!force && remoteRefs.containsKey(renamed.refName())) {
      throw new JdvcException("Experiment conflicts with existing experiment '" + newName + "'.",
          "use -f to replace it, or choose another name");
    }
    GitRefs.SyncStatus s = refs.moveRemote(remote, old.refName(), remoteRefs.get(old.refName()), renamed.refName(),
        force);
    if (s != GitRefs.SyncStatus.SUCCESS && s != GitRefs.SyncStatus.UP_TO_DATE) {
      throw new JdvcException("Git remote '" + remote + "' refused the experiment ref " + renamed.refName() + " ("
          + s.name().toLowerCase(java.util.Locale.ROOT) + "); nothing was renamed", "check that you may push "
          + "to it, or use -f to replace an experiment of that name");
    }
    return renamed;
  }

  /**
   * {@code exp remove NAME…}, as DVC's: each name's experiment ref (the commit stays until git gc) and its entries
   * in the queue that are not running. A name that matches neither is an error, and then nothing is removed.
   * Returns the names removed.
   */
  public List<String> remove(List<String> names, ExpQueue queue) throws IOException {
    List<ExpRef> found = new ArrayList<>();
    List<ExpQueue.Entry> entries = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String n : names) {
      java.util.Optional<ExpRef> r = find(n);
      List<ExpQueue.Entry> queued = queue.find(n).stream().filter(e -> e.status() != ExpQueue.Status.RUNNING)
          .toList();
      if (r.isEmpty() && queued.isEmpty()) {
        unknown.add(n);
      }
      r.ifPresent(found::add);
      entries.addAll(queued);
    }
    if (!unknown.isEmpty()) {
      throw new JdvcException(String.join(", ", unknown.stream().map(n -> "'" + n + "'").toList())
          + " does not appear to be an experiment; nothing was removed",
          "list experiments with 'jdvc exp list' and the queue with 'jdvc queue status'");
    }
    found.forEach(r -> refs.deleteRef(r.refName()));
    for (ExpQueue.Entry e : entries) {
      queue.remove(e);
    }
    return names;
  }

  /** {@code exp remove --queue}: every queued entry (not running, not finished); returns their names. */
  public List<String> removeQueued(ExpQueue queue) throws IOException {
    List<String> out = new ArrayList<>();
    for (ExpQueue.Entry e : queue.entries()) {
      if (e.status() == ExpQueue.Status.QUEUED) {
        queue.remove(e);
        out.add(e.name());
      }
    }
    return out;
  }

  /** {@code exp remove --rev/-A [--keep]}: every experiment of the scope (or all others with keep). */
  public List<ExpRef> removeAll(Scope scope, boolean all, List<String> keep) {
    Set<ExpRef> kept = new LinkedHashSet<>();
    for (String k : keep) {
      kept.add(resolve(k));
    }
    Set<String> baselines = new LinkedHashSet<>();
    if (!all) {
      baselines(scope).forEach(b -> baselines.add(b.commitId()));
    }
    List<ExpRef> removed = new ArrayList<>();
    for (Map.Entry<String, List<ExpRef>> e : new ExperimentCollector(git).allExperiments().entrySet()) {
      boolean inScope = all || baselines.contains(e.getKey());
      for (ExpRef r : e.getValue()) {
        boolean remove = keep.isEmpty() ? inScope : !kept.contains(r);
        if (remove) {
          refs.deleteRef(r.refName());
          removed.add(r);
        }
      }
    }
    return removed;
  }

  /** {@code exp remove -g REMOTE --rev/-A [--keep]}: as {@link #removeAll}, over the remote's experiment refs. */
  public List<String> removeAllRemote(String remote, Scope scope, boolean all, List<String> keep) {
    Set<String> baselines = new LinkedHashSet<>();
    if (!all) {
      baselines(scope).forEach(b -> baselines.add(b.commitId()));
    }
    List<String> targets = new ArrayList<>();
    for (String r : refs.remoteRefs(remote, ExpRef.PREFIX).keySet()) {
      ExpRef.parse(r).ifPresent(x -> {
        if (keep.isEmpty() ? all || baselines.contains(x.baseline()) : !keep.contains(x.name())) {
          targets.add(r);
        }
      });
    }
    refs.deleteRemote(remote, targets);
    return targets.stream().map(r -> ExpRef.parse(r).orElseThrow().name()).toList();
  }

  /** {@code exp remove -g REMOTE NAME…}: deletes the refs on the Git remote only. */
  public List<String> removeRemote(String remote, List<String> names) {
    Map<String, String> remoteRefs = refs.remoteRefs(remote, ExpRef.PREFIX);
    List<String> targets = new ArrayList<>();
    for (String n : names) {
      List<String> matching = remoteRefs.keySet().stream()
          .filter(r -> ExpRef.parse(r).map(x -> x.name().equals(n) || r.equals(n)).orElse(false)).toList();
      if (matching.isEmpty()) {
        throw new JdvcException("'" + n + "' does not appear to be an experiment on Git remote '" + remote + "'",
            "list them with 'jdvc exp list " + remote + "'");
      }
      targets.addAll(matching);
    }
    refs.deleteRemote(remote, targets);
    return targets.stream().map(r -> ExpRef.parse(r).orElseThrow().name()).toList();
  }
}
