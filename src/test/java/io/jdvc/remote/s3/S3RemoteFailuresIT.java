package io.jdvc.remote.s3;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.object.Oid;
import io.jdvc.remote.RemoteUnavailableException;
import io.jdvc.testing.S3ProxyServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Whole-remote failures become one clear {@link RemoteUnavailableException}, fast, without secrets. */
class S3RemoteFailuresIT {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();
  @TempDir Path tmp;

  private static final Oid OID = Oid.parse(DigestUtils.md5Hex("x"));

  private static List<Oid> manyOids() {
    List<Oid> oids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      oids.add(Oid.parse(DigestUtils.md5Hex("o" + i)));
    }
    return oids;
  }

  private Path fileX() throws Exception {
    return Files.writeString(tmp.resolve("x"), "x");
  }

  private static RemoteUnavailableException unavailable(Executable e) {
    return assertThrows(RemoteUnavailableException.class, e);
  }

  @Test
  void wrongSecretIsReportedAsACredentialProblemWithoutTheSecret() throws Exception {
    String secret = "wrong-secret-do-not-print-me";
    String bucket = S3.createBucket();
    var section = S3.remoteSection(bucket, "p", Map.of("secret_access_key", secret));
    S3Settings settings = S3Settings.fromConfig("storage", section);
    assertFalse(settings.toString().contains(secret));
    try (S3Remote r = new S3Remote("storage", settings)) {
      // not upload: S3Proxy may answer its 403 and close while the body is still being sent, which the client
      // sees as a reset (retried, then a network error); push never uploads before a HEAD or listing, which
      // reports the credentials
      for (Executable op : List.<Executable>of(
          () -> r.stat(OID), () -> r.existing(manyOids()), () -> r.download(OID, tmp.resolve("t"), n -> {}))) {
        RemoteUnavailableException e = unavailable(op);
        String text = e.getMessage() + " " + e.hint();
        assertTrue(text.contains("credentials"), text);
        assertFalse(text.contains(secret), text);
        for (Throwable c = e; c != null; c = c.getCause()) {
          assertFalse(String.valueOf(c.getMessage()).contains(secret), c.toString());
        }
      }
    }
  }

  @Test
  void unreachableEndpointFailsWithinSeconds() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    var section = S3.remoteSection("bucket-x", "", Map.of("endpointurl", "http://127.0.0.1:" + port));
    try (S3Remote r = new S3Remote("storage", S3Settings.fromConfig("storage", section))) {
      long t0 = System.nanoTime();
      RemoteUnavailableException e = unavailable(() -> r.stat(OID));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      // the SDK still retries a refused connection within its backoff (at most ~10 s of waiting): never minutes
      assertTrue(ms < 15000, "took " + ms + " ms");
      assertTrue(e.getMessage().contains("cannot reach http://127.0.0.1:" + port), e.getMessage());
      assertTrue(e.hint().contains("endpointurl"), e.hint());
    }
  }

  @Test
  void aPasswordInTheEndpointIsNeverPrinted() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    var section = S3.remoteSection("bucket-x", "", Map.of("endpointurl",
        "http://user:topsecretpw@127.0.0.1:" + port));
    try (S3Remote r = new S3Remote("storage", S3Settings.fromConfig("storage", section))) {
      RemoteUnavailableException e = unavailable(() -> r.stat(OID));
      assertTrue(e.getMessage().contains("cannot reach http://127.0.0.1:" + port), e.getMessage());
      assertFalse((e.getMessage() + e.hint()).contains("topsecretpw"), e.getMessage());
    }
  }

  @Test
  void aServerThatAcceptsButNeverAnswersStopsTheTransferWithAClearMessage() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        List<java.net.Socket> held = new ArrayList<>();
        try {
          while (true) {
            held.add(silent.accept()); // accept, read nothing, answer nothing
          }
        } catch (java.io.IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      var section = S3.remoteSection("bucket-x", "", Map.of("endpointurl",
          "http://127.0.0.1:" + silent.getLocalPort(), "read_timeout", "1"));
      try (S3Remote r = new S3Remote("storage", S3Settings.fromConfig("storage", section))) {
        RemoteUnavailableException e = unavailable(() -> r.existing(manyOids()));
        assertTrue(e.getMessage().contains("no answer from http://127.0.0.1:" + silent.getLocalPort()),
            e.getMessage());
        assertTrue(e.hint().contains("read_timeout"), e.hint());
      }
    }
  }

  @Test
  void anHttpServerThatIsNotS3IsNamedAsSuch() throws Exception {
    com.sun.net.httpserver.HttpServer web = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    web.createContext("/", x -> {
      byte[] page = "<html>Not Found</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      x.sendResponseHeaders(404, page.length);
      x.getResponseBody().write(page);
      x.close();
    });
    web.start();
    try {
      var section = S3.remoteSection("bucket-x", "", Map.of("endpointurl",
          "http://127.0.0.1:" + web.getAddress().getPort()));
      try (S3Remote r = new S3Remote("storage", S3Settings.fromConfig("storage", section))) {
        RemoteUnavailableException e = unavailable(() -> r.existing(manyOids()));
        assertTrue(e.getMessage().contains("does not look like an S3 endpoint"), e.getMessage());
        assertTrue(e.hint().contains("endpointurl"), e.hint());
      }
    } finally {
      web.stop(0);
    }
  }

  @Test
  void missingBucketIsReportedByEveryOperation() throws Exception {
    var section = S3.remoteSection("no-such-bucket", "p", Map.of());
    try (S3Remote r = new S3Remote("storage", S3Settings.fromConfig("storage", section))) {
      Map<String, Executable> ops = new java.util.LinkedHashMap<>();
      ops.put("stat", () -> r.stat(OID));
      ops.put("existing/list", () -> r.existing(manyOids()));
      ops.put("existing/head", () -> r.existing(List.of(OID)));
      ops.put("upload", () -> r.upload(OID, fileX(), n -> {}));
      ops.put("download", () -> r.download(OID, tmp.resolve("t"), n -> {}));
      ops.put("list", () -> r.list(o -> {}));
      ops.put("delete", () -> r.delete(OID));
      for (var op : ops.entrySet()) {
        RemoteUnavailableException e = assertThrows(RemoteUnavailableException.class, op.getValue(), op.getKey());
        assertTrue(e.getMessage().contains("bucket 'no-such-bucket' does not exist"), e.getMessage());
        assertTrue(e.hint().contains("create the bucket"), e.hint());
      }
    }
  }
}
