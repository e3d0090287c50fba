package io.jdvc.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's com.sun.net.httpserver) serving a directory laid out as a DVC remote,
 * as a static web server serving DVC's http remote would: GET (with byte ranges), HEAD, and, when writable, PUT
 * and POST (temp file, then rename) and DELETE. Optional basic or digest auth, or a required header; tests can make a path answer a status, a
 * redirect, or bytes other than the file's.
 */
public final class DvcHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final Path root;
  private volatile String user;
  private volatile String password;
  private volatile boolean digest;
  private volatile String nonce = "n0";
  private volatile String headerName;
  private volatile String headerValue;
  private volatile boolean writable = true;
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private final Map<String, java.util.concurrent.atomic.AtomicInteger> failures = new ConcurrentHashMap<>();
  private final Map<String, Integer> failureStatus = new ConcurrentHashMap<>();
  private final Map<String, byte[]> replacements = new ConcurrentHashMap<>();
  /** Every request as "METHOD path authorization-header-or-dash". */
  public final List<String> requests = new CopyOnWriteArrayList<>();

  private DvcHttpServer(Path root, javax.net.ssl.SSLContext tls) throws IOException {
    this.root = root;
    if (tls == null) {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } else {
      com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(
          new InetSocketAddress("127.0.0.1", 0), 0);
      https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
      server = https;
    }
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "test-http");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  /** Serves {@code root} (created if missing) until closed. */
  public static DvcHttpServer serve(Path root) throws IOException {
    Files.createDirectories(root);
    return new DvcHttpServer(root, null);
  }

  /** Serves {@code root} over HTTPS with the key and certificate of {@code tls} until closed. */
  public static DvcHttpServer serveHttps(Path root, javax.net.ssl.SSLContext tls) throws IOException {
    Files.createDirectories(root);
    return new DvcHttpServer(root, tls);
  }

  /** The base URL for a path under the root, e.g. {@code url("store")} = http://127.0.0.1:port/store. */
  public String url(String path) {
    return (server instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http") + "://127.0.0.1:"
        + server.getAddress().getPort() + "/" + path;
  }

  public Path root() {
    return root;
  }

  /** Requires basic auth with these credentials from now on. */
  public DvcHttpServer basicAuth(String user, String password) {
    this.user = user;
    this.password = password;
    return this;
  }

  /**
   * Requires digest authentication (RFC 7616, MD5, qop=auth) with these credentials from now on, answering 401
   * with a challenge otherwise; {@link #newNonce} expires the current nonce (the next answer to it is refused
   * as stale).
   */
  public DvcHttpServer digestAuth(String user, String password) {
    this.user = user;
    this.password = password;
    this.digest = true;
    return this;
  }

  /** Starts a new digest nonce: answers to the old one are refused with {@code stale=true}. */
  public void newNonce() {
    nonce = "n" + System.nanoTime();
  }

  /** Requires this header with this value from now on (DVC's {@code auth = custom}), else 401. */
  public DvcHttpServer requireHeader(String name, String value) {
    this.headerName = name;
    this.headerValue = value;
    return this;
  }

  /** Whether PUT, POST and DELETE are accepted (otherwise 405). */
  public DvcHttpServer writable(boolean value) {
    this.writable = value;
    return this;
  }

  /** Requests for {@code path} (the URL path) answer {@code status} with an empty body. */
  public void status(String path, int status) {
    statuses.put(path, status);
  }

  /** The next {@code times} requests for {@code path} answer {@code status}; later ones are served. */
  public void failTimes(String path, int status, int times) {
    failures.put(path, new java.util.concurrent.atomic.AtomicInteger(times));
    failureStatus.put(path, status);
  }

  /** Requests for {@code path} answer 302 to {@code location}. */
  public void redirect(String path, String location) {
    redirects.put(path, location);
  }

  /** GETs of {@code path} answer these bytes instead of the file's. */
  public void replace(String path, byte[] body) {
    replacements.put(path, body);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      requests.add(ex.getRequestMethod() + " " + path + " " + (auth == null ? "-" : auth));
      boolean upload = ex.getRequestMethod().equals("PUT") || ex.getRequestMethod().equals("POST");
      if (!upload) {
        ex.getRequestBody().transferTo(OutputStream.nullOutputStream());
      }
      if (digest) {
        String why = digestProblem(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), auth);
        if (why != null) {
          if (upload) {
            ex.getRequestBody().transferTo(OutputStream.nullOutputStream());
          }
          ex.getResponseHeaders().add("WWW-Authenticate", "Digest realm=\"dvc store\", qop=\"auth\", nonce=\""
              + nonce + "\", opaque=\"op-1\", algorithm=MD5" + (why.equals("stale") ? ", stale=true" : ""));
          ex.sendResponseHeaders(401, -1);
          return;
        }
      } else if (user != null && !("Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
          .getBytes(StandardCharsets.UTF_8))).equals(auth)) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"dvc\"");
        ex.sendResponseHeaders(401, -1);
        return;
      }
      if (headerName != null && !headerValue.equals(ex.getRequestHeaders().getFirst(headerName))) {
        ex.sendResponseHeaders(401, -1);
        return;
      }
      if (failures.containsKey(path) && failures.get(path).getAndDecrement() > 0) {
        ex.sendResponseHeaders(failureStatus.get(path), -1);
        return;
      }
      if (statuses.containsKey(path)) {
        ex.sendResponseHeaders(statuses.get(path), -1);
        return;
      }
      if (redirects.containsKey(path)) {
        ex.getResponseHeaders().add("Location", redirects.get(path));
        ex.sendResponseHeaders(302, -1);
        return;
      }
      Path file = root.resolve(path.substring(1)).normalize();
      if (!file.startsWith(root)) {
        ex.sendResponseHeaders(403, -1);
        return;
      }
      switch (ex.getRequestMethod()) {
        case "GET", "HEAD" -> get(ex, path, file);
        case "PUT", "POST", "DELETE" -> {
          if (!writable) {
            ex.sendResponseHeaders(405, -1);
          } else {
            write(ex, file);
          }
        }
        default -> ex.sendResponseHeaders(405, -1);
      }
    }
  }

  /** Null if {@code auth} is a right digest answer for this request, else what is wrong with it. */
  private String digestProblem(String method, String uri, String auth) {
    if (auth == null || !auth.startsWith("Digest ")) {
      return "none";
    }
    Map<String, String> p = new java.util.HashMap<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]*))")
        .matcher(auth.substring(7));
    while (m.find()) {
      p.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
    }
    String md5 = "MD5";
    String ha1 = hex(user + ":dvc store:" + password);
    String ha2 = hex(method + ":" + uri);
    String expected = hex(ha1 + ":" + p.get("nonce") + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
    if (!user.equals(p.get("username")) || !uri.equals(p.get("uri")) || !"auth".equals(p.get("qop"))
        || !"op-1".equals(p.get("opaque")) || !md5.equals(p.get("algorithm")) || !expected.equals(p.get("response"))) {
      return "wrong";
    }
    return nonce.equals(p.get("nonce")) ? null : "stale";
  }

  private static String hex(String s) {
    return org.apache.commons.codec.digest.DigestUtils.md5Hex(s.getBytes(StandardCharsets.UTF_8));
  }

  private void get(HttpExchange ex, String path, Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      ex.sendResponseHeaders(404, -1);
      return;
    }
    byte[] body = replacements.containsKey(path) ? replacements.get(path) : Files.readAllBytes(file);
    int status = 200;
    String range = ex.getRequestHeaders().getFirst("Range");
    if (range != null && range.startsWith("bytes=")) {
      String[] se = range.substring(6).split("-");
      int start = Integer.parseInt(se[0]);
      int end = Math.min(body.length - 1, Integer.parseInt(se[1]));
      byte[] part = new byte[end - start + 1];
      System.arraycopy(body, start, part, 0, part.length);
      ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + end + "/" + body.length);
      body = part;
      status = 206;
    }
    ex.getResponseHeaders().add("ETag", "\"" + org.apache.commons.codec.digest.DigestUtils.md5Hex(
        replacements.containsKey(path) ? replacements.get(path) : Files.readAllBytes(file)) + "\"");
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private void write(HttpExchange ex, Path file) throws IOException {
    if (ex.getRequestMethod().equals("DELETE")) {
      ex.sendResponseHeaders(Files.deleteIfExists(file) ? 204 : 404, -1);
      return;
    }
    store(ex.getRequestBody(), file);
    ex.sendResponseHeaders(201, -1);
  }

  /** Temp file, then rename: a reader never sees half an object. */
  private static void store(InputStream body, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".upload");
    Files.copy(body, tmp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** The URL path of a key under a served base URL. */
  public static String pathOf(String url) {
    return URI.create(url).getPath();
  }
}
