package io.jdvc.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * A throw-away S3 endpoint on 127.0.0.1 for the class archive's training ({@link ArchiveTraining}): just enough of
 * S3 (PUT, GET, HEAD, DELETE of objects in memory, ListObjectsV2, HEAD bucket) for push and pull to run their
 * ordinary path, so that the AWS SDK's classes, about 2,900 of them, are in the archive instead of loaded from the
 * jars by every transfer command. Any bucket exists; nothing is checked, signatures included. Nothing a user runs
 * talks to it.
 */
final class TrainingS3 implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "jdvc-training-s3");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

  TrainingS3() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      int slash = path.indexOf('/', 1);
      String bucket = URLDecoder.decode(slash < 0 ? path.substring(1) : path.substring(1, slash),
          StandardCharsets.UTF_8);
      String key = slash < 0 ? "" : URLDecoder.decode(path.substring(slash + 1), StandardCharsets.UTF_8);
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      String id = bucket + "/" + key;
      switch (ex.getRequestMethod()) {
        case "PUT" -> {
          byte[] body = body(ex);
          objects.put(id, body);
          ex.getResponseHeaders().set("ETag", "\"" + DigestUtils.md5Hex(body) + "\"");
          ex.sendResponseHeaders(200, -1);
        }
        case "DELETE" -> {
          objects.remove(id);
          ex.sendResponseHeaders(204, -1);
        }
        case "HEAD" -> {
          byte[] body = objects.get(id);
          if (!key.isEmpty() && body == null) {
            ex.sendResponseHeaders(404, -1);
            return;
          }
          // a HEAD's head carries the object's length and ETag (jdvc refuses one without them)
          ex.getResponseHeaders().set("Content-Length", Integer.toString(body == null ? 0 : body.length));
          ex.getResponseHeaders().set("ETag", "\"" + DigestUtils.md5Hex(body == null ? new byte[0] : body) + "\"");
          ex.sendResponseHeaders(200, -1);
        }
        case "GET" -> {
          if (key.isEmpty()) {
            send(ex, 200, list(bucket, query));
            return;
          }
          byte[] body = objects.get(id);
          if (body == null) {
            send(ex, 404, "<Error><Code>NoSuchKey</Code><Message>no such key</Message></Error>");
            return;
          }
          ex.getResponseHeaders().set("ETag", "\"" + DigestUtils.md5Hex(body) + "\"");
          ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
          ex.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        }
        default -> ex.sendResponseHeaders(405, -1);
      }
    }
  }

  private String list(String bucket, Map<String, String> query) {
    String prefix = query.getOrDefault("prefix", "");
    String delimiter = query.get("delimiter");
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>").append(bucket)
        .append("</Name><Prefix>").append(prefix).append("</Prefix><MaxKeys>1000</MaxKeys>"
            + "<IsTruncated>false</IsTruncated>");
    TreeSet<String> prefixes = new TreeSet<>();
    for (Map.Entry<String, byte[]> o : objects.entrySet()) {
      if (!o.getKey().startsWith(bucket + "/")) {
        continue;
      }
      String key = o.getKey().substring(bucket.length() + 1);
      if (!key.startsWith(prefix)) {
        continue;
      }
      int cut = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
      if (cut >= 0) {
        prefixes.add(key.substring(0, cut + delimiter.length()));
        continue;
      }
      xml.append("<Contents><Key>").append(key).append("</Key><LastModified>2026-01-01T00:00:00.000Z"
          + "</LastModified><ETag>&quot;").append(DigestUtils.md5Hex(o.getValue())).append("&quot;</ETag><Size>")
          .append(o.getValue().length).append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
    }
    for (String p : prefixes) {
      xml.append("<CommonPrefixes><Prefix>").append(p).append("</Prefix></CommonPrefixes>");
    }
    return xml.append("</ListBucketResult>").toString();
  }

  /** The object's bytes, with the aws-chunked framing of a streaming upload taken off. */
  private static byte[] body(HttpExchange ex) throws IOException {
    byte[] raw;
    try (InputStream in = ex.getRequestBody()) {
      raw = in.readAllBytes();
    }
    String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
    String sha = ex.getRequestHeaders().getFirst("x-amz-content-sha256");
    boolean chunked = (encoding != null && encoding.contains("aws-chunked")) || (sha != null && sha.startsWith("STREAMING"));
    if (!chunked) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < raw.length) {
      int eol = indexOfCrlf(raw, i);
      if (eol < 0) {
        break;
      }
      String head = new String(raw, i, eol - i, StandardCharsets.US_ASCII);
      int semi = head.indexOf(';');
      int size = Integer.parseInt((semi < 0 ? head : head.substring(0, semi)).trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(raw, eol + 2, size);
      i = eol + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOfCrlf(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      q.put(name, eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return new TreeMap<>(q);
  }

  private static void send(HttpExchange ex, int status, String xml) throws IOException {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/xml");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
