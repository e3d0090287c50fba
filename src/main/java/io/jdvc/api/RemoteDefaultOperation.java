package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.repo.ConfigFile;
import io.jdvc.repo.ConfigLevel;
import java.io.IOException;
import java.util.Map;

/**
 * {@code jdvc remote default}: shows the default remote ({@code core.remote}, effective over all levels), sets it
 * to an existing remote, or unsets it at one level.
 */
public final class RemoteDefaultOperation {
  private final Jdvc jdvc;
  private String name;
  private boolean unset;
  private ConfigLevel level = ConfigLevel.REPO;
  private boolean allowNone;

  RemoteDefaultOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  /** The remote to make the default; null to only read the current one. */
  public RemoteDefaultOperation name(String value) {
    this.name = value;
    return this;
  }

  public RemoteDefaultOperation unset(boolean value) {
    this.unset = value;
    return this;
  }

  /** When only reading: return a null name instead of failing if no default is set (for JSON output). */
  public RemoteDefaultOperation allowNone(boolean value) {
    this.allowNone = value;
    return this;
  }

  public RemoteDefaultOperation level(ConfigLevel value) {
    this.level = value;
    return this;
  }

  public RemoteDefaultResult call() throws IOException {
    ConfigEditor editor = new ConfigEditor(jdvc);
    if (unset) {
      if (name != null) {
        throw new JdvcException("--unset takes no NAME", "run 'jdvc remote default --unset'");
      }
      ConfigFile f = editor.read(level);
      boolean changed = f.unset("core.remote");
      if (changed) {
        editor.save(level);
      }
      String now = editor.effective("core.remote").map(Map.Entry::getValue).orElse(null);
      return new RemoteDefaultResult(now, changed);
    }
    if (name == null) {
      if (allowNone && editor.effective("core.remote").isEmpty()) {
        return new RemoteDefaultResult(null, false);
      }
      String current = editor.effective("core.remote").map(Map.Entry::getValue)
          .orElseThrow(() -> new JdvcException("no default remote is set",
              "set one with 'jdvc remote default NAME' (see 'jdvc remote list')"));
      return new RemoteDefaultResult(ConfigEditor.remoteName(current), false);
    }
    String n = ConfigEditor.remoteName(name);
    if (editor.mergedRemote(n).isEmpty()) {
      throw editor.noSuchRemote(n);
    }
    ConfigFile f = editor.read(level);
    boolean changed = !f.get("core.remote").map(n::equals).orElse(false);
    if (changed) {
      f.set("core.remote", n);
      editor.save(level);
    }
    return new RemoteDefaultResult(n, changed);
  }
}
