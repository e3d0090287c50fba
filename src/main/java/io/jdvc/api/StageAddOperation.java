package io.jdvc.api;

import io.jdvc.AtomicFiles;
import io.jdvc.JdvcException;
import io.jdvc.pipeline.ParamsDependency;
import io.jdvc.pipeline.PipelineFileEditor;
import io.jdvc.pipeline.RepoIndex;
import io.jdvc.pipeline.Stage;
import io.jdvc.pipeline.StageOutput;
import io.jdvc.pipeline.StageOutput.Kind;
import io.jdvc.repo.RepoLock;
import io.jdvc.workspace.TrackedOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code jdvc stage add}: writes a stage into the {@code dvc.yaml} of the working directory as {@code dvc stage add}
 * does, adds its cached outputs to {@code .gitignore} and stages both. Paths are relative to the stage's wdir, as
 * DVC takes them. Refuses an invalid or existing name (without force), a path given twice or as both dependency and
 * output, and an output another stage or a {@code .dvc} file already tracks, or one inside another's. Running the
 * stage ({@code --run}) is left to {@code repro}.
 */
public final class StageAddOperation {
  /** DVC's {@code INVALID_STAGENAME_CHARS}: ASCII punctuation but '_' and '-'. */
  private static final String INVALID_NAME_CHARS = "!\"#$%&'()*+,./:;<=>?@[\\]^`{|}~";

  private final Jdvc jdvc;
  private String name;
  private final List<String> deps = new ArrayList<>();
  private final List<String> params = new ArrayList<>();
  private final List<StageOutput> outs = new ArrayList<>();
  private String wdir;
  private boolean force;
  private boolean alwaysChanged;
  private String desc;
  private List<String> command = List.of();

  StageAddOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public StageAddOperation name(String value) {
    this.name = value;
    return this;
  }

  public StageAddOperation deps(List<String> value) {
    deps.addAll(value);
    return this;
  }

  /** {@code -p}: {@code [file:]key1,key2}; {@code file:} alone tracks the whole file. */
  public StageAddOperation params(List<String> value) {
    params.addAll(value);
    return this;
  }

  /** Outputs of one kind and flags: {@code -o} is (OUT, cache, no persist), {@code -M} (METRIC, no cache), … */
  public StageAddOperation outs(List<String> paths, Kind kind, boolean cache, boolean persist) {
    for (String p : paths) {
      outs.add(new StageOutput(p, kind, cache, persist, null, null, null, null, null, null,
          kind == Kind.PLOT ? Map.of() : null));
    }
    return this;
  }

  public StageAddOperation wdir(String value) {
    this.wdir = value;
    return this;
  }

  public StageAddOperation force(boolean value) {
    this.force = value;
    return this;
  }

  public StageAddOperation alwaysChanged(boolean value) {
    this.alwaysChanged = value;
    return this;
  }

  public StageAddOperation desc(String value) {
    this.desc = value;
    return this;
  }

  /** The command as its words, joined as DVC joins them ({@code parse_cmd}). */
  public StageAddOperation command(List<String> value) {
    this.command = List.copyOf(value);
    return this;
  }

  public StageAddResult call() throws IOException {
    if (name == null || name.isEmpty() || name.chars().anyMatch(c -> INVALID_NAME_CHARS.indexOf(c) >= 0)) {
      throw new JdvcException("invalid stage name '" + (name == null ? "" : name) + "'",
          "a stage name may hold letters, digits, '-' and '_' only");
    }
    String cmd = joinCommand(command);
    if (cmd.isEmpty()) {
      throw new JdvcException("no command given for stage '" + name + "'", "put the command after the options");
    }
    Path root = jdvc.root();
    String cwd = relativeInside(jdvc.resolve(Path.of("")), "the working directory");
    String dvcFile = cwd.isEmpty() ? Pipelines.FILE_NAME : cwd + "/" + Pipelines.FILE_NAME;
    String stageWdir = wdir == null ? cwd : relativeInside(jdvc.resolve(Path.of(wdir)), "wdir '" + wdir + "'");
    Stage stage = new Stage(name, dvcFile, stageWdir, List.of(cmd), false, deps, paramsDependencies(), outs, false,
        alwaysChanged, desc, null);
    try (RepoLock lock = jdvc.lock()) {
      checkArguments(stage);
      Path file = root.resolve(dvcFile);
      byte[] existing = Files.exists(file) ? Files.readAllBytes(file) : null;
      checkOverlaps(stage);
      byte[] updated = new PipelineFileEditor().addStage(existing, stage, force);
      AtomicFiles.write(file, updated);
      List<Path> touched = new ArrayList<>();
      touched.add(file);
      for (StageOutput o : stage.outs()) {
        if (o.cache()) {
          Path out = root.resolve(stage.repoPath(o.path()));
          if (!out.equals(root)) {
            Pointers.ignore(jdvc.git(), out).ifPresent(g -> {
              if (!touched.contains(g)) {
                touched.add(g);
              }
            });
          }
        }
      }
      return new StageAddResult(stage.address(), dvcFile, jdvc.stageOrAdvise(touched));
    }
  }

