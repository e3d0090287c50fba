package io.jdvc.pipeline;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Loads a {@code dvc.yaml} as DVC 3.x does: strict schema first ({@link PipelineSchema}), then templating as
 * {@code dvc/parsing} does it ({@code params.yaml} and {@code vars} into the context, {@code ${…}} resolved,
 * {@code foreach}/{@code do} and {@code matrix} expanded into {@code name@key} stages), then each stage's
 * entries merged as DVC's stage loader merges them. Every error is a {@link PipelineFileException} naming the file,
 * and where known the line, the stage and the key. Stateless and thread-safe.
 */
public final class PipelineFileLoader {
  /** Files the templating reads ({@code params.yaml}, vars files), by repo-relative path. */
  public interface RepoFiles {
    /** The file's bytes, or null if it does not exist. */
    byte[] read(String repoPath) throws IOException;

    boolean isDirectory(String repoPath);
  }

  private static final String JOIN = "@";

  /** The work tree under {@code repoRoot}. */
  public static RepoFiles workTree(Path repoRoot) {
    return new RepoFiles() {
      @Override
      public byte[] read(String repoPath) throws IOException {
        Path p = repoPath.isEmpty() ? repoRoot : repoRoot.resolve(repoPath);
        if (!Files.isRegularFile(p)) {
          return null;
        }
        try {
          return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
          return null;
        }
      }

      @Override
      public boolean isDirectory(String repoPath) {
        return Files.isDirectory(repoRoot.resolve(repoPath));
      }
    };
  }

  /**
   * Loads {@code repoRoot/repoRelativePath} from the work tree.
   *
   * @throws NoSuchFileException if it does not exist
   * @throws PipelineFileException if DVC would refuse it
   */
  public PipelineFile load(Path repoRoot, String repoRelativePath) throws IOException {
    byte[] bytes = Files.readAllBytes(repoRoot.resolve(repoRelativePath));
    return load(repoRelativePath, bytes, workTree(repoRoot));
  }

  /**
   * Loads a {@code dvc.yaml} from its bytes (say, at a Git revision); {@code files} supplies the params and vars
   * files of the same revision.
   */
  public PipelineFile load(String repoRelativePath, byte[] bytes, RepoFiles files) {
    String path = repoRelativePath.replace('\\', '/');
    String text = YamlValues.utf8(bytes, path);
    Optional<Node> root = YamlValues.compose(text, path);
    if (root.isEmpty()) {
      return new PipelineFile(path, List.of(), List.of(), List.of(), List.of(), Map.of(), List.of());
    }
    PipelineSchema.validate(root.get(), path);
    return new Resolution(path, files, (MappingNode) root.get()).run();
  }

  /** One load: the file's context and where each stage was written. */
  private static final class Resolution {
    private final String path;
    private final String dir;
    private final RepoFiles files;
    private final MappingNode root;
    private final Map<String, Integer> stageLines = new LinkedHashMap<>();
    private final Map<String, Integer> topLines = new LinkedHashMap<>();

    Resolution(String path, RepoFiles files, MappingNode root) {
      this.path = path;
      this.dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
      this.files = files;
      this.root = root;
    }

    PipelineFile run() {
      for (NodeTuple t : root.getValue()) {
        topLines.put(PipelineSchema.key(t), YamlValues.line(t.getKeyNode()));
        if (PipelineSchema.key(t).equals("stages")) {
          for (NodeTuple s : ((MappingNode) t.getValueNode()).getValue()) {
            String name = PipelineSchema.key(s);
            if (name.contains(JOIN)) {
              throw new PipelineFileException(path, YamlValues.line(s.getKeyNode()), "stage name '" + name
                  + "' contains '@', which DVC reserves for foreach/matrix stages (name@key)");
            }
            stageLines.put(name, YamlValues.line(s.getKeyNode()));
          }
        }
      }
      @SuppressWarnings("unchecked") Map<String, Object> top = (Map<String, Object>) YamlValues.value(root, path);
      TemplateContext ctx = new TemplateContext();
      List<Object> vars = list(top.get("vars"));
      if (Interpolation.isInterpolatedTree(vars)) {
        throw fail(topLines.get("vars"), "'vars'", "interpolating is not allowed", false);
      }
      try {
        ctx.loadFromVars(files, vars, dir, null, ParamsDependency.DEFAULT_FILE);
      } catch (TemplateException e) {
        throw fail(topLines.getOrDefault("vars", 0), "'vars'", e);
      }
      List<Stage> stages = new ArrayList<>();
      Map<String, Object> stageDefs = map(top.get("stages"));
      for (Map.Entry<String, Object> e : stageDefs.entrySet()) {
        Map<String, Object> def = map(e.getValue());
        String name = e.getKey();
        if (def.containsKey("matrix")) {
          matrix(ctx, name, def, stages);
        } else if (def.containsKey("foreach")) {
          foreach(ctx, name, def, stages);
        } else {
          stages.add(entry(ctx, name, def, false, stageLines.get(name)));
        }
      }
      List<String> params = new ArrayList<>();
      for (Object p : topList(ctx, top, "params")) {
        params.add(Interpolation.toStr(p));
      }
      Map<String, Object> artifacts = new LinkedHashMap<>();
      for (Map.Entry<String, Object> a : map(top.get("artifacts")).entrySet()) {
        Object name;
        try {
          Interpolation.checkSyntax(a.getKey());
          name = Interpolation.resolveString(a.getKey(), ctx, null);
          Interpolation.checkSyntax(a.getValue());
          artifacts.put(String.valueOf(name), Interpolation.resolve(a.getValue(), ctx, null));
        } catch (TemplateException ex) {
          throw fail(topLines.get("artifacts"), "'artifacts." + a.getKey() + "'", ex);
        }
        if (!(name instanceof String)) {
          throw fail(topLines.get("artifacts"), "'artifacts." + a.getKey() + "'",
              "expected str, got " + pythonType(name), false);
        }
      }
      return new PipelineFile(path, stages, params, topList(ctx, top, "metrics"), topList(ctx, top, "plots"),
          artifacts, topList(ctx, top, "datasets"));
    }

