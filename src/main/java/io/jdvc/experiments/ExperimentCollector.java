package io.jdvc.experiments;

import io.jdvc.JdvcException;
import io.jdvc.git.GitRefs;
import io.jdvc.git.GitRepo;
import io.jdvc.git.RevisionRef;
import io.jdvc.pipeline.LockEntry;
import io.jdvc.pipeline.LockFile;
import io.jdvc.pipeline.LockedStageEntry;
import io.jdvc.pipeline.ParamsDependency;
import io.jdvc.pipeline.ParamsFiles;
import io.jdvc.pipeline.PipelineFile;
import io.jdvc.pipeline.PipelineFileLoader;
import io.jdvc.pipeline.Stage;
import io.jdvc.pipeline.StageOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gathers what {@code exp show} and {@code exp diff} report: per baseline commit its params, metrics, deps and
 * outs, and the same for each of its experiments (the refs under {@code refs/exps/<B[:2]>/<B[2:]>/}), read from
 * the commits themselves; the workspace from the work tree. Metrics are read here minimally (JSON and YAML files
 * kept in Git or the work tree), independently of {@code metrics show}.
 */
public final class ExperimentCollector {
  private final GitRepo git;
  private final GitRefs refs;
  /** Experiments of one baseline mostly hold the same files: each distinct blob is read and parsed once. */
  private final ParsedBlobs memo = new ParsedBlobs();

  public ExperimentCollector(GitRepo git) {
    this.git = git;
    this.refs = new GitRefs(git);
  }

  /** Every experiment of a baseline, newest commit first. */
  public List<ExpRef> experimentsOf(String baseline) {
    List<ExpRef> out = new ArrayList<>();
    for (GitRefs.RefTip tip : refs.refsUnder(ExpRef.baselinePrefix(baseline))) {
      ExpRef.parse(tip.name()).ifPresent(out::add);
    }
    Map<ExpRef, java.time.Instant> times = new LinkedHashMap<>();
    for (ExpRef r : out) {
      times.put(r, refs.commit(r.refName()).commitTime());
    }
    out.sort(Comparator.comparing((ExpRef r) -> times.get(r)).reversed().thenComparing(ExpRef::name));
    return out;
  }

  /** Every experiment ref in the repository, grouped by baseline. */
  public Map<String, List<ExpRef>> allExperiments() {
    Map<String, List<ExpRef>> out = new LinkedHashMap<>();
    for (GitRefs.RefTip tip : refs.refsUnder(ExpRef.PREFIX)) {
      ExpRef.parse(tip.name()).ifPresent(r -> out.computeIfAbsent(r.baseline(), b -> new ArrayList<>()).add(r));
    }
    return out;
  }

  /** A baseline row and its experiment rows. */
  public ExpState.Baseline baseline(RevisionRef rev) {
    ExpState state = atCommit(rev.commitId(), rev.name());
    List<ExpState> exps = new ArrayList<>();
    for (ExpRef r : experimentsOf(rev.commitId())) {
      exps.add(atCommit(refs.refValue(r.refName()).orElseThrow(), r.name()));
    }
    return new ExpState.Baseline(state, exps);
  }

  /** The state recorded in a commit. */
  public ExpState atCommit(String commit, String name) {
    ParsedBlobs.Tree tree = tree(commit);
    return read(commit, name, refs.commit(commit).commitTime(), tree, pipelines(tree), tree);
  }

