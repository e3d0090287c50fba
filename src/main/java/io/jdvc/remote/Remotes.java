package io.jdvc.remote;

import io.jdvc.JdvcException;
import io.jdvc.remote.http.HttpRemote;
import io.jdvc.remote.http.HttpSettings;
import io.jdvc.remote.local.LocalRemote;
import io.jdvc.remote.s3.S3Remote;
import io.jdvc.remote.s3.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Builds a {@link Remote} from one {@code ['remote "name"']} section of {@code .dvc/config}, by URL scheme. */
public final class Remotes {
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.\\-]*://.*");
  /** Keys DVC accepts for a local remote; jdvc needs only url, the rest is the transfer layer's or a no-op. */
  private static final Set<String> LOCAL_KEYS =
      Set.of("url", "jobs", "verify", "checksum_jobs", "no_traverse", "shared", "type", "protected",
          "slow_link_warning");

  /**
   * Options that hold credentials. They belong in {@code .dvc/config.local}, which Git ignores, and are never
   * shown by jdvc.
   */
  public static final Set<String> SECRET_OPTIONS =
      Set.of("secret_access_key", "access_key_id", "session_token", "sse_customer_key", "password");

  private Remotes() {}

  /** Whether {@code option} (a remote key such as {@code secret_access_key}) holds a credential. */
  public static boolean isSecret(String option) {
    return SECRET_OPTIONS.contains(option.toLowerCase(Locale.ROOT));
  }

  /**
   * Checks a remote section as {@link #open} would, without connecting: the URL scheme, and every option's name
   * and value for that kind of remote (S3 or local directory).
   */
  public static void validate(String name, Map<String, String> section) {
    String url = section.get("url");
    if (url == null || url.isBlank()) {
      throw new JdvcException(
          "remote '" + name + "' has no url", "set one: 'jdvc remote modify " + name + " url <url>'");
    }
    if (url.startsWith("s3://")) {
      S3Settings.fromConfig(name, section);
      return;
    }
    if (isHttp(url)) {
      HttpSettings.fromConfig(name, section);
      return;
    }
    localRoot(name, url, Path.of("."));
    checkLocalKeys(name, section);
  }

  /**
   * Checks a URL given to {@code jdvc remote add}: {@code s3://bucket[/prefix]}, {@code file://} or a local path.
   */
  public static void validateUrl(String name, String url) {
    validate(name, Map.of("url", url));
  }

  /**
   * Checks one option on its own, for a remote whose url is {@code url}: its name must be known for that kind of
   * remote and its value well-formed. Rules that tie two options together ({@code access_key_id} needs
   * {@code secret_access_key}) are left to {@link #validate}, because users set such pairs one at a time.
   */
  public static void validateOption(String name, String url, String option, String value) {
    Map<String, String> probe = new HashMap<>();
    probe.put("url", url);
    probe.put(option, value);
    if (url != null && url.startsWith("s3://")) {
      if (option.equals("access_key_id")) {
        probe.put("secret_access_key", "probe");
      } else if (option.equals("secret_access_key")) {
        probe.put("access_key_id", "probe");
      } else if (option.equals("sse_kms_key_id")) {
        probe.put("sse", "aws:kms");
      }
    }
    if (url != null && isHttp(url) && option.equals("auth")) { // users set auth before or after user
      probe.put("user", "probe");
      probe.put("custom_auth_header", "X-Probe");
    }
    if (url != null && isForeign(url)) { // DVC checks the options of its other kinds; jdvc only their types
      checkValue(name, option, value);
      return;
    }
    validate(name, probe);
    if (!(url != null && isHttp(url) && INT_OPTIONS.contains(option))) { // HTTP's timeouts are floats
      checkValue(name, option, value);
    }
  }

  /**
   * Whether {@code url} names a remote of a kind DVC has and jdvc does not speak ({@code gs://}, {@code ssh://},
   * ...): one jdvc keeps in the config, as DVC projects have them, but cannot transfer to or from.
   */
  public static boolean isForeign(String url) {
    return SCHEME.matcher(url).matches() && !url.startsWith("s3://") && !isHttp(url) && !url.startsWith("file://");
  }

  /** The one line that says jdvc cannot transfer to or from the remote {@code name} at {@code url}. */
  public static String foreignNotice(String name, String url) {
    return unsupported(name, url).getMessage() + "; it is kept for DVC, which checks its other options";
  }

  /** Remote options DVC's schema ({@code dvc/config_schema.py}) types as {@code Bool}. */
  private static final Set<String> BOOLEAN_OPTIONS = Set.of("worktree", "no_traverse", "version_aware", "verify",
      "protected", "slow_link_warning", "listobjects", "use_ssl", "allow_anonymous_login");
  /** {@code All(Coerce(int), Range(1))}. */
  private static final Set<String> POSITIVE_INT_OPTIONS = Set.of("jobs", "checksum_jobs");
  /** {@code Coerce(int)} (S3's timeouts). */
  private static final Set<String> INT_OPTIONS = Set.of("read_timeout", "connect_timeout");
  private static final Pattern INT = Pattern.compile("\\s*[+-]?\\d+\\s*");
  private static final Set<String> LINK_TYPES = Set.of("reflink", "hardlink", "symlink", "copy");

  /**
   * Refuses a value that DVC's config schema refuses, for the typed options (booleans, integers, choices): a
   * config DVC cannot validate makes every DVC command fail. Values are kept as typed, as DVC writes them.
   */
  private static void checkValue(String name, String option, String value) {
    String problem = null;
    String lower = value.toLowerCase(Locale.ROOT);
    if (BOOLEAN_OPTIONS.contains(option)) {
      problem = lower.equals("true") || lower.equals("false") ? null : " must be true or false";
    } else if (POSITIVE_INT_OPTIONS.contains(option)) {
      problem = INT.matcher(value).matches() && new java.math.BigInteger(value.strip()).signum() > 0 ? null
          : " must be a whole number >= 1";
    } else if (INT_OPTIONS.contains(option)) {
      problem = INT.matcher(value).matches() ? null : " must be a whole number";
    } else if (option.equals("shared")) {
      problem = lower.equals("group") ? null : " must be 'group'";
    } else if (option.equals("type")) {
      for (String t : value.split(",", -1)) {
        if (!LINK_TYPES.contains(t.strip())) {
          problem = " must list link types out of reflink, hardlink, symlink, copy ('" + t.strip()
              + "' is none)";
        }
      }
    } else if (option.equals("cache_regions")) {
      throw new JdvcException("remote '" + name + "': cache_regions cannot be set: DVC's config schema wants a "
          + "boolean object where a config file can only hold text, so any value makes every DVC command fail",
          "leave it unset; jdvc ignores it");
    }
    if (problem != null) {
      throw new JdvcException("remote '" + name + "': " + option + problem + ", not '" + value + "'",
          "DVC's config schema refuses any other value, which would make every DVC command fail");
    }
  }

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
    if (isHttp(url)) {
      return new HttpRemote(name, HttpSettings.fromConfig(name, section));
    }
    Path root = localRoot(name, url, configDir);
    checkLocalKeys(name, section);
    return new LocalRemote(name, root);
  }

  /**
   * A file outside any repository ({@code import-url}): {@code s3://} and {@code http(s)://} URLs, read with the
   * keys of a remote section {@code options} (endpoint, credentials; may be empty). Local paths are the caller's; other schemes are refused clearly.
   */
  public static ExternalFile externalFile(String url, Map<String, String> options) {
    Map<String, String> section = new HashMap<>(options);
    section.put("url", url);
    if (isHttp(url)) {
      return new HttpRemote("import-url", HttpSettings.fromConfig("import-url", section)).asFile();
    }
    if (url.startsWith("s3://")) {
      return new S3Remote("import-url", S3Settings.fromConfig("import-url", section)).asFile();
    }
    String scheme = SCHEME.matcher(url).matches() ? url.substring(0, url.indexOf("://")) : "file";
    throw new UnsupportedRemoteException("import-url: unsupported URL scheme '" + scheme + "' in " + url,
        "jdvc imports s3://, http:// and https:// URLs and local paths");
  }

  private static boolean isHttp(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  private static Path localRoot(String name, String url, Path configDir) {
    if (url.startsWith("file://")) {
      try {
        return Path.of(URI.create(url));
      } catch (IllegalArgumentException e) {
        throw new JdvcException("remote '" + name + "': '" + url + "' is not a valid file:// URL",
            "use file:///absolute/path, or a plain path");
      }
    }
    if (SCHEME.matcher(url).matches()) {
      throw unsupported(name, url);
    }
    return configDir.resolve(url).normalize();
  }

  /** What DVC calls the remote kinds jdvc does not speak, for the message that refuses them. */
  private static final Map<String, String> FOREIGN_KINDS = Map.ofEntries(
      Map.entry("gs", "Google Cloud Storage"), Map.entry("gcs", "Google Cloud Storage"),
      Map.entry("azure", "Azure Blob Storage"), Map.entry("ssh", "SSH"), Map.entry("sftp", "SSH"),
      Map.entry("hdfs", "HDFS"), Map.entry("webhdfs", "WebHDFS"), Map.entry("webdav", "WebDAV"),
      Map.entry("webdavs", "WebDAV"), Map.entry("gdrive", "Google Drive"), Map.entry("oss", "Alibaba OSS"));

  /** The one line a transfer to a remote of another kind fails with: the remote, its kind, what jdvc speaks. */
  static UnsupportedRemoteException unsupported(String name, String url) {
    String scheme = url.substring(0, url.indexOf("://")).toLowerCase(Locale.ROOT);
    String kind = FOREIGN_KINDS.get(scheme);
    return new UnsupportedRemoteException("remote '" + name + "' (" + scheme + "://" + (kind == null ? "" : ", " + kind)
        + "): unsupported remote URL scheme '" + scheme + "'; jdvc cannot transfer to or from it",
        "jdvc supports s3:// (and S3-compatible servers via endpointurl), http:// and https://, file:// URLs and "
            + "local directory paths; use DVC for this remote, or add one jdvc supports with 'jdvc remote add'");
  }

  private static void checkLocalKeys(String name, Map<String, String> section) {
    for (String key : section.keySet()) {
      if (!LOCAL_KEYS.contains(key)) {
        throw new JdvcException(
            "remote '" + name + "': option '" + key + "' does not apply to a local directory remote",
            "local remotes accept: " + String.join(", ", new TreeSet<>(LOCAL_KEYS)));
      }
    }
    String jobs = section.get("jobs");
    if (jobs != null && !jobs.trim().matches("0*[1-9][0-9]{0,8}")) {
      // the rule S3 remotes apply, so that a remote's jobs means the same whatever its kind
      throw new JdvcException("remote '" + name + "': jobs must be a whole number >= 1, not '" + jobs + "'",
          "fix it with 'jdvc remote modify " + name + " jobs <n>' or edit .dvc/config");
    }
  }
}