    private List<Object> topList(TemplateContext ctx, Map<String, Object> top, String key) {
      List<Object> out = new ArrayList<>();
      List<Object> items = top.get(key) instanceof List<?> l ? list(l) : top.containsKey(key) && top.get(key) != null
          ? List.of(top.get(key)) : List.of();
      for (int i = 0; i < items.size(); i++) {
        try {
          Interpolation.checkSyntax(items.get(i));
          out.add(Interpolation.resolve(items.get(i), ctx, null));
        } catch (TemplateException e) {
          throw fail(topLines.getOrDefault(key, 0), "'" + key + "." + i + "'", e);
        }
      }
      return out;
    }

    private Stage entry(TemplateContext context, String name, Map<String, Object> definition, boolean skipChecks,
        int line) {
      if (!skipChecks) {
        checkSyntax(definition, name, line);
      }
      TemplateContext ctx = context;
      String wdir = dir;
      if (definition.get("wdir") instanceof String w && !w.isEmpty()) {
        try {
          wdir = joinWdir(Interpolation.toStr(Interpolation.resolveString(w, ctx, null)), name, line);
        } catch (TemplateException e) {
          throw fail(line, "'stages." + name + ".wdir'", e);
        }
      }
      List<Object> vars = list(definition.get("vars"));
      if (Interpolation.isInterpolatedTree(vars)) {
        throw fail(line, "'stages." + name + ".vars'", "interpolating is not allowed", false);
      }
      if (!vars.isEmpty()) {
        ctx = ctx.copy();
        try {
          ctx.loadFromVars(files, vars, wdir, name, null);
        } catch (TemplateException e) {
          throw fail(line, e.block() ? "'stages." + name + ".vars'" : "stage '" + name + "'", e);
        }
      }
      Map<String, Object> resolved = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : definition.entrySet()) {
        if (e.getKey().equals("vars")) {
          continue;
        }
        try {
          resolved.put(e.getKey(), Interpolation.resolve(e.getValue(), ctx, e.getKey()));
        } catch (TemplateException ex) {
          throw fail(line, "'stages." + name + "." + e.getKey() + "'", ex);
        }
      }
      return new StageBuilder(path, name, line).build(resolved, wdir);
    }

    private String joinWdir(String wdir, String name, int line) {
      try {
        return Stage.join(dir, wdir, () -> "wdir '" + wdir + "' of stage '" + name + "'");
      } catch (JdvcException e) {
        throw new PipelineFileException(path, line, e.getMessage());
      }
    }

    private void checkSyntax(Map<String, Object> definition, String name, int line) {
      for (Map.Entry<String, Object> e : definition.entrySet()) {
        try {
          Interpolation.checkSyntax(e.getValue());
        } catch (TemplateException ex) {
          throw fail(line, "'stages." + name + "." + e.getKey() + "'", ex);
        }
      }
    }

