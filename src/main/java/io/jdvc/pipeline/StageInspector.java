package io.jdvc.pipeline;

import io.jdvc.ProgressListener;
import io.jdvc.object.Oid;
import io.jdvc.workspace.OutputState;
import io.jdvc.workspace.OutputStatus;
import io.jdvc.workspace.Snapshot;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares stages with the workspace as DVC's {@code Stage.status} does: each dependency's content and each params
 * value against the lock entry, each output against its recorded content and the cache, and the command. One
 * inspector serves a whole command, so a directory many stages depend on is hashed once.
 */
public final class StageInspector {
  private final Workspace ws;
  private final Map<String, Optional<Snapshot>> hashes = new HashMap<>();
  private final Map<String, Optional<Oid>> oids = new HashMap<>();
  private final Map<Path, Map<String, Object>> params = new HashMap<>();

  public StageInspector(Workspace ws) {
    this.ws = ws;
  }

  /** The stage's status; {@code outs} are its outputs as {@link RepoIndex#outputsOf(PipelineStage)} gives them. */
  public StageReport status(PipelineStage stage, List<TrackedOutput> outs) throws IOException {
    Stage def = stage.definition();
    Map<String, Object> deps = new LinkedHashMap<>();
    if (!def.frozen()) {
      for (String dep : def.deps()) {
        String state = depState(stage, dep);
        if (state != null) {
          deps.put(def.repoPath(dep), state);
        }
      }
      for (ParamsDependency p : def.params()) {
        Object state = paramsState(stage, p);
        if (state != null) {
          deps.put(def.repoPath(p.file()), state);
        }
      }
    }
    List<OutputStatus> changedOuts = new ArrayList<>();
    for (TrackedOutput o : outs) {
      OutputStatus s = outputStatus(o);
      if (s.changed()) {
        changedOuts.add(s);
      }
    }
    boolean always = def.alwaysChanged() || def.deps().isEmpty() && def.params().isEmpty();
    boolean commandChanged = stage.locked() != null && !sameCommand(stage.locked().cmd(), def);
    return new StageReport(stage, deps, changedOuts, always, commandChanged);
  }

  /** An output's state; one that was never recorded is {@code modified} if present, as DVC reports it. */
  public OutputStatus outputStatus(TrackedOutput o) throws IOException {
    if (o.output().md5() == null) {
      boolean exists = Files.exists(o.path(), LinkOption.NOFOLLOW_LINKS);
      return new OutputStatus(o, exists ? OutputState.MODIFIED : OutputState.DELETED, List.of(), List.of(),
          List.of());
    }
    return ws.status(o);
  }

  /** DVC compares the command as written: a string and a one-item list differ. */
  static boolean sameCommand(Object locked, Stage def) {
    Object now = def.cmdIsList() ? def.cmd() : def.cmd().get(0);
    if (locked instanceof List<?> l && now instanceof List<?> n) {
      return l.stream().map(String::valueOf).toList().equals(n);
    }
    return locked instanceof String s && s.equals(now);
  }

  private String depState(PipelineStage stage, String written) throws IOException {
    Optional<LockEntry> locked = stage.lockedDep(written);
    boolean legacy = locked.isPresent() && locked.get().hashName() == null && locked.get().md5() != null;
    Optional<Oid> now = contentOid(stage.definition().repoPath(written), legacy);
    if (now.isEmpty()) {
      return "deleted";
    }
    if (locked.isEmpty() || locked.get().md5() == null || !locked.get().md5().equals(now.get())) {
      return "modified";
    }
    return null;
  }

  /** The content of a dependency now, hashed at most once per command; empty if it does not exist. */
  public Optional<Snapshot> hash(String repoPath, boolean legacy) throws IOException {
    String key = (legacy ? "L:" : "M:") + repoPath;
    Optional<Snapshot> known = hashes.get(key);
    if (known != null) {
      return known;
    }
    Path path = ws.root().resolve(repoPath);
    Optional<Snapshot> result = Files.exists(path)
        ? Optional.of(ws.snapshot(path, legacy, false, ProgressListener.NONE)) : Optional.empty();
    hashes.put(key, result);
    return result;
  }

  /** A dependency's oid now, found at most once per command; empty if it does not exist. */
  private Optional<Oid> contentOid(String repoPath, boolean legacy) throws IOException {
    String key = (legacy ? "L:" : "M:") + repoPath;
    Optional<Oid> known = oids.get(key);
    if (known != null) {
      return known;
    }
    Path path = ws.root().resolve(repoPath);
    Optional<Oid> result = Files.exists(path) ? Optional.of(ws.contentOid(path, legacy)) : Optional.empty();
    oids.put(key, result);
    return result;
  }

  /** Forgets what was hashed, after a stage changed the workspace. */
  public void forget() {
    hashes.clear();
    oids.clear();
    params.clear();
  }

  private Object paramsState(PipelineStage stage, ParamsDependency dep) throws IOException {
    Path file = ws.root().resolve(stage.definition().repoPath(dep.file())).normalize();
    if (!Files.isRegularFile(file)) {
      return "deleted";
    }
    Map<String, Object> lockedFile = stage.locked() == null ? null : stage.locked().params().get(dep.file());
    if (lockedFile == null) {
      return "new";
    }
    Map<String, Object> actual = values(file, dep);
    List<String> keys = new ArrayList<>();
    if (dep.keys() != null && !dep.keys().isEmpty()) {
      keys.addAll(dep.keys());
    } else {
      Set<String> all = new LinkedHashSet<>(actual.keySet());
      all.addAll(lockedFile.keySet());
      keys.addAll(all);
    }
    Map<String, String> changed = new LinkedHashMap<>();
    for (String key : keys) {
      if (!actual.containsKey(key)) {
        changed.put(key, "deleted");
      } else if (!lockedFile.containsKey(key)) {
        changed.put(key, "new");
      } else if (!ParamValues.equal(actual.get(key), lockedFile.get(key))) {
        changed.put(key, "modified");
      }
    }
    return changed.isEmpty() ? null : changed;
  }

  /**
   * The values a params dependency reads now: each named key that exists (dotted keys looked up as DVC does), or
   * every top-level key of the file when it depends on the whole file.
   */
  public Map<String, Object> values(Path file, ParamsDependency dep) throws IOException {
    Map<String, Object> tree = params.get(file);
    if (tree == null) {
      tree = ParamsFiles.read(file, ws.relative(file));
      params.put(file, tree);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (dep.keys() == null || dep.keys().isEmpty()) {
      out.putAll(tree);
      return out;
    }
    for (String key : dep.keys()) {
      Object v = ParamsFiles.lookup(tree, key);
      if (v != ParamsFiles.MISSING) {
        out.put(key, v);
      }
    }
    return out;
  }
}
