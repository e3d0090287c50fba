package io.jdvc.api;

import io.jdvc.AtomicFiles;
import io.jdvc.JdvcException;
import io.jdvc.git.GitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code jdvc install}: puts jdvc's Git hooks in place, like {@code dvc install}: {@code post-checkout} runs
 * {@code jdvc checkout} after a branch switch, {@code pre-commit} runs {@code jdvc status}, {@code pre-push} runs
 * {@code jdvc push}. The hooks directory is Git's ({@code core.hooksPath} honoured).
 *
 * <p>A user's hook is never replaced: jdvc's block is appended to an existing shell script, and a hook in
 * another language is refused with a message naming it (before anything is written). Running install again
 * changes nothing; {@code uninstall} removes jdvc's blocks and deletes hooks that held nothing else. DVC's merge
 * driver for {@code .dvc} files is not installed.
 */
public final class InstallOperation {
  private final Jdvc jdvc;
  private boolean uninstall;

  InstallOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public InstallOperation uninstall(boolean value) {
    this.uninstall = value;
    return this;
  }

  public InstallResult call() throws IOException {
    GitRepo git = jdvc.git().orElseThrow(() -> new JdvcException("jdvc install needs a Git repository",
        "hooks are Git's: run 'git init' and 'jdvc init' first"));
    Path dir = git.hooksDir();
    List<InstallResult.Hook> hooks = new ArrayList<>();
    if (uninstall) {
      for (HookScript h : HookScript.all()) {
        hooks.add(new InstallResult.Hook(h.hookName(), dir.resolve(h.hookName()), uninstallOne(h, dir)));
      }
      return new InstallResult(dir, hooks);
    }
    // Check every hook before writing any, so a refusal leaves nothing half-installed.
    List<String> existing = new ArrayList<>();
    for (HookScript h : HookScript.all()) {
      String script = readIfExists(dir.resolve(h.hookName()));
      existing.add(script);
      if (script != null && !h.isInstalledIn(script) && !HookScript.isShellScript(script)) {
        throw new JdvcException("the existing Git hook '" + h.hookName() + "' (" + dir.resolve(h.hookName())
            + ") is not a shell script, so jdvc cannot add its commands to it",
            "add 'jdvc " + command(h) + "' to that hook yourself, or move it away and run 'jdvc install' again");
      }
    }
    Files.createDirectories(dir);
    for (int i = 0; i < HookScript.all().size(); i++) {
      HookScript h = HookScript.all().get(i);
      hooks.add(new InstallResult.Hook(h.hookName(), dir.resolve(h.hookName()),
          installOne(h, dir.resolve(h.hookName()), existing.get(i))));
    }
    return new InstallResult(dir, hooks);
  }

  private InstallResult.Action installOne(HookScript h, Path file, String script) throws IOException {
    InstallResult.Action action;
    String updated;
    if (script == null) {
      updated = h.newScript();
      action = InstallResult.Action.CREATED;
    } else if (h.isInstalledIn(script)) {
      updated = h.refresh(script);
      action = updated.equals(script) ? InstallResult.Action.UNCHANGED : InstallResult.Action.UPDATED;
    } else {
      if (HookScript.endsScript(script)) {
        jdvc.notice("the existing Git hook '" + h.hookName() + "' ends with exit/exec, so the jdvc commands "
            + "appended to it will not run; move its last line below jdvc's block in " + file);
      }
      updated = h.append(script);
      action = InstallResult.Action.APPENDED;
    }
    if (action == InstallResult.Action.CREATED) {
      AtomicFiles.write(file, updated.getBytes(StandardCharsets.UTF_8));
    } else if (action != InstallResult.Action.UNCHANGED) {
      rewriteInPlace(file, updated);
    }
    makeExecutable(file);
    return action;
  }

  private InstallResult.Action uninstallOne(HookScript h, Path dir) throws IOException {
    Path file = dir.resolve(h.hookName());
    String script = readIfExists(file);
    if (script == null || !h.isInstalledIn(script)) {
      return InstallResult.Action.UNCHANGED;
    }
    String rest = h.remove(script);
    if (HookScript.isEmptyScript(rest)) {
      Files.delete(file);
      return InstallResult.Action.DELETED;
    }
    rewriteInPlace(file, rest);
    return InstallResult.Action.REMOVED;
  }

  /**
   * Rewrites a user's hook in place rather than by rename, so that its permissions, owner and a symlink (hook
   * managers link hooks into place) survive. Hooks are a few hundred bytes; a torn write is not a real risk.
   */
  private static void rewriteInPlace(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static String command(HookScript h) {
    switch (h) {
      case POST_CHECKOUT:
        return "checkout";
      case PRE_COMMIT:
        return "status";
      default:
        return "push";
    }
  }

  private static String readIfExists(Path file) throws IOException {
    return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
  }

  /** Git runs only executable hooks: add x wherever r is set (a new file becomes 0755 under umask 022). */
  private static void makeExecutable(Path file) throws IOException {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      perms.add(PosixFilePermission.OWNER_EXECUTE);
      if (perms.contains(PosixFilePermission.GROUP_READ)) {
        perms.add(PosixFilePermission.GROUP_EXECUTE);
      }
      if (perms.contains(PosixFilePermission.OTHERS_READ)) {
        perms.add(PosixFilePermission.OTHERS_EXECUTE);
      }
      Files.setPosixFilePermissions(file, perms);
    } catch (UnsupportedOperationException e) {
      if (!file.toFile().setExecutable(true)) {
        throw new IOException("cannot make " + file + " executable", e);
      }
    }
  }
}
