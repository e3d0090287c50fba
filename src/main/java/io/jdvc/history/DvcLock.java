package io.jdvc.history;

import io.jdvc.JdvcException;
import io.jdvc.object.InvalidOidException;
import io.jdvc.object.Oid;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A read-only view of a {@code dvc.lock} (schema 2.0): its stages with their deps, params and outs. DVC writes each
 * path as {@code dvc.yaml} declares it, relative to the stage's {@code wdir}; paths here are made repo-relative
 * through the lock file's directory and the {@code wdir} the {@code dvc.yaml} beside it gives the stage, when that
 * file is at hand. Unknown keys are ignored: this only reads what history and audits need.
 */
public record DvcLock(String path, List<LockedStage> stages) {
  public static final String FILE_NAME = "dvc.lock";

  public DvcLock {
    stages = List.copyOf(stages);
  }

  /** Every out of every stage. */
  public List<RecordedOutput> outs() {
    List<RecordedOutput> all = new ArrayList<>();
    stages.forEach(s -> all.addAll(s.outs()));
    return all;
  }

  /**
   * The outputs a {@code dvc.yaml} declares with {@code cache: false} (in {@code outs}, {@code metrics} or
   * {@code plots} of any stage), as repo paths. DVC records them in {@code dvc.lock} without the flag, so only
   * the {@code dvc.yaml} beside it tells that their data never enters the cache or a remote. An unreadable file
   * gives none: every output is then taken as cached, the safe side for gc.
   */
  public static java.util.Set<String> uncachedOutputs(String yamlRepoPath, byte[] yaml) {
    java.util.Set<String> out = new java.util.HashSet<>();
    Object root;
    try {
      root = new Load(LoadSettings.builder().build()).loadFromString(new String(yaml, StandardCharsets.UTF_8));
    } catch (YamlEngineException e) {
      return out;
    }
    String dir = yamlRepoPath.contains("/") ? yamlRepoPath.substring(0, yamlRepoPath.lastIndexOf('/') + 1) : "";
    if (root instanceof Map<?, ?> top && top.get("stages") instanceof Map<?, ?> stageMap) {
      for (Object stage : stageMap.values()) {
        if (!(stage instanceof Map<?, ?> sm)) {
          continue;
        }
        Object body = sm.get("do") instanceof Map<?, ?> loop ? loop : sm; // foreach stages declare outs under do:
        String stageDir = ((Map<?, ?>) body).get("wdir") instanceof String w && !w.contains("${")
            && !normalize(w).isEmpty() ? dir + normalize(w) + "/" : dir;
        for (String kind : List.of("outs", "metrics", "plots")) {
          if (((Map<?, ?>) body).get(kind) instanceof List<?> items) {
            for (Object item : items) {
              if (item instanceof Map<?, ?> m && m.size() == 1 && m.values().iterator().next() instanceof Map<?, ?> f
                  && Boolean.FALSE.equals(f.get("cache"))) {
                out.add(normalize(stageDir + m.keySet().iterator().next()));
              }
            }
          }
        }
      }
    }
    return out;
  }

  /** The repo path of the {@code dvc.yaml} beside the {@code dvc.lock} at {@code lockRepoPath}. */
  public static String pipelineFileOf(String lockRepoPath) {
    return lockRepoPath.substring(0, lockRepoPath.length() - FILE_NAME.length()) + "dvc.yaml";
  }

  /**
   * The {@code wdir} of each stage of a {@code dvc.yaml} that declares one other than {@code .}, by stage name (a
   * foreach or matrix stage by the name of its group, as each of its {@code name@key} stages shares it). A
   * templated {@code wdir} is left out, as is everything of an unreadable file.
   */
  static Map<String, String> wdirs(byte[] yaml) {
    Map<String, String> out = new java.util.HashMap<>();
    Object root;
    try {
      root = new Load(LoadSettings.builder().build()).loadFromString(new String(yaml, StandardCharsets.UTF_8));
    } catch (YamlEngineException e) {
      return out;
    }
    if (root instanceof Map<?, ?> top && top.get("stages") instanceof Map<?, ?> stageMap) {
      for (Map.Entry<?, ?> e : stageMap.entrySet()) {
        if (!(e.getValue() instanceof Map<?, ?> sm)) {
          continue;
        }
        Object body = sm.get("do") instanceof Map<?, ?> loop ? loop : sm;
        if (((Map<?, ?>) body).get("wdir") instanceof String w && !w.contains("${")) {
          String norm = normalize(w);
          if (!norm.isEmpty()) {
            out.put(String.valueOf(e.getKey()), norm);
          }
        }
      }
    }
    return out;
  }