  /**
   * A run of the queue not recorded as an experiment: the commit it starts from (its baseline, or the queued
   * workspace) with its {@code -S} overrides applied, without metrics, as DVC shows queued runs. Overrides that do
   * not apply there (the run will fail on them) leave the params as they are.
   */
  public ExpState queued(ExpQueue.Entry e, ExpState.Executor executor) {
    ParsedBlobs.Tree tree = tree(e.workspace() != null ? e.workspace() : e.baseline());
    Map<String, byte[]> edited = new java.util.HashMap<>();
    try {
      List<ParamOverride> overrides = e.setParams().stream().map(ParamOverride::parse).toList();
      for (Map.Entry<String, List<ParamOverride>> f : ParamOverride.byFile(overrides).entrySet()) {
        String path = java.nio.file.Path.of(f.getKey()).normalize().toString().replace('\\', '/');
        edited.put(path, ParamsEditor.apply(f.getKey(), tree.read(path), f.getValue()));
      }
    } catch (JdvcException notApplicable) {
      edited.clear();
    }
    PipelineFileLoader.RepoFiles files = new PipelineFileLoader.RepoFiles() {
      @Override
      public byte[] read(String repoPath) {
        return edited.containsKey(repoPath) ? edited.get(repoPath) : tree.read(repoPath);
      }

      @Override
      public boolean isDirectory(String repoPath) {
        return tree.isDirectory(repoPath);
      }
    };
    // to the second, as commit times are (DVC shows a queued run's stash commit time)
    ExpState s = read(e.id(), e.name(), e.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), files,
        pipelines(tree), null);
    return new ExpState(s.rev(), s.name(), s.created(), s.params(), Map.of(), s.deps(), s.outs(), executor);
  }

  private ParsedBlobs.Tree tree(String commit) {
    Map<String, String> ids = git.blobIdsAt(commit, p -> true);
    Set<String> dirs = new java.util.HashSet<>();
    for (String p : ids.keySet()) {
      for (int i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) {
        dirs.add(p.substring(0, i));
      }
    }
    return new ParsedBlobs.Tree(ids, dirs, git::readBlob, memo);
  }

  private static List<String> pipelines(ParsedBlobs.Tree tree) {
    return tree.paths().stream().filter(p -> p.equals("dvc.yaml") || p.endsWith("/dvc.yaml")).toList();
  }

  /** The state of the work tree, given its {@code dvc.yaml} files (repo-relative). */
  public static ExpState workspace(java.nio.file.Path root, List<String> pipelines) {
    return read("workspace", null, null, PipelineFileLoader.workTree(root), pipelines, null);
  }

  /** {@code tree} is {@code files} as a Git tree, whose parsed blobs can be shared, or null for the work tree. */
  private static ExpState read(String rev, String name, java.time.Instant created, PipelineFileLoader.RepoFiles files,
      List<String> pipelines, ParsedBlobs.Tree tree) {
    Set<String> paramsFiles = new LinkedHashSet<>();
    Set<String> metricsFiles = new LinkedHashSet<>();
    Map<String, Map<String, Object>> deps = new TreeMap<>();
    Map<String, Map<String, Object>> outs = new TreeMap<>();
    PipelineFileLoader loader = new PipelineFileLoader();
    if (tree != null ? tree.exists(ParamOverride.DEFAULT_FILE) : bytes(files, ParamOverride.DEFAULT_FILE) != null) {
      paramsFiles.add(ParamOverride.DEFAULT_FILE);
    }
    for (String p : pipelines) {
      byte[] yaml = bytes(files, p);
      if (yaml == null) {
        continue;
      }
      PipelineFile pf;
      try {
        pf = tree != null ? tree.pipeline(p, () -> loader.load(p, yaml, tree)) : loader.load(p, yaml, files);
      } catch (JdvcException e) {
        continue; // a broken dvc.yaml at some commit must not hide the other rows
      }
      String dir = pf.dir().isEmpty() ? "" : pf.dir() + "/";
      pf.params().forEach(x -> paramsFiles.add(dir + x));
      pf.metrics().forEach(m -> metricsFiles.add(dir + ExperimentTree.topLevelPath(m)));
      Set<String> metricOrPlot = new LinkedHashSet<>();
      for (Stage s : pf.stages()) {
        for (ParamsDependency d : s.params()) {
          paramsFiles.add(s.repoPath(d.file()));
        }
        for (StageOutput o : s.outs()) {
          if (o.kind() == StageOutput.Kind.METRIC) {
            metricsFiles.add(s.repoPath(o.path()));
          }
          if (o.kind() != StageOutput.Kind.OUT) {
            metricOrPlot.add(s.repoPath(o.path()));
          }
        }
      }
      String lockPath = dir + LockFile.FILE_NAME;
      byte[] lockBytes = bytes(files, lockPath);
      if (lockBytes == null) {
        continue;
      }
      LockFile lock;
      try {
        lock = tree != null ? tree.parsed("lock", lockPath, () -> LockFile.parse(lockPath, lockBytes))
            : LockFile.parse(lockPath, lockBytes);
      } catch (JdvcException e) {
        continue;
      }
      for (LockedStageEntry e : lock.stages()) {
        Optional<Stage> def = pf.stage(e.name());
        String wdir = def.map(Stage::wdir).orElse(pf.dir());
        for (LockEntry d : e.deps()) {
          deps.put(join(wdir, d.path()), entry(d));
        }
        for (LockEntry o : e.outs()) {
          String path = join(wdir, o.path());
          if (!metricOrPlot.contains(path)) {
            Map<String, Object> m = entry(o);
            boolean cached = def.flatMap(s -> s.outs().stream().filter(x -> s.repoPath(x.path()).equals(path))
                .findFirst()).map(StageOutput::cache).orElse(true);
            m.put("use_cache", cached);
            m.put("is_data_source", false);
            outs.put(path, m);
          }
        }
      }
    }
    return new ExpState(rev, name, created, load(files, paramsFiles, tree), load(files, metricsFiles, tree), deps,
        outs);
  }

  private static Map<String, Object> entry(LockEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hash", e.md5() == null ? null : e.md5().toString());
    m.put("size", e.size());
    m.put("nfiles", e.nfiles());
    return m;
  }

  private static String join(String dir, String path) {
    java.nio.file.Path p = java.nio.file.Path.of(dir.isEmpty() ? "." : dir).resolve(path).normalize();
    return p.toString().replace('\\', '/');
  }

  private static byte[] bytes(PipelineFileLoader.RepoFiles files, String path) {
    try {
      return files.read(path);
    } catch (IOException e) {
      return null;
    }
  }

  /** Each file that exists, as {@code {"data": tree}}, or {@code {"error": ...}} if it cannot be parsed. */
  private static Map<String, Object> load(PipelineFileLoader.RepoFiles files, Set<String> paths,
      ParsedBlobs.Tree tree) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String p : paths) {
      byte[] b = bytes(files, p);
      if (b == null) {
        continue;
      }
      try {
        out.put(p, Map.of("data", tree != null ? tree.parsed("values", p, () -> ParamsFiles.parse(b, p))
            : ParamsFiles.parse(b, p)));
      } catch (JdvcException e) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("type", e.getClass().getSimpleName());
        err.put("msg", e.getMessage());
        out.put(p, Map.of("error", err));
      }
    }
    return out;
  }
}
