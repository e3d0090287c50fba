package io.jdvc.pipeline;

import io.jdvc.JdvcException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * One stage of a {@code dvc.yaml}, after templating ({@code foreach}/{@code matrix} expanded, {@code ${…}}
 * resolved). Paths in {@code deps}, {@code params} and {@code outs} are as written, relative to {@link #wdir()}, the
 * repo-relative directory the command runs in ("" for the repository root).
 *
 * @param name DVC's name: {@code train}, {@code build@us} (foreach), {@code train@0.1-32} (matrix)
 * @param dvcFile the repo-relative path of the {@code dvc.yaml}, with {@code /} separators
 * @param cmd the command: one element for a string {@code cmd}, else the list's items
 * @param cmdIsList whether {@code cmd} was written as a list
 * @param outs outs, then metrics, then plots, each in file order
 */
public record Stage(String name, String dvcFile, String wdir, List<String> cmd, boolean cmdIsList, List<String> deps,
    List<ParamsDependency> params, List<StageOutput> outs, boolean frozen, boolean alwaysChanged, String desc,
    Object meta) {
  public static final String DEFAULT_DVC_FILE = "dvc.yaml";

  public Stage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dvcFile, "dvcFile");
    Objects.requireNonNull(wdir, "wdir");
    cmd = List.copyOf(cmd);
    deps = List.copyOf(deps);
    params = List.copyOf(params);
    outs = List.copyOf(outs);
  }

  /** How DVC names the stage in messages and targets: {@code train}, or {@code sub/dvc.yaml:train}. */
  public String address() {
    return dvcFile.equals(DEFAULT_DVC_FILE) ? name : dvcFile + ":" + name;
  }

  /** The directory of the {@code dvc.yaml}, repo-relative ("" for the root). */
  public String dvcFileDir() {
    int slash = dvcFile.lastIndexOf('/');
    return slash < 0 ? "" : dvcFile.substring(0, slash);
  }

  /**
   * A path relative to the stage's wdir as a normalized repo-relative path ({@code ..} allowed while it stays
   * inside the repository; "" is the root itself).
   *
   * @throws JdvcException if the path is absolute or leaves the repository
   */
  public String repoPath(String relToWdir) {
    return join(wdir, relToWdir, () -> "path '" + relToWdir + "' of stage '" + address() + "'");
  }

  /** The command as DVC records it in {@code dvc.lock}: a string cmd as is, a list's items joined by spaces. */
  public String commandText() {
    return String.join(" ", cmd);
  }

  /** The outputs of one kind, in file order. */
  public List<StageOutput> outs(StageOutput.Kind kind) {
    return outs.stream().filter(o -> o.kind() == kind).toList();
  }

  /**
   * {@code base/rel} normalized ({@code .} and {@code ..} folded, {@code /} separators, no trailing slash).
   *
   * @throws JdvcException if {@code rel} is absolute or the result leaves the repository
   */
  static String join(String base, String rel, java.util.function.Supplier<String> what) {
    String r = rel.replace('\\', '/');
    if (r.startsWith("/") || r.matches("[A-Za-z]:/.*")) {
      throw new JdvcException(what.get() + " is absolute", "write paths in dvc.yaml relative to the stage's wdir");
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String p : (base.isEmpty() ? r : base + "/" + r).split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (parts.isEmpty()) {
          throw new JdvcException(what.get() + " is outside the repository",
              "pipeline paths must stay inside the repository");
        }
        parts.removeLast();
      } else {
        parts.addLast(p);
      }
    }
    return String.join("/", parts);
  }
}
