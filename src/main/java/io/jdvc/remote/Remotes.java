package io.jdvc.remote;

import io.jdvc.JdvcException;
import io.jdvc.remote.local.LocalRemote;
import io.jdvc.remote.s3.S3Remote;
import io.jdvc.remote.s3.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Builds a {@link Remote} from one {@code ['remote "name"']} section of {@code .dvc/config}, by URL scheme. */
public final class Remotes {
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.\\-]*://.*");
  /** Keys DVC accepts for a local remote; jdvc needs only url, the rest is the transfer layer's or a no-op. */
  private static final Set<String> LOCAL_KEYS =
      Set.of("url", "jobs", "verify", "checksum_jobs", "no_traverse", "shared", "type", "protected",
          "slow_link_warning");

  private Remotes() {}

  /**
   * Opens the remote {@code name}. {@code section} holds the section's keys in lower case. A relative local
   * path is relative to {@code configDir} (the {@code .dvc/} directory holding the config), as DVC stores it.
   */
  public static Remote open(String name, Map<String, String> section, Path configDir) {
    String url = section.get("url");
    if (url == null || url.isBlank()) {
      throw new JdvcException(
          "remote '" + name + "' has no url", "set one: 'jdvc remote modify " + name + " url <url>'");
    }
    if (url.startsWith("s3://")) {
      return new S3Remote(name, S3Settings.fromConfig(name, section));
    }
    Path root;
    if (url.startsWith("file://")) {
      root = Path.of(URI.create(url));
    } else if (SCHEME.matcher(url).matches()) {
      throw new JdvcException(
          "unsupported remote URL scheme '" + url.substring(0, url.indexOf("://")) + "' for remote '" + name + "'",
          "jdvc supports s3:// remotes (including S3-compatible servers via endpointurl) and local directories");
    } else {
      root = configDir.resolve(url).normalize();
    }
    for (String key : section.keySet()) {
      if (!LOCAL_KEYS.contains(key)) {
        throw new JdvcException(
            "remote '" + name + "': option '" + key + "' does not apply to a local directory remote",
            "remove it from .dvc/config");
      }
    }
    return new LocalRemote(name, root);
  }
}
