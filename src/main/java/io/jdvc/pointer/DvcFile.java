package io.jdvc.pointer;

import java.util.List;
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

  /** The same file with other outputs. */
  public DvcFile withOuts(List<Output> newOuts) {
    return new DvcFile(newOuts, desc, md5, wdir, frozen, locked, deps, alwaysChanged, meta);
  }
}
