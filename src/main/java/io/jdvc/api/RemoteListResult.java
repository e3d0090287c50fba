package io.jdvc.api;

import io.jdvc.repo.ConfigLevel;
import java.util.List;

/** The configured remotes in config order, and the default's name (null if none is set). */
public record RemoteListResult(List<RemoteInfo> remotes, String defaultRemote) {
  /**
   * One remote.
   *
   * @param url as stored (a relative path is relative to {@code .dvc/}); null if no level sets one
   * @param level the level its url comes from (or, without url, the first that defines it)
   */
  public record RemoteInfo(String name, String url, ConfigLevel level, boolean isDefault) {}
}
