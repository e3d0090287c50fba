package io.jdvc.pipeline;

import io.jdvc.pointer.DvcFile;
import io.jdvc.pointer.Output;
import io.jdvc.workspace.PathOutsideRepoException;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the work tree tracks, as DVC's repository index sees it: the outputs of every {@code .dvc} file and of
 * every pipeline stage, and the stages of every {@code dvc.yaml} with their {@code dvc.lock} entries. One walk of
 * the work tree builds it; the contents of tracked directories and of stage outputs are never walked.
 */
public final class RepoIndex {
  public static final String PIPELINE_FILE = "dvc.yaml";
  public static final String LOCK_FILE = "dvc.lock";

  private final Workspace workspace;
  private final List<TrackedOutput> outputs;
  private final List<PipelineStage> stages;
  private final Map<PipelineStage, List<TrackedOutput>> outputsByStage;
  private final Map<String, PipelineFile> pipelineFiles;

  private RepoIndex(Workspace workspace, List<TrackedOutput> outputs, List<PipelineStage> stages,
      Map<PipelineStage, List<TrackedOutput>> outputsByStage, Map<String, PipelineFile> pipelineFiles) {
    this.workspace = workspace;
    this.pipelineFiles = pipelineFiles;
    this.outputs = outputs;
    this.stages = stages;
    this.outputsByStage = outputsByStage;
  }

  /** Walks the work tree once: {@code .dvc} files, {@code dvc.yaml} files and the {@code dvc.lock} beside each. */
  public static RepoIndex load(Workspace ws) throws IOException {
    PipelineFileLoader loader = new PipelineFileLoader();
    Map<Path, PipelineFile> pipelines = new LinkedHashMap<>();
    List<TrackedOutput> outputs = new ArrayList<>(ws.collect(dvcYaml -> {
      PipelineFile file = loader.load(ws.root(), ws.relative(dvcYaml));
      pipelines.put(dvcYaml, file);
      List<Path> declared = new ArrayList<>();
      for (Stage s : file.stages()) {
        for (StageOutput o : s.outs()) {
          declared.add(ws.root().resolve(s.repoPath(o.path())).normalize());
        }
      }
      return declared;
    }, lock -> {}));
    List<PipelineStage> stages = new ArrayList<>();
    Map<PipelineStage, List<TrackedOutput>> byStage = new LinkedHashMap<>();
    for (Map.Entry<Path, PipelineFile> p : pipelines.entrySet()) {
      Path lockPath = p.getKey().resolveSibling(LOCK_FILE);
      LockFile lock = Files.isRegularFile(lockPath)
          ? LockFile.parse(ws.relative(lockPath), Files.readAllBytes(lockPath)) : null;
      for (Stage s : p.getValue().stages()) {
        PipelineStage stage = new PipelineStage(s, p.getKey(), lockPath,
            lock == null ? null : lock.stage(s.name()).orElse(null));
        List<TrackedOutput> outs = outputsOf(ws, stage);
        stages.add(stage);
        byStage.put(stage, outs);
        outputs.addAll(outs);
      }
    }
    outputs.sort(Comparator.comparing(TrackedOutput::repoPath));
    ws.requireDisjoint(outputs);
    Map<String, PipelineFile> files = new java.util.TreeMap<>();
    pipelines.forEach((path, file) -> files.put(ws.relative(path), file));
    return new RepoIndex(ws, Collections.unmodifiableList(outputs), List.copyOf(stages), byStage,
        Collections.unmodifiableMap(files));
  }

  /**
   * A stage's outputs as the data commands see them: the content its lock entry records (none if it never ran)
   * and the flags {@code dvc.yaml} declares ({@code cache}, {@code push}, {@code remote}, {@code persist}, ...).
   */
  static List<TrackedOutput> outputsOf(Workspace ws, PipelineStage stage) throws IOException {
    for (StageOutput declared : stage.definition().outs()) {
      Path path = ws.root().resolve(stage.definition().repoPath(declared.path())).normalize();
      String problem = ws.locationProblem(path);
      if (problem != null) {
        throw new PathOutsideRepoException(stage.definition().dvcFile() + ": output '" + declared.path()
            + "' of stage '" + stage.name() + "' " + problem, "fix " + stage.definition().dvcFile()
            + "; DVC refuses such an output too");
      }
    }
    return outputsOf(ws.root(), stage);
  }

  /**
   * As {@link #outputsOf(Workspace, PipelineStage)} for a stage read from a Git revision, placed as if checked out
   * under {@code root}; paths are only checked to stay inside it.
   */
  public static List<TrackedOutput> outputsOf(Path root, PipelineStage stage) {
    Stage def = stage.definition();
    List<Output> outs = new ArrayList<>();
    List<Path> paths = new ArrayList<>();
    for (StageOutput declared : def.outs()) {
      Path path = root.resolve(def.repoPath(declared.path())).normalize();
      Optional<LockEntry> locked = stage.lockedOut(declared.path());
      outs.add(toOutput(relative(root, path), declared, locked.orElse(null)));
      paths.add(path);
    }
    DvcFile asPointer = DvcFile.of(outs);
    List<TrackedOutput> result = new ArrayList<>();
    for (int i = 0; i < outs.size(); i++) {
      result.add(new TrackedOutput(stage.pipelineFile(), asPointer, i, outs.get(i), paths.get(i),
          relative(root, paths.get(i)), def.dvcFile(), def.address()));
    }
    return result;
  }

  private static String relative(Path root, Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }

  private static Output toOutput(String repoPath, StageOutput declared, LockEntry locked) {
    boolean legacy = locked != null && locked.hashName() == null && locked.md5() != null;
    return new Output(repoPath, locked == null ? null : locked.md5(), locked == null ? null : locked.size(),
        locked == null ? null : locked.nfiles(), locked != null && locked.isexec(), legacy ? null : Output.MD5,
        null, null, null, declared.desc(), declared.type(), declared.labels(), declared.meta(),
        declared.cache() ? null : Boolean.FALSE, declared.persist(), declared.remote(), declared.push(), null, null,
        null);
  }

  public Workspace workspace() {
    return workspace;
  }

  /** Every output of every {@code .dvc} file and stage, sorted by path. */
  public List<TrackedOutput> outputs() {
    return outputs;
  }

  /** Every stage of every {@code dvc.yaml}, in the order the walk met the files and the files list the stages. */
  public List<PipelineStage> stages() {
    return stages;
  }

  /** Every {@code dvc.yaml} of the work tree, parsed, by repo-relative path. */
  public Map<String, PipelineFile> pipelineFiles() {
    return pipelineFiles;
  }

  public List<TrackedOutput> outputsOf(PipelineStage stage) {
    return outputsByStage.getOrDefault(stage, List.of());
  }
}
