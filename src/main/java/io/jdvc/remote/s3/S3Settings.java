package io.jdvc.remote.s3;

import io.jdvc.JdvcException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything an {@link S3Remote} needs, parsed and checked from one {@code ['remote "name"']} section of
 * {@code .dvc/config} (keys as DVC names them, see dvc-format.md §8), plus two jdvc keys:
 * {@code jdvc_part_size} (multipart threshold and part size, e.g. {@code 64MB}) and {@code jdvc_checksum}
 * ({@code when_required} or {@code when_supported}).
 *
 * <p>Parsing is strict so that a typo fails at once instead of silently using a default. {@link #toString()}
 * never shows credentials, so a settings object may appear in logs and error messages.
 *
 * @param bucket the bucket from {@code url}
 * @param prefix the key prefix from {@code url}, without leading or trailing '/', possibly empty
 * @param endpoint {@code endpointurl} (with scheme), or null for AWS
 * @param region null means "not configured" (the remote then uses us-east-1 with cross-region access)
 * @param sslVerify "true", "false" or the path of a PEM CA bundle
 * @param partSize multipart threshold and initial part size in bytes
 * @param jobs parallel transfers from {@code jobs}, or 0 when not set
 */
public record S3Settings(
    String bucket,
    String prefix,
    URI endpoint,
    String region,
    String profile,
    String credentialPath,
    String configPath,
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    boolean anonymous,
    boolean useSsl,
    String sslVerify,
    String sse,
    String sseKmsKeyId,
    String acl,
    Duration connectTimeout,
    Duration readTimeout,
    int jobs,
    boolean verify,
    long partSize,
    Checksum checksum) {

  /** When the SDK adds flexible checksums (CRC32 trailers) to uploads, and validates them on downloads. */
  public enum Checksum {
    /** Only where S3 demands one; works with every S3-compatible server tested (s3-testing.md pitfall 1). */
    WHEN_REQUIRED,
    /** On every upload; AWS itself supports it, some older S3-compatible servers reject it. */
    WHEN_SUPPORTED
  }

  public static final long MIB = 1L << 20;
  /** S3's minimum size of every part but the last. */
  public static final long MIN_PART_SIZE = 5 * MIB;
  /** S3's maximum part size. */
  public static final long MAX_PART_SIZE = 5L << 30;
  public static final long DEFAULT_PART_SIZE = 64 * MIB;
  /** Fails fast on an unreachable endpoint; a reachable one answers within milliseconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** boto's default, which DVC users are used to. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  private static final Set<String> KNOWN =
      Set.of(
          "url", "endpointurl", "region", "profile", "credentialpath", "configpath", "access_key_id",
          "secret_access_key", "session_token", "allow_anonymous_login", "use_ssl", "ssl_verify", "sse",
          "sse_kms_key_id", "acl", "read_timeout", "connect_timeout", "jobs", "verify", "jdvc_part_size",
          "jdvc_checksum");
  /** Valid DVC keys without effect here: deprecated no-ops, or tuning that jdvc does differently. */
  private static final Set<String> IGNORED =
      Set.of("listobjects", "no_traverse", "checksum_jobs", "cache_regions");
  /** Valid DVC keys whose feature jdvc lacks; ignoring them could store data unlike the user asked. */
  private static final Set<String> UNSUPPORTED =
      Set.of(
          "sse_customer_key", "sse_customer_algorithm", "grant_read", "grant_read_acp", "grant_write_acp",
          "grant_full_control", "worktree", "version_aware");

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]i?b?|b)?");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]");

  public S3Settings {
    if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
      throw new JdvcException(
          "jdvc_part_size must be between 5MB and 5GB, not " + partSize + " bytes",
          "S3 refuses smaller parts than 5 MiB; the default is 64MB");
    }
  }

  /** Parses and checks a config section; throws {@link JdvcException} naming the remote and the bad key. */
  public static S3Settings fromConfig(String remoteName, Map<String, String> s) {
    for (String key : s.keySet()) {
      if (UNSUPPORTED.contains(key)) {
        throw error(remoteName, "option '" + key + "' is not supported by jdvc", "remove it from .dvc/config");
      }
      if (!KNOWN.contains(key) && !IGNORED.contains(key)) {
        throw error(
            remoteName,
            "unknown option '" + key + "'",
            "known S3 options: " + String.join(", ", new TreeSet<>(KNOWN)));
      }
    }
    String url = s.get("url");
    if (url == null || !url.startsWith("s3://")) {
      throw error(remoteName, "url must look like s3://bucket/prefix, not '" + url + "'", null);
    }
    String path = url.substring("s3://".length());
    int slash = path.indexOf('/');
    String bucket = slash < 0 ? path : path.substring(0, slash);
    String prefix = slash < 0 ? "" : trimSlashes(path.substring(slash + 1));
    if (!BUCKET.matcher(bucket).matches()) {
      throw error(remoteName, "'" + bucket + "' is not a valid S3 bucket name", "bucket names have 3-63 "
          + "characters: lower-case letters, digits, '.' and '-'");
    }
    boolean useSsl = bool(remoteName, s, "use_ssl", true);
    URI endpoint = endpoint(remoteName, s.get("endpointurl"), useSsl);
    String checksumText = s.get("jdvc_checksum");
    Checksum checksum;
    if (checksumText == null) {
      checksum = endpoint != null ? Checksum.WHEN_REQUIRED : Checksum.WHEN_SUPPORTED;
    } else if (checksumText.equalsIgnoreCase("when_required")) {
      checksum = Checksum.WHEN_REQUIRED;
    } else if (checksumText.equalsIgnoreCase("when_supported")) {
      checksum = Checksum.WHEN_SUPPORTED;
    } else {
      throw error(remoteName, "jdvc_checksum must be when_required or when_supported", null);
    }
    String sslVerify = s.getOrDefault("ssl_verify", "true");
    if (sslVerify.equalsIgnoreCase("true") || sslVerify.equalsIgnoreCase("false")) {
      sslVerify = sslVerify.toLowerCase(Locale.ROOT);
    }
    String ak = blankToNull(s.get("access_key_id"));
    String sk = blankToNull(s.get("secret_access_key"));
    if ((ak == null) != (sk == null)) {
      throw error(remoteName, "access_key_id and secret_access_key must be set together", null);
    }
    if (s.containsKey("sse_kms_key_id") && !"aws:kms".equals(s.get("sse"))) {
      throw error(remoteName, "sse_kms_key_id needs sse = aws:kms", null);
    }
    int jobs = s.containsKey("jobs") ? positiveInt(remoteName, s, "jobs") : 0;
    return new S3Settings(
        bucket,
        prefix,
        endpoint,
        blankToNull(s.get("region")),
        blankToNull(s.get("profile")),
        blankToNull(s.get("credentialpath")),
        blankToNull(s.get("configpath")),
        ak,
        sk,
        blankToNull(s.get("session_token")),
        bool(remoteName, s, "allow_anonymous_login", false),
        useSsl,
        sslVerify,
        blankToNull(s.get("sse")),
        blankToNull(s.get("sse_kms_key_id")),
        blankToNull(s.get("acl")),
        seconds(remoteName, s, "connect_timeout", DEFAULT_CONNECT_TIMEOUT),
        seconds(remoteName, s, "read_timeout", DEFAULT_READ_TIMEOUT),
        jobs,
        bool(remoteName, s, "verify", false),
        s.containsKey("jdvc_part_size") ? size(remoteName, "jdvc_part_size", s.get("jdvc_part_size")) : DEFAULT_PART_SIZE,
        checksum);
  }

  /** {@code s3://bucket/prefix}, the way DVC shows a remote. */
  public String url() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  /** The S3 key of a path relative to the remote root ({@code files/md5/ab/cd...}). */
  public String keyOf(String relative) {
    return prefix.isEmpty() ? relative : prefix + "/" + relative;
  }

  public boolean hasStaticCredentials() {
    return accessKeyId != null;
  }

  /** Shows where and how, never who: credentials are reduced to whether they are set. */
  @Override
  public String toString() {
    return "S3Settings[url=" + url()
        + (endpoint != null ? ", endpoint=" + endpoint : "")
        + (region != null ? ", region=" + region : "")
        + (profile != null ? ", profile=" + profile : "")
        + ", credentials=" + (hasStaticCredentials() ? "static(****)" : anonymous ? "anonymous" : "default-chain")
        + ", partSize=" + partSize + ", checksum=" + checksum
        + (jobs > 0 ? ", jobs=" + jobs : "") + "]";
  }

  /**
   * Parses sizes the way boto's transfer config does ({@code 64MB} = 64 MiB): DVC users copy these values from
   * {@code ~/.aws/config}, where KB/MB/GB are binary units.
   */
  static long size(String remoteName, String key, String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw error(remoteName, key + " must be a size like 64MB, not '" + text + "'", null);
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    int shift =
        switch (unit.charAt(0)) {
          case 'k' -> 10;
          case 'm' -> 20;
          case 'g' -> 30;
          case 't' -> 40;
          default -> 0;
        };
    if (n > (Long.MAX_VALUE >> shift)) {
      throw error(remoteName, key + " is too large: '" + text + "'", null);
    }
    return n << shift;
  }

  private static URI endpoint(String remoteName, String text, boolean useSsl) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim();
    // boto ignores use_ssl when endpoint_url has a scheme; without one, use_ssl picks it.
    if (!t.contains("://")) {
      t = (useSsl ? "https://" : "http://") + t;
    }
    try {
      URI uri = new URI(t);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw error(remoteName, "endpointurl must be an http(s) URL, not '" + text + "'", null);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw error(remoteName, "endpointurl is not a URL: '" + text + "'", null);
    }
  }

  private static boolean bool(String remoteName, Map<String, String> s, String key, boolean dflt) {
    String v = s.get(key);
    if (v == null) {
      return dflt;
    }
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw error(remoteName, key + " must be true or false, not '" + v + "'", null);
  }

  private static int positiveInt(String remoteName, Map<String, String> s, String key) {
    String v = s.get(key);
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(remoteName, key + " must be a whole number >= 1, not '" + v + "'", null);
  }

  private static Duration seconds(String remoteName, Map<String, String> s, String key, Duration dflt) {
    return io.jdvc.remote.RemoteOptions.seconds(remoteName, s, key, dflt);
  }


  private static String trimSlashes(String p) {
    int b = 0;
    int e = p.length();
    while (b < e && p.charAt(b) == '/') {
      b++;
    }
    while (e > b && p.charAt(e - 1) == '/') {
      e--;
    }
    return p.substring(b, e);
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static JdvcException error(String remoteName, String what, String hint) {
    return new JdvcException(
        "remote '" + remoteName + "': " + what,
        hint != null ? hint : "fix it with 'jdvc remote modify " + remoteName + " ...' or edit .dvc/config");
  }
}
