package io.jdvc.pipeline;

import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.workspace.Snapshot;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a stage's workspace state into its {@code dvc.lock} entry, as DVC does after running a stage or on
 * {@code dvc commit}: dependencies hashed, params read, outputs hashed and (unless {@code cache: false}) stored in
 * the cache exactly as {@code add} stores data, then linked back per {@code cache.type}.
 */
public final class StageRecorder {
  private final Workspace ws;
  private final StageInspector inspector;

  public StageRecorder(Workspace ws, StageInspector inspector) {
    this.ws = ws;
    this.inspector = inspector;
  }

  /** The entry for {@code stage} as the workspace holds it now; with {@code store}, cached outputs enter the cache. */
  public LockedStageEntry record(PipelineStage stage, boolean store, ProgressListener progress) throws IOException {
    Stage def = stage.definition();
    inspector.forget();
    LockedStageEntry inputs = inputs(stage);
    List<LockEntry> outs = new ArrayList<>();
    for (StageOutput o : def.outs()) {
      Path path = ws.root().resolve(def.repoPath(o.path())).normalize();
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new JdvcException("output '" + def.repoPath(o.path()) + "' of stage '" + def.address()
            + "' does not exist", "its command must create it; check the command, or the output's path in "
            + def.dvcFile());
      }
      boolean cache = store && o.cache();
      Snapshot snap = ws.snapshot(path, false, cache, progress);
      if (cache) {
        ws.relink(path, snap);
      }
      outs.add(entry(o.path(), snap));
    }
    outs.sort(Comparator.comparing(LockEntry::path));
    return new LockedStageEntry(def.name(), inputs.cmd(), inputs.deps(), inputs.params(), outs);
  }

  /**
   * The entry's inputs as the workspace holds them now: command, dependencies and params, with the outputs named
   * but not hashed. This is what DVC's run cache keys a run by.
   */
  public LockedStageEntry inputs(PipelineStage stage) throws IOException {
    Stage def = stage.definition();
    List<LockEntry> deps = new ArrayList<>();
    for (String dep : def.deps()) {
      Snapshot snap = inspector.hash(def.repoPath(dep), false).orElseThrow(() -> new JdvcException(
          "dependency '" + def.repoPath(dep) + "' of stage '" + def.address() + "' does not exist",
          "create it, or make it the output of a stage that runs before"));
      deps.add(entry(dep, snap));
    }
    deps.sort(Comparator.comparing(LockEntry::path));
    Map<String, Map<String, Object>> params = new LinkedHashMap<>();
    for (ParamsDependency p : def.params()) {
      Path file = ws.root().resolve(def.repoPath(p.file())).normalize();
      if (!Files.isRegularFile(file)) {
        throw new JdvcException("params file '" + def.repoPath(p.file()) + "' of stage '" + def.address()
            + "' does not exist", "create it, or remove it from the stage's params in " + def.dvcFile());
      }
      Map<String, Object> values = inspector.values(file, p);
      if (p.keys() != null) {
        for (String key : p.keys()) {
          if (!values.containsKey(key)) {
            throw new JdvcException("param '" + key + "' of stage '" + def.address() + "' is missing from '"
                + def.repoPath(p.file()) + "'", "add it to the params file, or remove it from " + def.dvcFile());
          }
        }
      }
      params.computeIfAbsent(p.file(), k -> new TreeMap<>()).putAll(values);
    }
    List<LockEntry> outs = new ArrayList<>();
    for (StageOutput o : def.outs()) {
      outs.add(new LockEntry(o.path(), "md5", null, null, null, false, Map.of()));
    }
    outs.sort(Comparator.comparing(LockEntry::path));
    Object cmd = def.cmdIsList() ? List.copyOf(def.cmd()) : def.cmd().get(0);
    return new LockedStageEntry(def.name(), cmd, deps, params, outs);
  }

  private static LockEntry entry(String writtenPath, Snapshot snap) {
    return new LockEntry(writtenPath, "md5", snap.oid(), snap.size(), snap.nfiles(), !snap.isDir() && snap.isExec(),
        Map.of());
  }
}
