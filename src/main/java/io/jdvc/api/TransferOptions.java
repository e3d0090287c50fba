package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.git.GitRepo;
import io.jdvc.git.RevisionRef;
import io.jdvc.pipeline.LockFile;
import io.jdvc.pipeline.PipelineFile;
import io.jdvc.pipeline.PipelineFileLoader;
import io.jdvc.pipeline.PipelineStage;
import io.jdvc.pipeline.RepoIndex;
import io.jdvc.pipeline.Stage;
import io.jdvc.pointer.DvcFile;
import io.jdvc.pointer.Output;
import io.jdvc.repo.RepoLayout;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What push, fetch, pull and {@code status -c} share: targets, remote, jobs and the revision scope
 * ({@code -a}, {@code -T}, {@code --all-commits}), and the resolution of all that into outputs.
 */
final class TransferOptions {
  List<Path> targets = List.of();
  String remote;
  Integer jobs;
  boolean allBranches;
  boolean allTags;
  boolean allCommits;
  String glob;
  /** {@code --run-cache}: also move DVC's run cache ({@code runs/}) and the objects its runs name. */
  boolean runCache;
  /** Commits whose outputs (of .dvc files and dvc.lock) are also selected: exp push/pull's experiment commits. */
  List<String> revisions = List.of();
  /** Leave out the workspace's own outputs (exp push/pull move only the experiments' data). */
  boolean skipWorkspace;

  void copyFrom(TransferOptions o) {
    revisions = o.revisions;
    skipWorkspace = o.skipWorkspace;
    targets = o.targets;
    remote = o.remote;
    jobs = o.jobs;
    allBranches = o.allBranches;
    allTags = o.allTags;
    allCommits = o.allCommits;
    glob = o.glob;
    runCache = o.runCache;
  }

  /** The selected outputs: the workspace's pointers plus those of every revision in scope, deduplicated. */
  List<TrackedOutput> outputs(Jdvc jdvc) throws IOException {
    Workspace ws = jdvc.workspace();
    Path cwd = jdvc.resolve(Path.of(""));
    Map<String, TrackedOutput> byObject = new LinkedHashMap<>();
    if (!skipWorkspace) {
      for (TrackedOutput o : Targets.select(jdvc.index(), targets, jdvc)) {
        byObject.putIfAbsent(key(o), o);
      }
    }
    for (String rev : revisions) {
      for (TrackedOutput o : Targets.select(outputsWithLocksAt(jdvc, rev), targets, jdvc.root(), cwd, true)) {
        byObject.putIfAbsent(key(o), o);
      }
    }
    for (String rev : revisions(jdvc)) {
      for (TrackedOutput o : Targets.select(outputsAt(jdvc, rev), targets, jdvc.root(), cwd, true)) {
        byObject.putIfAbsent(key(o), o);
      }
    }
    return byObject.values().stream().filter(o -> o.output().md5() != null && o.output().usesCache()).toList();
  }

  /**
   * The outputs whose objects belong on this project's remotes, as DVC's {@code Output.get_used_objs(push=True)}
   * selects them: neither {@code push: false} nor imported from another repository.
   */
  static List<TrackedOutput> pushable(List<TrackedOutput> outputs) {
    return outputs.stream().filter(o -> o.output().canPush() && !isRepoImport(o)).toList();
  }

  static boolean isRepoImport(TrackedOutput o) {
    return o.isRepoImport();
  }

  private static String key(TrackedOutput o) {
    return o.repoPath() + "\0" + o.output().md5();
  }

  private Set<String> revisions(Jdvc jdvc) {
    Set<String> revs = new LinkedHashSet<>();
    if (!allBranches && !allTags && !allCommits) {
      return revs;
    }
    GitRepo git = jdvc.git().orElseThrow(() -> new JdvcException("-a, -T and --all-commits need a Git repository",
        "run jdvc in a Git work tree"));
    List<RevisionRef> refs = new ArrayList<>();
    if (allBranches) {
      refs.addAll(git.branches());
    }
    if (allTags) {
      refs.addAll(git.tags());
    }
    if (allCommits) {
      refs.addAll(git.allCommits());
    }
    refs.forEach(r -> revs.add(r.commitId()));
    return revs;
  }

  /** The outputs committed at {@code rev}: {@link #outputsAt} already includes every stage's. */
  static List<TrackedOutput> outputsWithLocksAt(Jdvc jdvc, String rev) {
    return outputsAt(jdvc, rev);
  }