    private void foreach(TemplateContext ctx, String name, Map<String, Object> def, List<Stage> out) {
      int line = stageLines.get(name);
      Map<String, Object> template = map(def.get("do"));
      checkSyntax(template, name, line);
      Object iterable;
      try {
        Interpolation.checkSyntax(def.get("foreach"));
        iterable = Interpolation.resolve(def.get("foreach"), ctx, null);
      } catch (TemplateException e) {
        throw fail(line, "'stages." + name + ".foreach'", e);
      }
      if (!(iterable instanceof Map || iterable instanceof List)) {
        throw new PipelineFileException(path, line, "failed to resolve 'stages." + name
            + ".foreach': expected list/dictionary, got " + pythonType(iterable));
      }
      Map<String, Object> normalized = new LinkedHashMap<>();
      if (iterable instanceof Map<?, ?> m) {
        m.forEach((k, v) -> normalized.put(Interpolation.toStr(k), v));
      } else {
        List<?> l = (List<?>) iterable;
        boolean composite = l.stream().anyMatch(v -> v instanceof Map || v instanceof List);
        for (int i = 0; i < l.size(); i++) {
          normalized.put(composite ? String.valueOf(i) : Interpolation.toStr(l.get(i)), l.get(i));
        }
      }
      for (Map.Entry<String, Object> e : normalized.entrySet()) {
        Map<String, Object> temp = new LinkedHashMap<>();
        temp.put("item", e.getValue());
        if (iterable instanceof Map) {
          temp.put("key", e.getKey());
        }
        Runnable undo = ctx.setTemporarily(temp);
        try {
          out.add(entry(ctx, name + JOIN + e.getKey(), template, true, line));
        } finally {
          undo.run();
        }
      }
    }

    private void matrix(TemplateContext ctx, String name, Map<String, Object> def, List<Stage> out) {
      int line = stageLines.get(name);
      Map<String, Object> template = new LinkedHashMap<>(def);
      Object matrixData = template.remove("matrix");
      checkSyntax(template, name, line);
      Object resolved;
      try {
        Interpolation.checkSyntax(matrixData);
        resolved = Interpolation.resolve(matrixData, ctx, null);
      } catch (TemplateException e) {
        throw fail(line, "'stages." + name + ".matrix'", e);
      }
      Map<String, List<Object>> axes = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : map(resolved).entrySet()) {
        if (e.getValue() instanceof List<?> l) {
          axes.put(e.getKey(), list(l));
        } else if (e.getValue() instanceof String s) {
          // Python iterates a string's characters, and so does DVC's product().
          axes.put(e.getKey(), new ArrayList<>(s.codePoints().mapToObj(Character::toString).toList()));
        } else {
          throw new PipelineFileException(path, line, "failed to resolve 'stages." + name + ".matrix." + e.getKey()
              + "': expected a list, got " + pythonType(e.getValue()));
        }
      }
      List<String> keys = new ArrayList<>(axes.keySet());
      Map<String, Map<String, Object>> combos = new LinkedHashMap<>();
      combine(axes, keys, 0, new ArrayList<>(), new LinkedHashMap<>(), combos);
      for (Map.Entry<String, Map<String, Object>> c : combos.entrySet()) {
        Map<String, Object> temp = new LinkedHashMap<>();
        temp.put("key", c.getKey());
        temp.put("item", java.util.Collections.unmodifiableMap(c.getValue()));
        Runnable undo = ctx.setTemporarily(temp);
        try {
          out.add(entry(ctx, name + JOIN + c.getKey(), template, true, line));
        } finally {
          undo.run();
        }
      }
    }

    private static void combine(Map<String, List<Object>> axes, List<String> keys, int at, List<String> fragments,
        Map<String, Object> item, Map<String, Map<String, Object>> out) {
      if (at == keys.size()) {
        out.put(String.join("-", fragments), new LinkedHashMap<>(item));
        return;
      }
      String k = keys.get(at);
      List<Object> values = axes.get(k);
      for (int i = 0; i < values.size(); i++) {
        Object v = values.get(i);
        fragments.add(v instanceof Map || v instanceof List ? k + i : Interpolation.toStr(v));
        item.put(k, v);
        combine(axes, keys, at + 1, fragments, item, out);
        fragments.remove(fragments.size() - 1);
        item.remove(k);
      }
    }

    private PipelineFileException fail(Integer line, String where, TemplateException e) {
      if (e.culprit() != null) {
        return new PipelineFileException(path, line == null ? 0 : line, "failed to parse " + where + ": "
            + e.getMessage(), e.culprit());
      }
      return fail(line, where, e.getMessage(), e.block());
    }

    private PipelineFileException fail(Integer line, String where, String message, boolean block) {
      return new PipelineFileException(path, line == null ? 0 : line,
          "failed to parse " + where + ":" + (block ? "\n" : " ") + message);
    }
  }

  static String pythonType(Object v) {
    if (v == null) {
      return "NoneType";
    } else if (v instanceof String) {
      return "str";
    } else if (v instanceof Boolean) {
      return "bool";
    } else if (v instanceof Double) {
      return "float";
    } else if (v instanceof Number) {
      return "int";
    } else if (v instanceof List) {
      return "list";
    }
    return "dict";
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o instanceof List<?> l ? (List<Object>) l : List.of();
  }
}
