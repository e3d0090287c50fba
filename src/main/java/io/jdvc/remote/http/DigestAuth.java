package io.jdvc.remote.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP digest authentication (RFC 7616, and RFC 2617 servers without {@code qop}) for {@code auth = digest}: the
 * server's challenge is answered, and kept, so that later requests carry an answer from the start instead of
 * being refused once each. DVC's config schema accepts {@code digest}; its http filesystem no longer implements it
 * (it raises NotImplementedError), so a repository set up for it works with jdvc and not with DVC.
 */
final class DigestAuth {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String user;
  private final String password;
  private volatile Challenge challenge;
  private final AtomicInteger count = new AtomicInteger();

  DigestAuth(String user, String password) {
    this.user = user;
    this.password = password;
  }

  /** One {@code WWW-Authenticate: Digest ...} challenge, its parameters by lower-case name. */
  private record Challenge(Map<String, String> params) {
    String get(String key) {
      return params.get(key);
    }

    String algorithm() {
      return params.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
    }

    boolean qopAuth() {
      String qop = params.get("qop");
      if (qop == null) {
        return false;
      }
      for (String q : qop.split(",")) {
        if (q.strip().equalsIgnoreCase("auth")) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Takes the digest challenge among a 401's {@code WWW-Authenticate} headers, for a request that was sent with
   * the {@code Authorization} header {@code sent} (null if none). Returns whether it is worth answering: the
   * request carried no answer to this nonce, or the server marks it {@code stale} (expired, the password was
   * right). The same nonce refused again means a wrong user or password.
   */
  boolean challenged(List<String> wwwAuthenticate, String sent) {
    for (String header : wwwAuthenticate) {
      if (header.regionMatches(true, 0, "Digest ", 0, 7)) {
        Challenge next = new Challenge(parse(header.substring(7)));
        if (next.get("nonce") == null || !supported(next.algorithm())) {
          return false;
        }
        boolean fresh = sent == null || !next.get("nonce").equals(parse(sent.substring(7)).get("nonce"))
            || "true".equalsIgnoreCase(next.get("stale"));
        Challenge last = challenge;
        if (last == null || !next.get("nonce").equals(last.get("nonce"))) {
          challenge = next;
          count.set(0);
        }
        return fresh;
      }
    }
    return false;
  }

  /** The {@code Authorization} header for a request, once a challenge is known. */
  Optional<String> authorization(String method, URI url) {
    Challenge c = challenge;
    if (c == null) {
      return Optional.empty();
    }
    String uri = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    String algorithm = c.algorithm();
    String hash = algorithm.startsWith("SHA-256") ? "SHA-256" : "MD5";
    String nonce = c.get("nonce");
    String realm = c.params().getOrDefault("realm", "");
    String cnonce = HexFormat.of().formatHex(randomBytes());
    String ha1 = hex(hash, user + ":" + realm + ":" + password);
    if (algorithm.endsWith("-SESS")) {
      ha1 = hex(hash, ha1 + ":" + nonce + ":" + cnonce);
    }
    String ha2 = hex(hash, method + ":" + uri);
    StringBuilder h = new StringBuilder("Digest username=\"").append(quote(user)).append("\", realm=\"")
        .append(quote(realm)).append("\", nonce=\"").append(quote(nonce)).append("\", uri=\"").append(quote(uri))
        .append("\", algorithm=").append(c.params().getOrDefault("algorithm", "MD5"));
    if (c.qopAuth()) {
      String nc = String.format("%08x", count.incrementAndGet());
      h.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append("\", response=\"")
          .append(hex(hash, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)).append('"');
    } else {
      h.append(", response=\"").append(hex(hash, ha1 + ":" + nonce + ":" + ha2)).append('"');
    }
    if (c.get("opaque") != null) {
      h.append(", opaque=\"").append(quote(c.get("opaque"))).append('"');
    }
    return Optional.of(h.toString());
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return b;
  }

  private static boolean supported(String algorithm) {
    return List.of("MD5", "MD5-SESS", "SHA-256", "SHA-256-SESS").contains(algorithm);
  }

  private static String hex(String algorithm, String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(
          StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String quote(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** {@code k=v, k="quoted, with \" escapes"} into a map with lower-case keys. */
  static Map<String, String> parse(String params) {
    Map<String, String> out = new HashMap<>();
    int i = 0;
    int n = params.length();
    while (i < n) {
      while (i < n && (params.charAt(i) == ',' || Character.isWhitespace(params.charAt(i)))) {
        i++;
      }
      int eq = params.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = params.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      i = eq + 1;
      StringBuilder value = new StringBuilder();
      if (i < n && params.charAt(i) == '"') {
        for (i++; i < n && params.charAt(i) != '"'; i++) {
          char ch = params.charAt(i);
          if (ch == '\\' && i + 1 < n) {
            ch = params.charAt(++i);
          }
          value.append(ch);
        }
        i++;
      } else {
        for (; i < n && params.charAt(i) != ','; i++) {
          value.append(params.charAt(i));
        }
      }
      out.put(key, value.toString().strip());
    }
    return out;
  }
}
