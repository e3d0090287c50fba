package io.jdvc.remote.http;

import io.jdvc.JdvcException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything an {@link HttpRemote} needs, parsed and checked from one {@code ['remote "name"']} section whose url is
 * {@code http://} or {@code https://}, with the keys of DVC's {@code HTTP_COMMON} schema. Strict, as
 * {@link io.jdvc.remote.s3.S3Settings} is: a typo fails at once. {@link #toString()} never shows the password.
 *
 * @param base the remote's URL without a trailing slash and without user info
 * @param auth null (no authentication), {@code basic}, {@code digest} or {@code custom}
 * @param customAuthHeader the header that carries {@code password} when {@code auth = custom}
 * @param sslVerify "true", "false" or the path of a PEM CA bundle
 * @param method the upload method (DVC's {@code method}, default POST)
 * @param jobs parallel transfers from {@code jobs}, or 0 when not set
 */
public record HttpSettings(
    URI base,
    String auth,
    String user,
    String password,
    String customAuthHeader,
    String sslVerify,
    String method,
    Duration connectTimeout,
    Duration readTimeout,
    int jobs) {

  /** DVC's {@code HTTP_COMMON} and {@code REMOTE_COMMON} keys. */
  private static final Set<String> KNOWN = Set.of("url", "auth", "custom_auth_header", "user", "password",
      "ask_password", "ssl_verify", "method", "connect_timeout", "read_timeout", "verify", "jobs", "checksum_jobs",
      "no_traverse");
  /** aiohttp's defaults, which DVC's http filesystem uses: a connection within 60 s, a read gap of 60 s at most. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  /** Parses and checks a config section; throws {@link JdvcException} naming the remote and the bad key. */
  public static HttpSettings fromConfig(String remoteName, Map<String, String> s) {
    for (String key : s.keySet()) {
      if (!KNOWN.contains(key)) {
        throw error(remoteName, "unknown option '" + key + "' for an HTTP remote",
            "known HTTP options: " + String.join(", ", new TreeSet<>(KNOWN)));
      }
    }
    URI base = base(remoteName, s.get("url"));
    if ("true".equalsIgnoreCase(s.getOrDefault("ask_password", "false").strip())) {
      throw error(remoteName, "ask_password is not supported: jdvc never prompts for a password",
          "store it in .dvc/config.local, which Git ignores: 'jdvc remote modify --local " + remoteName
              + " password ...', and unset ask_password");
    }
    bool(remoteName, s, "ask_password");
    bool(remoteName, s, "verify");
    String auth = s.get("auth") == null ? null : s.get("auth").strip().toLowerCase(Locale.ROOT);
    String user = s.get("user");
    String password = s.get("password");
    String header = s.get("custom_auth_header");
    if (auth != null) {
      switch (auth) {
        case "basic", "digest" -> {
          if (user == null) {
            throw error(remoteName, "auth = " + auth + " needs a user", "set it: 'jdvc remote modify " + remoteName
                + " user NAME' and the password in config.local ('jdvc remote modify --local " + remoteName
                + " password ...')");
          }
        }
        case "custom" -> {
          if (header == null || header.isBlank()) {
            throw error(remoteName, "auth = custom needs custom_auth_header (the header that carries the password)",
                null);
          }
        }
        default -> throw error(remoteName, "auth must be basic, digest or custom, not '" + s.get("auth") + "'",
            null);
      }
    }
    String sslVerify = s.getOrDefault("ssl_verify", "true").strip();
    if (sslVerify.equalsIgnoreCase("true") || sslVerify.equalsIgnoreCase("false")) {
      sslVerify = sslVerify.toLowerCase(Locale.ROOT);
    }
    String method = s.getOrDefault("method", "POST").strip().toUpperCase(Locale.ROOT);
    if (!method.matches("[A-Z]+")) {
      throw error(remoteName, "method must be an HTTP method such as POST or PUT, not '" + s.get("method") + "'",
          null);
    }
    int jobs = 0;
    if (s.containsKey("jobs")) {
      try {
        jobs = Integer.parseInt(s.get("jobs").strip());
      } catch (NumberFormatException e) {
        jobs = 0;
      }
      if (jobs < 1) {
        throw error(remoteName, "jobs must be a whole number >= 1, not '" + s.get("jobs") + "'", null);
      }
    }
    return new HttpSettings(base, auth, user, password, header, sslVerify, method,
        seconds(remoteName, s, "connect_timeout", DEFAULT_CONNECT_TIMEOUT),
        seconds(remoteName, s, "read_timeout", DEFAULT_READ_TIMEOUT), jobs);
  }

  private static URI base(String remoteName, String url) {
    try {
      URI uri = new URI(url == null ? "" : url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw error(remoteName, "url must look like https://host/path, not '" + url + "'", null);
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw error(remoteName, "url must not have a query or fragment: '" + url + "'", null);
      }
      if (uri.getRawUserInfo() != null) {
        throw error(remoteName, "url must not hold a user or password",
            "set user and auth in .dvc/config and the password in .dvc/config.local");
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      return new URI(scheme + "://" + uri.getRawAuthority() + path);
    } catch (URISyntaxException e) {
      throw error(remoteName, "url is not a valid URL: '" + url + "'", null);
    }
  }

  private static void bool(String remoteName, Map<String, String> s, String key) {
    String v = s.get(key);
    if (v != null && !v.strip().equalsIgnoreCase("true") && !v.strip().equalsIgnoreCase("false")) {
      throw error(remoteName, key + " must be true or false, not '" + v + "'", null);
    }
  }

  private static Duration seconds(String remoteName, Map<String, String> s, String key, Duration dflt) {
    return io.jdvc.remote.RemoteOptions.seconds(remoteName, s, key, dflt);
  }


  /** The URL of a path relative to the remote root ({@code files/md5/ab/cd...}). */
  public URI resolve(String relative) {
    return URI.create(base + "/" + relative);
  }

  /** Shows where and how, never the password. */
  @Override
  public String toString() {
    return "HttpSettings[url=" + base + (auth != null ? ", auth=" + auth : "") + (user != null ? ", user=" + user : "")
        + (password != null ? ", password=****" : "") + ", method=" + method + "]";
  }

  private static JdvcException error(String remoteName, String what, String hint) {
    return new JdvcException("remote '" + remoteName + "': " + what,
        hint != null ? hint : "fix it with 'jdvc remote modify " + remoteName + " ...' or edit .dvc/config");
  }
}