  /**
   * Parses a {@code dvc.lock}'s bytes.
   *
   * @param repoPath the lock file's repo-relative path, for output paths and messages
   * @throws JdvcException if it is not YAML of the documented shape
   */
  public static DvcLock parse(String repoPath, byte[] bytes) {
    return parse(repoPath, bytes, null);
  }

  /**
   * As {@link #parse(String, byte[])}, with each stage's paths taken relative to the {@code wdir} that
   * {@code pipelineYaml}, the bytes of the {@code dvc.yaml} beside the lock (null if there is none), gives it.
   */
  public static DvcLock parse(String repoPath, byte[] bytes, byte[] pipelineYaml) {
    Map<String, String> wdirs = pipelineYaml == null ? Map.of() : wdirs(pipelineYaml);
    Object root;
    try {
      root = new Load(LoadSettings.builder().build()).loadFromString(new String(bytes, StandardCharsets.UTF_8));
    } catch (YamlEngineException e) {
      throw corrupt(repoPath, "not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      return new DvcLock(repoPath, List.of());
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw corrupt(repoPath, "the top level is not a mapping");
    }
    String dir = repoPath.contains("/") ? repoPath.substring(0, repoPath.lastIndexOf('/') + 1) : "";
    List<LockedStage> stages = new ArrayList<>();
    if (top.get("stages") instanceof Map<?, ?> stageMap) {
      for (Map.Entry<?, ?> e : stageMap.entrySet()) {
        String name = String.valueOf(e.getKey());
        if (!(e.getValue() instanceof Map<?, ?> stage)) {
          throw corrupt(repoPath, "stage '" + name + "' is not a mapping");
        }
        Object cmd = stage.get("cmd");
        String cmdText = cmd instanceof List<?> l ? String.join("\n", l.stream().map(String::valueOf).toList())
            : cmd == null ? null : String.valueOf(cmd);
        String wdir = wdirs.get(name.contains("@") ? name.substring(0, name.indexOf('@')) : name);
        String stageDir = wdir == null ? dir : dir + wdir + "/";
        stages.add(new LockedStage(name, cmdText, entries(repoPath, stageDir, name, stage.get("deps")),
            params(stage.get("params")), entries(repoPath, stageDir, name, stage.get("outs"))));
      }
    }
    return new DvcLock(repoPath, stages);
  }

  private static List<RecordedOutput> entries(String repoPath, String dir, String stage, Object list) {
    List<RecordedOutput> out = new ArrayList<>();
    if (!(list instanceof List<?> items)) {
      return out;
    }
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> m) || m.get("path") == null) {
        throw corrupt(repoPath, "stage '" + stage + "' has an entry without a path");
      }
      String path = normalize(dir + m.get("path"));
      boolean legacy = m.get("hash") == null;
      Oid oid = null;
      Object md5 = m.get("md5");
      if (md5 != null) {
        try {
          oid = Oid.parse(hashText(md5), legacy);
        } catch (InvalidOidException e) {
          throw corrupt(repoPath, "stage '" + stage + "', '" + path + "': " + e.getMessage());
        }
      }
      boolean cached = !Boolean.FALSE.equals(m.get("cache"));
      out.add(new RecordedOutput(repoPath, stage, path, oid, number(m.get("size")), number(m.get("nfiles")),
          cached));
    }
    return out;
  }

  private static Map<String, Map<String, Object>> params(Object value) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> files) {
      for (Map.Entry<?, ?> f : files.entrySet()) {
        Map<String, Object> keys = new LinkedHashMap<>();
        if (f.getValue() instanceof Map<?, ?> km) {
          km.forEach((k, v) -> keys.put(String.valueOf(k), v));
        }
        out.put(String.valueOf(f.getKey()), Collections.unmodifiableMap(keys));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** YAML reads an all-digit md5 as an integer; give it back its 32 digits. */
  private static String hashText(Object md5) {
    if (md5 instanceof Integer || md5 instanceof Long || md5 instanceof BigInteger) {
      String digits = md5.toString();
      return "0".repeat(Math.max(0, 32 - digits.length())) + digits;
    }
    return String.valueOf(md5);
  }

  private static Long number(Object v) {
    return v instanceof Number n ? n.longValue() : null;
  }

  /** Drops {@code ./} segments so lock paths compare equal to paths built from {@code .dvc} files: {@code a/./b//c} as {@code a/b/c}, and {@code sub/../x} as {@code x}; a {@code ..} above the root stays. */
  static String normalize(String path) {
    List<String> parts = new ArrayList<>();
    for (String seg : path.split("/")) {
      if (seg.equals("..") && !parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
        parts.remove(parts.size() - 1);
      } else if (!seg.isEmpty() && !seg.equals(".")) {
        parts.add(seg);
      }
    }
    return String.join("/", parts);
  }

  private static JdvcException corrupt(String path, String problem) {
    return new JdvcException(path + ": " + problem, "fix or regenerate it with 'dvc repro'");
  }
}
