package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.repo.ConfigLevel;
import java.io.IOException;
import java.util.Locale;

/**
 * {@code jdvc remote modify}: sets or unsets one option of an existing remote. The option is checked against the
 * options of that kind of remote (S3 or local directory); path options are stored relative to {@code .dvc/}.
 * Writing a credential to the Git-tracked {@code .dvc/config} is done, as DVC does, but reported as a notice
 * beforehand; the value itself never appears in a notice or result.
 */
public final class RemoteModifyOperation {
  private final Jdvc jdvc;
  private String name;
  private String option;
  private String value;
  private boolean unset;
  private ConfigLevel level = ConfigLevel.REPO;

  RemoteModifyOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public RemoteModifyOperation name(String v) {
    this.name = v;
    return this;
  }

  /** The option, such as {@code endpointurl} or {@code region}; case-insensitive. */
  public RemoteModifyOperation option(String v) {
    this.option = v;
    return this;
  }

  public RemoteModifyOperation value(String v) {
    this.value = v;
    return this;
  }

  public RemoteModifyOperation unset(boolean v) {
    this.unset = v;
    return this;
  }

  public RemoteModifyOperation level(ConfigLevel v) {
    this.level = v;
    return this;
  }

  public RemoteModifyResult call() throws IOException {
    String n = ConfigEditor.remoteName(name);
    if (option == null || option.isBlank() || option.contains(".")) {
      throw new JdvcException("invalid option '" + option + "'", "name one option, e.g. endpointurl or region");
    }
    String opt = option.strip().toLowerCase(Locale.ROOT);
    if (unset == (value != null)) {
      throw new JdvcException(unset ? "--unset takes no VALUE" : "missing VALUE for '" + opt + "'",
          unset ? "drop the value" : "usage: jdvc remote modify " + n + " " + opt + " VALUE");
    }
    ConfigEditor editor = new ConfigEditor(jdvc);
    if (editor.mergedRemote(n).isEmpty()) {
      throw editor.noSuchRemote(n);
    }
    ConfigLevel target = ConfigLevel.forOption(level, opt);
    boolean secretInGit = editor.editRemoteOption(target, n, opt, value, unset);
    editor.save(target);
    return new RemoteModifyResult(n, opt, unset, target, editor.file(target), secretInGit);
  }
}
