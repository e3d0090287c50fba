package io.jdvc.pointer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole {@code .dvc} file: its outputs plus the other top-level keys DVC allows ({@code md5} stage checksum,
 * {@code wdir}, {@code deps}, {@code frozen}, legacy {@code locked}, {@code always_changed}, {@code desc},
 * {@code meta}), kept so that they round-trip. {@code deps} and {@code meta} are free-form YAML trees (see
 * {@link Output}); other nullable fields are null when absent. Two equal values write identical bytes, so callers
 * can skip a rewrite by comparing with what they read.
 */
public record DvcFile(
    List<Output> outs,
    String desc,
    String md5,
    String wdir,
    boolean frozen,
    boolean locked,
    List<Object> deps,
    boolean alwaysChanged,
    Object meta) {

  public DvcFile {
    outs = List.copyOf(Objects.requireNonNull(outs, "outs"));
    deps = deps == null ? null : List.copyOf(deps);
  }

  /** A file with only {@code outs}, as {@code dvc add} writes it. */
  public static DvcFile of(List<Output> outs) {
    return new DvcFile(outs, null, null, null, false, false, null, false, null);
  }

  /**
   * The directory the outputs' paths are relative to: the {@code .dvc} file's own directory {@code dvcDir},
   * joined with {@code wdir} if set (DVC's {@code resolve_paths}), normalized. The caller checks that it stays
   * inside the repository.
   */
  public Path outputDir(Path dvcDir) {
    return wdir == null ? dvcDir : dvcDir.resolve(wdir).normalize();
  }

  /** The same file with other outputs. */
  public DvcFile withOuts(List<Output> newOuts) {
    return new DvcFile(newOuts, desc, md5, wdir, frozen, locked, deps, alwaysChanged, meta);
  }

  /**
   * The URL of the repository this file imports its one output from ({@code dvc import}: one dep with a
   * {@code repo:} key and one out, DVC's {@code Stage.is_repo_import}), or null if it is no repository import.
   * Such data comes from the source repository, never from this project's remotes.
   */
  public String repoImportUrl() {
    if (deps == null || deps.size() != 1 || outs.size() != 1 || !(deps.get(0) instanceof Map<?, ?> dep)
        || !dep.containsKey("repo")) {
      return null;
    }
    return dep.get("repo") instanceof Map<?, ?> repo && repo.get("url") != null ? String.valueOf(repo.get("url"))
        : "";
  }
}
