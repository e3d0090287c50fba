package io.jdvc.api;

import io.jdvc.repo.ConfigFile;
import io.jdvc.repo.ConfigLevel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jdvc remote remove}: deletes the remote from every level that defines it, and {@code core.remote} from
 * every level where it names the removed remote, as {@code dvc remote remove} does.
 */
public final class RemoteRemoveOperation {
  private final Jdvc jdvc;
  private String name;

  RemoteRemoveOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public RemoteRemoveOperation name(String value) {
    this.name = value;
    return this;
  }

  public RemoteRemoveResult call() throws IOException {
    String n = ConfigEditor.remoteName(name);
    ConfigEditor editor = new ConfigEditor(jdvc);
    if (editor.mergedRemote(n).isEmpty()) {
      throw editor.noSuchRemote(n);
    }
    List<ConfigLevel> removedFrom = new ArrayList<>();
    boolean wasDefault = false;
    editor.requireInRepository(n);
    for (ConfigLevel l : ConfigLevel.values()) {
      if (l.isUserLevel()) {
        continue; // other repositories use those files too
      }
      ConfigFile f = editor.read(l);
      boolean isDefaultHere = f.get("core.remote").map(r -> r.equalsIgnoreCase(n)).orElse(false);
      boolean definedHere = f.remote(n).size() > 0;
      if (definedHere || isDefaultHere) {
        f.removeRemote(n); // also drops core.remote when it names n
        if (definedHere) {
          removedFrom.add(l);
        }
        wasDefault |= isDefaultHere;
        editor.save(l);
      }
    }
    return new RemoteRemoveResult(n, removedFrom, wasDefault);
  }
}
