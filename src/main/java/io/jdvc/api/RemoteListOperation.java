package io.jdvc.api;

import io.jdvc.repo.ConfigLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code jdvc remote list}: every configured remote over all config levels, with its
 * effective url and whether it is the default. Options other than the url, credentials included, are not part of
 * the result.
 */
public final class RemoteListOperation {
  private final Jdvc jdvc;

  RemoteListOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public RemoteListResult call() {
    ConfigEditor editor = new ConfigEditor(jdvc);
    String dflt = editor.effective("core.remote").map(Map.Entry::getValue).map(ConfigEditor::remoteName)
        .orElse(null);
    List<RemoteListResult.RemoteInfo> remotes = new ArrayList<>();
    for (String name : editor.remoteNames()) {
      String url = null;
      ConfigLevel from = null;
      for (ConfigLevel l : ConfigLevel.values()) {
        Map<String, String> section = editor.read(l).remote(name);
        if (!section.isEmpty() && (from == null || section.containsKey("url"))) {
          from = l;
          url = section.getOrDefault("url", url);
        }
      }
      remotes.add(new RemoteListResult.RemoteInfo(name, url, from, name.equals(dflt)));
    }
    return new RemoteListResult(remotes, dflt);
  }
}
