package io.jdvc.registry;

import io.jdvc.JdvcException;
import io.jdvc.experiments.ExperimentCollector;
import io.jdvc.git.GitRepo;
import io.jdvc.pipeline.LockEntry;
import io.jdvc.pipeline.LockFile;
import io.jdvc.pipeline.LockedStageEntry;
import io.jdvc.pipeline.PipelineFile;
import io.jdvc.pipeline.PipelineFileLoader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a registered model came from, read from the commit its tag points to: its path in {@code artifacts:} of
 * {@code dvc.yaml}, the {@code dvc.lock} stage that produced it and every stage upstream of that one (command,
 * dependencies with their hashes, params with their values), and the metrics recorded in that commit.
 */
public final class Lineage {
  /** One stage of the lineage. */
  public record StageRecord(String name, Object cmd, Map<String, String> deps, Map<String, Map<String, Object>> params,
      Map<String, String> outs) {}

  /** The answer: artifact, version, commit, path, the object it is, the stages and the metrics. */
  public record Report(String artifact, String version, String commit, String path, String oid, String type,
      List<StageRecord> stages, Map<String, Object> metrics) {}

  private Lineage() {}

  public static Report of(GitRepo git, ModelRegistry.Resolved r) {
    String name = r.artifact();
    int colon = name.lastIndexOf(':');
    String dir = colon < 0 ? "" : name.substring(0, colon);
    Map<?, ?> decl = declaration(git, r);
    String path = (dir.isEmpty() ? "" : dir + "/") + decl.get("path");
    String type = decl.get("type") == null ? null : decl.get("type").toString();
    Upstream up = upstream(git, r.commit(), dir, path);
    String oid = up.oid();
    if (oid == null) { // a model tracked by a .dvc file rather than produced by a stage
      oid = new io.jdvc.history.RevisionScanner(git).skipUnreadable(n -> { }).outputsAt(r.commit()).stream()
          .filter(o -> o.path().equals(path) && o.oid() != null).map(o -> o.oid().value()).findFirst().orElse(null);
    }
    Map<String, Object> metrics = new ExperimentCollector(git).atCommit(r.commit(), null).metrics();
    return new Report(name, r.version(), r.commit(), path, oid, type, up.stages(), metrics);
  }

  /** The artifact's repo path, from {@code artifacts:} of its {@code dvc.yaml} at the resolved commit. */
  public static String declaredPath(GitRepo git, ModelRegistry.Resolved r) {
    int colon = r.artifact().lastIndexOf(':');
    return (colon < 0 ? "" : r.artifact().substring(0, colon) + "/") + declaration(git, r).get("path");
  }

  private static Map<?, ?> declaration(GitRepo git, ModelRegistry.Resolved r) {
    String name = r.artifact();
    int colon = name.lastIndexOf(':');
    String dir = colon < 0 ? "" : name.substring(0, colon);
    String bare = colon < 0 ? name : name.substring(colon + 1);
    String yamlPath = (dir.isEmpty() ? "" : dir + "/") + "dvc.yaml";
    byte[] yaml = git.readFile(r.commit(), yamlPath).orElseThrow(() -> new JdvcException("no " + yamlPath
        + " at " + r.commit().substring(0, 7), "declare the artifact under artifacts: in dvc.yaml"));
    PipelineFile pf = new PipelineFileLoader().load(yamlPath, yaml, new PipelineFileLoader.RepoFiles() {
      @Override public byte[] read(String p) {
        return git.readFile(r.commit(), p).orElse(null);
      }

      @Override public boolean isDirectory(String p) {
        return false;
      }
    });
    if (!(pf.artifacts().get(bare) instanceof Map<?, ?> decl) || decl.get("path") == null) {
      throw new JdvcException("artifact '" + bare + "' is not declared in " + yamlPath + " at "
          + r.commit().substring(0, 7), "add it under artifacts: with its path");
    }
    return decl;
  }

  /**
   * What made a whole commit (an experiment, a branch): every stage of its top-level {@code dvc.lock} with the
   * data, params and outputs it recorded, and the metrics of that commit. No single path, so no path or oid.
   */
  public static Report ofCommit(GitRepo git, String commit, String label) {
    Upstream up = upstream(git, commit, "", null);
    Map<String, Object> metrics = new ExperimentCollector(git).atCommit(commit, null).metrics();
    return new Report(label, null, commit, null, null, null, up.stages(), metrics);
  }

  private record Upstream(String oid, List<StageRecord> stages) {}

  /** The stages upstream of {@code path} (every stage for null), nearest first, and the oid the lock gives it. */
  private static Upstream upstream(GitRepo git, String commit, String dir, String path) {
    String lockPath = (dir.isEmpty() ? "" : dir + "/") + LockFile.FILE_NAME;
    List<StageRecord> stages = new ArrayList<>();
    String oid = null;
    byte[] lockBytes = git.readFile(commit, lockPath).orElse(null);
    if (lockBytes == null) {
      return new Upstream(null, stages);
    }
    LockFile lock = LockFile.parse(lockPath, lockBytes);
    Map<String, LockedStageEntry> producers = new LinkedHashMap<>();
    for (LockedStageEntry e : lock.stages()) {
      for (LockEntry o : e.outs()) {
        producers.put(prefixed(dir, o.path()), e);
        if (prefixed(dir, o.path()).equals(path) && o.md5() != null) {
          oid = o.md5().toString();
        }
      }
    }
    Deque<LockedStageEntry> todo = new ArrayDeque<>();
    if (path == null) {
      todo.addAll(lock.stages());
    } else if (producers.containsKey(path)) {
      todo.add(producers.get(path));
    }
    Set<String> seen = new LinkedHashSet<>();
    while (!todo.isEmpty()) {
      LockedStageEntry e = todo.pop();
      if (!seen.add(e.name())) {
        continue;
      }
      Map<String, String> deps = new LinkedHashMap<>();
      for (LockEntry d : e.deps()) {
        String p = prefixed(dir, d.path());
        deps.put(p, d.md5() == null ? null : d.md5().toString());
        if (path != null && producers.containsKey(p)) {
          todo.add(producers.get(p));
        }
      }
      Map<String, String> outs = new LinkedHashMap<>();
      e.outs().forEach(o -> outs.put(prefixed(dir, o.path()), o.md5() == null ? null : o.md5().toString()));
      stages.add(new StageRecord(e.name(), e.cmd(), deps, e.params(), outs));
    }
    return new Upstream(oid, stages);
  }

  private static String prefixed(String dir, String p) {
    return dir.isEmpty() ? p : dir + "/" + p;
  }
}
