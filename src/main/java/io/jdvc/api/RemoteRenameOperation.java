package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.repo.ConfigFile;
import io.jdvc.repo.ConfigLevel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jdvc remote rename}: renames the remote at every level that defines it (so options split between
 * {@code config} and {@code config.local} stay together) and repoints {@code core.remote} wherever it named the
 * old name. Like DVC, the renamed section moves after the other remotes.
 */
public final class RemoteRenameOperation {
  private final Jdvc jdvc;
  private String oldName;
  private String newName;

  RemoteRenameOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public RemoteRenameOperation oldName(String value) {
    this.oldName = value;
    return this;
  }

  public RemoteRenameOperation newName(String value) {
    this.newName = value;
    return this;
  }

  public RemoteRenameResult call() throws IOException {
    String from = ConfigEditor.remoteName(oldName);
    String to = ConfigEditor.remoteName(newName);
    ConfigEditor editor = new ConfigEditor(jdvc);
    if (editor.mergedRemote(from).isEmpty()) {
      throw editor.noSuchRemote(from);
    }
    if (from.equals(to)) {
      return new RemoteRenameResult(from, to, List.of(), false);
    }
    if (!editor.mergedRemote(to).isEmpty()) {
      throw new JdvcException("remote '" + to + "' already exists",
          "choose another name, or remove it first with 'jdvc remote remove " + to + "'");
    }
    List<ConfigLevel> renamedIn = new ArrayList<>();
    boolean wasDefault = false;
    editor.requireInRepository(from);
    for (ConfigLevel l : ConfigLevel.values()) {
      if (l.isUserLevel()) {
        continue; // other repositories use those files too
      }
      ConfigFile f = editor.read(l);
      boolean isDefaultHere = f.get("core.remote").map(r -> r.equalsIgnoreCase(from)).orElse(false);
      boolean definedHere = !f.remote(from).isEmpty();
      if (definedHere) {
        f.renameRemote(from, to); // also repoints core.remote in this file
        renamedIn.add(l);
      } else if (isDefaultHere) {
        f.set("core.remote", to);
      }
      if (definedHere || isDefaultHere) {
        wasDefault |= isDefaultHere;
        editor.save(l);
      }
    }
    return new RemoteRenameResult(from, to, renamedIn, wasDefault);
  }
}
