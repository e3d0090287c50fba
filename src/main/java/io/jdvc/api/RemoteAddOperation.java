package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.remote.Remotes;
import io.jdvc.repo.ConfigFile;
import io.jdvc.repo.ConfigLevel;
import java.io.IOException;
import java.util.ArrayList;

/**
 * {@code jdvc remote add}: writes {@code ['remote "name"']} with its {@code url} to {@code .dvc/config} (or
 * {@code config.local}), as {@code dvc remote add} does: the name is lower-cased, a relative local path typed
 * relative to the working directory is stored relative to {@code .dvc/}, and an existing remote of that name at
 * the same level is replaced only with {@code force}.
 */
public final class RemoteAddOperation {
  private final Jdvc jdvc;
  private String name;
  private String url;
  private boolean makeDefault;
  private boolean force;
  private ConfigLevel level = ConfigLevel.REPO;

  RemoteAddOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public RemoteAddOperation name(String value) {
    this.name = value;
    return this;
  }

  /** {@code s3://bucket[/prefix]}, {@code file:///path}, or a local directory path. */
  public RemoteAddOperation url(String value) {
    this.url = value;
    return this;
  }

  /** Also make it the default remote ({@code core.remote}, at the same level). */
  public RemoteAddOperation makeDefault(boolean value) {
    this.makeDefault = value;
    return this;
  }

  /** Replace an existing remote of the same name (all of its options). */
  public RemoteAddOperation force(boolean value) {
    this.force = value;
    return this;
  }

  public RemoteAddOperation level(ConfigLevel value) {
    this.level = value;
    return this;
  }

  public RemoteAddResult call() throws IOException {
    String n = ConfigEditor.remoteName(name);
    if (url == null || url.isBlank()) {
      throw new JdvcException("remote '" + n + "' needs a URL", "e.g. s3://bucket/prefix or a directory path");
    }
    if (Remotes.isForeign(url)) {
      jdvc.notice(Remotes.foreignNotice(n, url));
    } else {
      Remotes.validateUrl(n, url);
    }
    ConfigEditor editor = new ConfigEditor(jdvc);
    ConfigFile f = editor.read(level);
    if (!f.remote(n).isEmpty()) {
      if (!force) {
        throw new JdvcException("remote '" + n + "' already exists in " + editor.relative(editor.file(level)),
            "use -f/--force to overwrite it, or 'jdvc remote modify " + n + " url URL' to change its URL");
      }
      // DVC assigns a fresh section: every old option goes, the position stays.
      for (String option : new ArrayList<>(f.remote(n).keySet())) {
        f.unset("remote." + n + "." + option);
      }
    }
    String stored = editor.storedPath(level, url);
    f.setRemoteOption(n, "url", stored);
    if (makeDefault) {
      f.set("core.remote", n);
    }
    editor.save(level);
    return new RemoteAddResult(n, stored, level, editor.file(level), makeDefault);
  }
}
