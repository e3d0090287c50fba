package io.jdvc.api;

import java.nio.file.Path;
import java.util.List;

/** The hooks directory and what happened to each of jdvc's hooks. */
public record InstallResult(Path hooksDir, List<Hook> hooks) {
  /** What install or uninstall did to one hook file. */
  public enum Action {
    /** A new hook file holding only jdvc's block. */
    CREATED,
    /** jdvc's block added to the user's existing hook. */
    APPENDED,
    /** jdvc's block replaced by the current version. */
    UPDATED,
    /** Already as it should be. */
    UNCHANGED,
    /** Uninstall: jdvc's block taken out of a hook that keeps the user's lines. */
    REMOVED,
    /** Uninstall: the hook held only jdvc's block and was deleted. */
    DELETED
  }

  /** One hook: its Git name ({@code pre-push}), its file and the action taken. */
  public record Hook(String name, Path file, Action action) {}
}