  /** DVC's {@code parse_cmd}: one word as is; several words joined, a word with a space (and no ") quoted. */
  static String joinCommand(List<String> words) {
    if (words.size() < 2) {
      return String.join(" ", words);
    }
    List<String> quoted = new ArrayList<>();
    for (String w : words) {
      quoted.add(w.isEmpty() ? "\"\"" : w.contains(" ") && !w.contains("\"") ? "\"" + w + "\"" : w);
    }
    return String.join(" ", quoted);
  }

  /** DVC's {@code parse_params}: {@code -p} values grouped by file in first-seen order. */
  private List<ParamsDependency> paramsDependencies() {
    Map<String, List<String>> byFile = new LinkedHashMap<>();
    for (String p : params) {
      int colon = p.lastIndexOf(':');
      String path = colon < 0 || colon == 0 ? ParamsDependency.DEFAULT_FILE : p.substring(0, colon);
      List<String> keys = byFile.computeIfAbsent(path, k -> new ArrayList<>());
      for (String k : p.substring(colon + 1).split(",")) {
        if (!k.isEmpty()) {
          keys.add(k);
        }
      }
    }
    List<ParamsDependency> out = new ArrayList<>();
    byFile.forEach((file, keys) -> out.add(new ParamsDependency(file, keys.isEmpty() ? null : keys)));
    return out;
  }

  private String relativeInside(Path p, String what) {
    Path root = jdvc.root();
    Path real = Jdvc.realPath(p);
    if (!real.startsWith(root)) {
      throw new JdvcException(what + " is outside the repository " + root, "run jdvc inside the repository");
    }
    return Pipelines.repoPath(root, real);
  }

  /** DVC's {@code check_circular_dependency} and {@code check_duplicated_arguments}. */
  private static void checkArguments(Stage stage) {
    Set<String> depPaths = new HashSet<>();
    List<String> all = new ArrayList<>();
    for (String d : stage.deps()) {
      depPaths.add(stage.repoPath(d));
      all.add(stage.repoPath(d));
    }
    for (ParamsDependency p : stage.params()) {
      all.add(stage.repoPath(p.file()));
    }
    for (StageOutput o : stage.outs()) {
      String path = stage.repoPath(o.path());
      if (path.isEmpty() || path.equals(".git") || path.startsWith(".git/") || path.equals(".dvc")
          || path.startsWith(".dvc/")) {
        throw new JdvcException("output '" + o.path() + "' is inside .git or .dvc, or is the repository itself",
            "name an output inside the work tree");
      }
      if (depPaths.contains(path)) {
        throw new JdvcException("'" + o.path() + "' is specified as an output and as a dependency",
            "a stage cannot read and write the same path");
      }
      all.add(path);
    }
    Set<String> seen = new HashSet<>();
    for (String p : all) {
      if (!seen.add(p)) {
        throw new JdvcException("file '" + p + "' is specified more than once", "name each path once");
      }
    }
  }

  /** DVC's OutputDuplicationError and OverlappingOutputPathsError, against .dvc files and the other stages. */
  private void checkOverlaps(Stage stage) throws IOException {
    Map<String, String> owners = new LinkedHashMap<>();
    RepoIndex index = jdvc.index();
    for (TrackedOutput o : index.outputs()) {
      if (!o.isStageOutput()) {
        owners.put(o.repoPath(), o.dvcPath());
      }
    }
    for (Stage other : Pipelines.stagesUnder(index, jdvc.root())) {
      if (other.dvcFile().equals(stage.dvcFile()) && other.name().equals(stage.name())) {
        if (!force) {
          throw new JdvcException("stage '" + stage.name() + "' already exists in '" + stage.dvcFile() + "'",
              "use -f/--force to overwrite it");
        }
        continue;
      }
      for (StageOutput o : other.outs()) {
        owners.put(other.repoPath(o.path()), "stage '" + other.address() + "'");
      }
    }
    for (StageOutput o : stage.outs()) {
      String path = stage.repoPath(o.path());
      for (Map.Entry<String, String> e : owners.entrySet()) {
        String q = e.getKey();
        if (q.equals(path)) {
          throw new JdvcException("output '" + o.path() + "' is already specified in " + e.getValue(),
              "remove it from there first, or pick another output path");
        }
        if (path.startsWith(q + "/") || q.startsWith(path + "/")) {
          throw new JdvcException("the output paths '" + path + "' (stage '" + stage.address() + "') and '" + q
              + "' (" + e.getValue() + ") overlap and are thus in the same tracked directory",
              "keep outputs in separate tracked directories, or track them individually");
        }
      }
    }
  }
}