  /**
   * Every output named by the pointer files committed at {@code rev} ({@code .dvc} files, and the stages of each
   * {@code dvc.yaml} with the {@code dvc.lock} beside it), placed as if checked out.
   */
  static List<TrackedOutput> outputsAt(Jdvc jdvc, String rev) {
    GitRepo git = jdvc.git().orElseThrow();
    List<TrackedOutput> result = new ArrayList<>(stageOutputsAt(jdvc, git, rev));
    Map<String, byte[]> files = git.filesAt(rev, p -> p.endsWith(RepoLayout.DVCFILE_SUFFIX)
        && !p.startsWith(RepoLayout.DVC_DIR + "/"));
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path dvcFile = jdvc.root().resolve(f.getKey());
      DvcFile pointer = Pointers.CODEC.parse(new String(f.getValue(), StandardCharsets.UTF_8),
          rev.substring(0, Math.min(7, rev.length())) + ":" + f.getKey());
      for (int i = 0; i < pointer.outs().size(); i++) {
        Output out = pointer.outs().get(i);
        Path path = pointer.outputDir(dvcFile.getParent()).resolve(out.path()).normalize();
        if (!path.startsWith(jdvc.root())) {
          continue;
        }
        result.add(new TrackedOutput(dvcFile, pointer, i, out, path, jdvc.root().relativize(path).toString()
            .replace('\\', '/'), f.getKey(), null));
      }
    }
    return result;
  }
  /** The outputs of the pipeline stages committed at {@code rev}: content from its locks, flags from dvc.yaml. */
  private static List<TrackedOutput> stageOutputsAt(Jdvc jdvc, GitRepo git, String rev) {
    Map<String, byte[]> files = git.filesAt(rev, p -> (p.equals(RepoIndex.PIPELINE_FILE)
        || p.endsWith("/" + RepoIndex.PIPELINE_FILE) || p.equals(RepoIndex.LOCK_FILE)
        || p.endsWith("/" + RepoIndex.LOCK_FILE)) && !p.startsWith(RepoLayout.DVC_DIR + "/"));
    PipelineFileLoader.RepoFiles atRev = new PipelineFileLoader.RepoFiles() {
      @Override public byte[] read(String repoPath) {
        return git.readFile(rev, repoPath).orElse(null);
      }

      @Override public boolean isDirectory(String repoPath) {
        return false;
      }
    };
    List<TrackedOutput> result = new ArrayList<>();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      if (!f.getKey().endsWith(RepoIndex.PIPELINE_FILE)) {
        continue;
      }
      String shown = rev.substring(0, Math.min(7, rev.length())) + ":";
      PipelineFile pipeline = new PipelineFileLoader().load(f.getKey(), f.getValue(), atRev);
      String lockPath = f.getKey().substring(0, f.getKey().length() - RepoIndex.PIPELINE_FILE.length())
          + RepoIndex.LOCK_FILE;
      byte[] lockBytes = files.get(lockPath);
      LockFile lock = lockBytes == null ? null : LockFile.parse(shown + lockPath, lockBytes);
      for (Stage s : pipeline.stages()) {
        PipelineStage stage = new PipelineStage(s, jdvc.root().resolve(f.getKey()),
            jdvc.root().resolve(lockPath), lock == null ? null : lock.stage(s.name()).orElse(null));
        result.addAll(RepoIndex.outputsOf(jdvc.root(), stage));
      }
    }
    return result;
  }


  /**
   * Which files of a directory output are selected, by repository path: a target naming the output, its pointer
   * or a directory above it selects every file; targets inside the output narrow it to those subtrees; and
   * {@code --glob} matches tracked paths (never the workspace, unlike dvc#5864).
   */
  Predicate<String> filterFor(Jdvc jdvc, TrackedOutput o) {
    PathMatcher matcher = glob == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + glob);
    List<String> inside = new ArrayList<>();
    boolean whole = targets.isEmpty();
    for (Path t : targets) {
      Path abs = jdvc.resolve(t);
      if (selectsWhole(jdvc, t, o)) {
        whole = true;
      } else if (abs.startsWith(o.path())) {
        inside.add(jdvc.root().relativize(abs).toString().replace('\\', '/'));
      }
    }
    boolean everything = whole;
    return path -> {
      if (matcher != null && !matcher.matches(Path.of(path))) {
        return false;
      }
      if (everything) {
        return true;
      }
      for (String t : inside) {
        if (path.equals(t) || path.startsWith(t + "/")) {
          return true;
        }
      }
      return false;
    };
  }

  /** Whether this selection takes whole outputs (so a directory's manifest may be pushed). */
  boolean selectsWholeOutputs(Jdvc jdvc, TrackedOutput o) {
    if (glob != null) {
      return false;
    }
    if (targets.isEmpty()) {
      return true;
    }
    for (Path t : targets) {
      if (selectsWhole(jdvc, t, o)) {
        return true;
      }
    }
    return false;
  }

  /** Whether target {@code t} takes all of {@code o}: it names the output, its record, a directory above, or its stage. */
  private static boolean selectsWhole(Jdvc jdvc, Path t, TrackedOutput o) {
    Path abs = jdvc.resolve(t);
    return abs.equals(o.path()) || abs.equals(o.dvcFile()) || o.path().startsWith(abs)
        || Targets.namesStageOf(t, o, jdvc.resolve(Path.of("")));
  }
}
