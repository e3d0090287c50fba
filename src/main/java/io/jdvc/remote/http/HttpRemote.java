package io.jdvc.remote.http;

import io.jdvc.JdvcException;
import io.jdvc.concurrent.BoundedExecutor;
import io.jdvc.object.ObjectInfo;
import io.jdvc.object.ObjectLayout;
import io.jdvc.object.Oid;
import io.jdvc.remote.ObjectNotFoundException;
import io.jdvc.remote.Remote;
import io.jdvc.remote.RemoteUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * DVC's http/https remote: objects at {@code <url>/files/md5/ab/cdef...} (legacy {@code <url>/ab/cdef...}), read
 * with HEAD and GET, written with the configured upload method (POST by default, as DVC), deleted with DELETE
 * where the server allows it. An HTTP server cannot be listed, so {@link #list} refuses.
 *
 * <p>Redirects are followed for HEAD and GET as DVC's HTTP client (aiohttp) follows them: at most 10, and the
 * credentials go only to the remote's own origin (scheme, host and port), never to another host a redirect names.
 * Uploads are never redirected. Error messages name the URL, never the password.
 */
public final class HttpRemote implements Remote {
  /** aiohttp's {@code max_redirects}. */
  static final int MAX_REDIRECTS = 10;
  private static final int DEFAULT_JOBS = 16;

  private final String name;
  private final HttpSettings settings;
  private final HttpClient client;
  private final IdleTimeout idle;
  private final DigestAuth digest;

  public HttpRemote(String name, HttpSettings settings) {
    this.name = name;
    this.settings = settings;
    if (settings.auth() != null && settings.password() == null) {
      // DVC's http filesystem refuses this too (ConfigError); without it the server would answer 401
      throw new JdvcException("remote '" + name + "': auth = " + settings.auth() + " needs a password, and none is "
          + "set", "set it in .dvc/config.local, which Git ignores: 'jdvc remote modify --local " + name
          + " password ...'");
    }
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER);
    if (settings.base().getScheme().equals("https")) {
      b.sslContext(TlsTrust.context(name, settings.sslVerify()));
    }
    this.client = b.build();
    this.idle = new IdleTimeout(settings.readTimeout());
    this.digest = "digest".equals(settings.auth()) ? new DigestAuth(settings.user(), settings.password()) : null;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String location() {
    return settings.base().toString();
  }

  private URI urlOf(Oid oid) {
    return settings.resolve(ObjectLayout.keyOf(oid));
  }

  @Override
  public Optional<ObjectInfo> stat(Oid oid) throws IOException {
    URI url = urlOf(oid);
    HttpResponse<Void> r = send("HEAD", url, HttpRequest.BodyPublishers.noBody(), HttpResponse.BodyHandlers.discarding());
    if (isAbsent(r.statusCode())) {
      return Optional.empty();
    }
    requireSuccess(r, "HEAD");
    long size = r.headers().firstValueAsLong("Content-Length").orElse(-1L);
    return Optional.of(new ObjectInfo(size, null));
  }

  @Override
  public Set<Oid> existing(Collection<Oid> oids) throws IOException {
    return statAll(oids).keySet();
  }

  /** One HEAD per object (an HTTP server cannot be listed), {@link #defaultJobs} at a time. */
  @Override
  public Map<Oid, ObjectInfo> statAll(Collection<Oid> oids) throws IOException {
    Map<Oid, ObjectInfo> found = new ConcurrentHashMap<>();
    try {
      BoundedExecutor.forEach(oids, Math.min(defaultJobs(), Math.max(1, oids.size())),
          oid -> stat(oid).ifPresent(info -> found.put(oid, info)));
    } catch (BoundedExecutor.TaskException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e;
    }
    return found;
  }

  @Override
  public void upload(Oid oid, Path source, Consumer<Long> bytesDone) throws IOException {
    URI url = urlOf(oid);
    HttpResponse<String> r = send(settings.method(), url, HttpRequest.BodyPublishers.ofFile(source),
        HttpResponse.BodyHandlers.ofString());
    int code = r.statusCode();
    if (code == 405 || code == 501) {
      throw new RemoteUnavailableException("remote '" + name + "': the server refuses " + settings.method()
          + " uploads (HTTP " + code + " for " + url + ")",
          "if it accepts another method, set it: 'jdvc remote modify " + name + " method "
              + (settings.method().equals("PUT") ? "POST" : "PUT") + "'", null);
    }
    requireSuccess(r, settings.method());
    bytesDone.accept(Files.size(source));
  }

  @Override
  public void download(Oid oid, Path target, Consumer<Long> bytesDone) throws IOException {
    Files.deleteIfExists(target); // it may be a read-only leftover
    try (InputStream in = open(oid); OutputStream out = Files.newOutputStream(target)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        bytesDone.accept((long) n);
      }
    }
  }

  @Override
  public InputStream open(Oid oid) throws IOException {
    return idle.body(get(oid, null).body(), "GET " + urlOf(oid));
  }

  @Override
  public InputStream openRange(Oid oid, long offset, long length) throws IOException {
    HttpResponse<InputStream> r = get(oid, "bytes=" + offset + "-" + (offset + length - 1));
    if (r.statusCode() == 206) {
      return idle.body(r.body(), "GET " + urlOf(oid));
    }
    r.body().close(); // the server ignores ranges: read the whole object and skip
    return Remote.super.openRange(oid, offset, length);
  }

  /** A successful GET of the object, its body still to be read (and closed by the caller). */
  private HttpResponse<InputStream> get(Oid oid, String range) throws IOException {
    HttpResponse<InputStream> r = send("GET", urlOf(oid), HttpRequest.BodyPublishers.noBody(),
        HttpResponse.BodyHandlers.ofInputStream(), range);
    if (isAbsent(r.statusCode())) {
      r.body().close();
      throw new ObjectNotFoundException(oid, location());
    }
    try {
      requireSuccess(r, "GET");
    } catch (IOException | RuntimeException e) {
      r.body().close();
      throw e;
    }
    return r;
  }

  /** The run cache cannot be listed over HTTP either; pull --run-cache needs a remote that lists. */
  @Override
  public void listRunCache(Consumer<String> sink) {
    throw new JdvcException("remote '" + name + "' is an HTTP remote (" + location() + "), whose run cache cannot "
        + "be listed", "use an S3 or local remote for --run-cache; DVC's http remote cannot list it either");
  }

  @Override
  public void uploadRunCache(String relativePath, Path source) throws IOException {
    URI url = settings.resolve(Remote.requireRunCacheFile(relativePath));
    requireSuccess(send(settings.method(), url, HttpRequest.BodyPublishers.ofFile(source),
        HttpResponse.BodyHandlers.ofString()), settings.method());
  }

  @Override
  public void downloadRunCache(String relativePath, Path target) throws IOException {
    URI url = settings.resolve(Remote.requireRunCacheFile(relativePath));
    HttpResponse<InputStream> r = send("GET", url, HttpRequest.BodyPublishers.noBody(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = idle.body(r.body(), "GET " + url)) {
      if (isAbsent(r.statusCode())) {
        throw new java.nio.file.NoSuchFileException(url.toString());
      }
      requireSuccess(r, "GET");
      io.jdvc.AtomicFiles.write(target, body.readAllBytes());
    }
  }

  /** An HTTP server cannot be listed: DVC's http remote cannot either. */
  @Override
  public void list(Consumer<Oid> sink) {
    throw new JdvcException("remote '" + name + "' is an HTTP remote (" + location() + "), which cannot be listed",
        "commands that list a remote (gc -c) need an S3 or local remote; DVC's http remote cannot be listed either");
  }

  @Override
  public void delete(Oid oid) throws IOException {
    URI url = urlOf(oid);
    HttpResponse<Void> r = send("DELETE", url, HttpRequest.BodyPublishers.noBody(),
        HttpResponse.BodyHandlers.discarding());
    if (!isAbsent(r.statusCode())) {
      requireSuccess(r, "DELETE");
    }
  }

  @Override
  public int defaultJobs() {
    return settings.jobs() > 0 ? Math.min(settings.jobs(), MAX_JOBS) : DEFAULT_JOBS;
  }

  @Override
  public void close() {
    // HttpClient has no close before Java 21; its threads are daemons and its connections time out
  }

  /** The remote's URL itself as one file, for {@code import-url}: HEAD gives size and ETag, GET the bytes. */
  public io.jdvc.remote.ExternalFile asFile() {
    URI url = settings.base();
    return new io.jdvc.remote.ExternalFile() {
      @Override
      public String url() {
        return url.toString();
      }

      @Override
      public String checksumName() {
        return "checksum";
      }

      @Override
      public Info info() throws IOException {
        HttpResponse<Void> r = send("HEAD", url, HttpRequest.BodyPublishers.noBody(),
            HttpResponse.BodyHandlers.discarding());
        if (isAbsent(r.statusCode())) {
          throw new java.io.FileNotFoundException(url + " does not exist (HTTP " + r.statusCode() + ")");
        }
        requireSuccess(r, "HEAD");
        return new Info(r.headers().firstValueAsLong("Content-Length").orElse(-1L),
            r.headers().firstValue("ETag").orElse(null));
      }

      @Override
      public InputStream open() throws IOException {
        HttpResponse<InputStream> r = send("GET", url, HttpRequest.BodyPublishers.noBody(),
            HttpResponse.BodyHandlers.ofInputStream());
        if (isAbsent(r.statusCode())) {
          r.body().close();
          throw new java.io.FileNotFoundException(url + " does not exist (HTTP " + r.statusCode() + ")");
        }
        try {
          requireSuccess(r, "GET");
        } catch (IOException | RuntimeException e) {
          r.body().close();
          throw e;
        }
        return idle.body(r.body(), "GET " + url);
      }

      @Override
      public void close() {
        HttpRemote.this.close();
      }
    };
  }

  // ---------------------------------------------------------------------------------------------- requests

  private <T> HttpResponse<T> send(String method, URI url, HttpRequest.BodyPublisher body,
      HttpResponse.BodyHandler<T> handler) throws IOException {
    return send(method, url, body, handler, null);
  }

  /**
   * Sends one request, following redirects for GET and HEAD as aiohttp does. Credentials are attached only while
   * the URL stays on the remote's origin.
   */
  private <T> HttpResponse<T> send(String method, URI url, HttpRequest.BodyPublisher body,
      HttpResponse.BodyHandler<T> handler, String range) throws IOException {
    boolean follow = method.equals("GET") || method.equals("HEAD");
    boolean upload = !follow && !method.equals("DELETE");
    URI at = url;
    boolean answered = false;
    for (int hop = 0; ; hop++) {
      // an upload's time counts from its last byte sent (IdleTimeout), not from its start, as the JDK's would
      HttpRequest.Builder b = upload ? HttpRequest.newBuilder(at)
          : HttpRequest.newBuilder(at).timeout(settings.readTimeout()).method(method, body);
      if (range != null) {
        b.header("Range", range);
      }
      if (sameOrigin(at, settings.base())) {
        authenticate(b, method, at);
      }
      HttpResponse<T> r = follow ? retried(method, at, b, handler)
          : exchange(method, at, b, body, handler, upload);
      int code = r.statusCode();
      if (code == 401 && digest != null && !answered && sameOrigin(at, settings.base())
          && digest.challenged(r.headers().allValues("WWW-Authenticate"), sentDigest(b))) {
        answered = true; // once: a second 401 for a fresh answer means a wrong user or password
        if (r.body() instanceof InputStream in) {
          in.close();
        }
        hop--;
        continue;
      }
      boolean redirect = code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
      Optional<String> location = r.headers().firstValue("Location");
      if (!follow || !redirect || location.isEmpty()) {
        return r;
      }
      if (r.body() instanceof InputStream in) {
        in.close();
      }
      if (hop == MAX_REDIRECTS) {
        throw new IOException("too many redirects (more than " + MAX_REDIRECTS + ") from " + url);
      }
      try {
        at = at.resolve(location.get());
      } catch (IllegalArgumentException e) {
        throw new IOException("bad redirect from " + at + " to '" + location.get() + "'");
      }
      if (!"http".equals(at.getScheme()) && !"https".equals(at.getScheme())) {
        throw new IOException("redirect from " + url + " to a non-HTTP URL refused: " + at.getScheme());
      }
    }
  }

  /** aiohttp_retry's attempts for reads, as DVC's http remote makes them (uploads are tried once). */
  static final int READ_ATTEMPTS = 5;

  /**
   * A GET or HEAD, tried again as DVC's http client (aiohttp_retry) tries reads again: after a server error (5xx)
   * or a broken exchange, up to {@link #READ_ATTEMPTS} times in all, waiting 0.1 s, 0.2 s, 0.4 s, ... between. A
   * host that cannot be reached, a TLS failure or a refusal of the credentials is not retried.
   */
  private <T> HttpResponse<T> retried(String method, URI at, HttpRequest.Builder b,
      HttpResponse.BodyHandler<T> handler) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<T> r = exchange(method, at, b, HttpRequest.BodyPublishers.noBody(), handler, false);
        if (r.statusCode() < 500 || attempt == READ_ATTEMPTS) {
          return r;
        }
        if (r.body() instanceof InputStream in) {
          in.close();
        }
      } catch (RemoteUnavailableException | InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        if (attempt == READ_ATTEMPTS) {
          throw new IOException(e.getMessage() + " (after " + READ_ATTEMPTS + " attempts)", e);
        }
      }
      try {
        Thread.sleep(100L << (attempt - 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted during " + method + " " + at);
      }
    }
  }

  /** One exchange, its failures turned into jdvc's: unreachable, TLS, timeouts, the rest naming the request. */
  private <T> HttpResponse<T> exchange(String method, URI at, HttpRequest.Builder b, HttpRequest.BodyPublisher body,
      HttpResponse.BodyHandler<T> handler, boolean upload) throws IOException {
    try {
      return upload ? idle.send(client, b, body, method, handler, method + " " + at) : client.send(b.build(), handler);
    } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
      throw unreachable(at, e);
    } catch (SSLException e) {
      throw new RemoteUnavailableException("remote '" + name + "': TLS failed for " + at + ": " + e.getMessage(),
          "check the server's certificate; ssl_verify may name a CA bundle (PEM) to trust", e);
    } catch (java.net.http.HttpTimeoutException e) {
      throw new IOException(method + " " + at + " failed: " + (upload ? e.getMessage()
          : "no response within " + IdleTimeout.seconds(settings.readTimeout()) + " s (read_timeout)"), e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnresolvedAddressException || e.getCause() instanceof ConnectException) {
        throw unreachable(at, e);
      }
      throw new IOException(method + " " + at + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted during " + method + " " + at);
    }
  }

  /** The digest answer a request carries, or null. */
  private static String sentDigest(HttpRequest.Builder b) {
    return b.copy().build().headers().firstValue("Authorization").filter(h -> h.startsWith("Digest ")).orElse(null);
  }

  private void authenticate(HttpRequest.Builder b, String method, URI at) {
    if (digest != null) {
      digest.authorization(method, at).ifPresent(h -> b.header("Authorization", h));
    } else if ("basic".equals(settings.auth())) {
      String pair = settings.user() + ":" + (settings.password() == null ? "" : settings.password());
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    } else if ("custom".equals(settings.auth()) && settings.password() != null) {
      b.header(settings.customAuthHeader(), settings.password());
    }
  }

  /** Same scheme, host and port: where a browser (and aiohttp) would send the same credentials. */
  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && String.valueOf(a.getHost())
        .equalsIgnoreCase(String.valueOf(b.getHost())) && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private RemoteUnavailableException unreachable(URI at, Exception e) {
    String why = e.getMessage();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException) {
        why = "host not found";
      }
    }
    if (e instanceof HttpConnectTimeoutException) {
      why = "no connection within " + IdleTimeout.seconds(settings.connectTimeout()) + " s (connect_timeout)";
    } else if (why == null || why.isBlank()) {
      why = "connection refused";
    }
    return new RemoteUnavailableException("remote '" + name + "': cannot reach " + at.getScheme() + "://"
        + at.getRawAuthority() + " (" + why + ")", "check the URL and your network connection", e);
  }

  private static boolean isAbsent(int code) {
    return code == 404 || code == 410;
  }

  /** 2xx passes; 401/403 make the whole remote unusable; anything else fails this one request. */
  private void requireSuccess(HttpResponse<?> r, String method) throws IOException {
    int code = r.statusCode();
    if (code >= 200 && code < 300) {
      return;
    }
    String what = "HTTP " + code + reason(code) + " for " + method + " " + r.uri();
    if (code == 401 || code == 403) {
      throw new RemoteUnavailableException("remote '" + name + "': " + what,
          settings.auth() == null ? "the server wants credentials: set auth, user (in .dvc/config) and password "
              + "(in .dvc/config.local, 'jdvc remote modify --local " + name + " password ...')"
              : "check user and password (password belongs in .dvc/config.local)", null);
    }
    throw new IOException(what);
  }

  private static String reason(int code) {
    return switch (code) {
      case 400 -> " Bad Request";
      case 401 -> " Unauthorized";
      case 403 -> " Forbidden";
      case 404 -> " Not Found";
      case 405 -> " Method Not Allowed";
      case 416 -> " Range Not Satisfiable";
      case 500 -> " Internal Server Error";
      case 502 -> " Bad Gateway";
      case 503 -> " Service Unavailable";
      case 504 -> " Gateway Timeout";
      default -> code >= 300 && code < 400 ? " Redirect" : "";
    };
  }
}
