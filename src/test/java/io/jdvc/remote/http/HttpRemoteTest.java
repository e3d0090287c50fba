package io.jdvc.remote.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import io.jdvc.object.ObjectLayout;
import io.jdvc.object.Oid;
import io.jdvc.remote.Remote;
import io.jdvc.remote.RemoteContract;
import io.jdvc.remote.RemoteUnavailableException;
import io.jdvc.remote.Remotes;
import io.jdvc.remote.local.LocalRemote;
import io.jdvc.testing.DvcHttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The remote contract and HTTP's own rules, against a real HTTP server on 127.0.0.1. */
class HttpRemoteTest extends RemoteContract {
  private DvcHttpServer server;

  @Override
  protected Remote newRemote() throws Exception {
    server = DvcHttpServer.serve(tmp.resolve("www"));
    return open(Map.of("url", server.url("store"), "method", "PUT"));
  }

  private Remote open(Map<String, String> section) {
    return Remotes.open("web", section, tmp);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Override
  protected boolean rawExists(String relativeKey) {
    return Files.isRegularFile(server.root().resolve("store").resolve(relativeKey));
  }

  @Override
  protected boolean canList() {
    return false;
  }

  /** An HTTP server cannot be listed: the backing directory is, to check what landed. */
  @Override
  protected Set<Oid> listAll() throws IOException {
    Set<Oid> all = new HashSet<>();
    Path dir = server.root().resolve("store");
    if (Files.isDirectory(dir)) {
      try (LocalRemote local = new LocalRemote("raw", dir)) {
        local.list(all::add);
      }
    }
    return all;
  }

  @Test
  void listingIsRefusedClearly() {
    JdvcException e = assertThrows(JdvcException.class, () -> remote.list(o -> {}));
    assertTrue(e.getMessage().contains("cannot be listed"), e.getMessage());
  }

  @Test
  void basicAuthIsSentAndAWrongPasswordNamesTheUrlButNeverThePassword() throws Exception {
    Oid oid = put(new byte[] {1, 2, 3});
    server.basicAuth("alice", "s3cret-pw");
    Map<String, String> section = new HashMap<>(Map.of("url", server.url("store"), "auth", "basic", "user", "alice",
        "password", "s3cret-pw"));
    try (Remote ok = open(section)) {
      assertTrue(ok.stat(oid).isPresent());
      assertEquals(3, ok.open(oid).readAllBytes().length);
    }
    assertAWrongPasswordIsNamedWithoutIt(section, oid);
  }

  /** 401 naming the URL, never the password. */
  private void assertAWrongPasswordIsNamedWithoutIt(Map<String, String> section, Oid oid) {
    section.put("password", "wrong-pw");
    try (Remote bad = open(section)) {
      RemoteUnavailableException e = assertThrows(RemoteUnavailableException.class, () -> bad.stat(oid));
      assertTrue(e.getMessage().contains("401") && e.getMessage().contains(server.url("store/files/md5")),
          e.getMessage());
      assertFalse((e.getMessage() + e.hint()).contains("wrong-pw"));
    }
  }

  @Test
  void customAuthSendsThePasswordInTheNamedHeader() throws Exception {
    Oid oid = put(new byte[] {9});
    server.requireHeader("X-Token", "tok");
    assertThrows(RemoteUnavailableException.class, () -> remote.stat(oid), "the server wants the header");
    try (Remote r = open(Map.of("url", server.url("store"), "auth", "custom", "custom_auth_header", "X-Token",
        "password", "tok"))) {
      assertTrue(r.stat(oid).isPresent());
    }
  }

  @Test
  void digestAuthAnswersTheChallengeOnceAndAgainWhenTheNonceIsStale() throws Exception {
    Oid oid = put(new byte[] {1, 2, 3});
    server.requests.clear();
    server.digestAuth("alice", "d1gest-pw");
    Map<String, String> section = new HashMap<>(Map.of("url", server.url("store"), "auth", "digest", "user", "alice",
        "password", "d1gest-pw", "method", "PUT"));
    try (Remote ok = open(section)) {
      assertTrue(ok.stat(oid).isPresent());
      assertEquals(3, ok.open(oid).readAllBytes().length);
      byte[] up = {4, 5, 6, 7};
      ok.upload(oidOf(up), file(up), n -> {});
      assertTrue(rawExists(ObjectLayout.keyOf(oidOf(up))));
      server.newNonce();
      assertTrue(ok.stat(oidOf(up)).isPresent(), "a stale nonce is answered anew");
    }
    List<String> sent = server.requests.stream().filter(r -> r.contains("/store/files/")).toList();
    assertEquals(1, sent.stream().filter(r -> r.endsWith(" -")).count(), "one request without an answer, the "
        + "first; the others carry one from the start: " + sent);
    assertAWrongPasswordIsNamedWithoutIt(section, oid);
    JdvcException noUser = assertThrows(JdvcException.class,
        () -> open(Map.of("url", server.url("store"), "auth", "digest", "password", "p")));
    assertTrue(noUser.getMessage().contains("auth = digest needs a user"), noUser.getMessage());
  }

  /** DVC's http filesystem raises ConfigError for basic or custom auth without a password; so does opening one. */
  @Test
  void authWithoutAPasswordIsRefusedWhenTheRemoteIsOpened() {
    for (Map<String, String> section : List.of(Map.of("url", server.url("s"), "auth", "basic", "user", "u"),
        Map.of("url", server.url("s"), "auth", "custom", "custom_auth_header", "X-Token"))) {
      Remotes.validate("web", section); // users set the password last, in config.local
      JdvcException e = assertThrows(JdvcException.class, () -> open(section));
      assertTrue(e.getMessage().contains("needs a password") && e.hint().contains("--local web password"),
          e.getMessage() + e.hint());
    }
  }

  @Test
  void serverErrorsNameStatusAndUrl() throws Exception {
    Oid oid = oidOf(new byte[] {7});
    String path = "/store/" + ObjectLayout.keyOf(oid);
    server.status(path, 503);
    IOException e = assertThrows(IOException.class, () -> remote.stat(oid));
    assertTrue(e.getMessage().contains("503") && e.getMessage().contains(path), e.getMessage());
    server.status(path, 403);
    RemoteUnavailableException forbidden = assertThrows(RemoteUnavailableException.class, () -> remote.open(oid));
    assertTrue(forbidden.getMessage().contains("403"), forbidden.getMessage());
  }

  /** As DVC's client (aiohttp_retry): reads are tried 5 times in all after a 5xx; uploads once. */
  @Test
  void readsAreTriedAgainAfterServerErrorsAndUploadsAreNot() throws Exception {
    byte[] content = {3, 1, 4};
    Oid oid = put(content);
    String path = "/store/" + ObjectLayout.keyOf(oid);
    server.failTimes(path, 503, 4);
    assertTrue(remote.stat(oid).isPresent(), "the fifth HEAD is answered");
    server.failTimes(path, 502, 2);
    assertEquals(3, remote.open(oid).readAllBytes().length);
    server.failTimes(path, 500, 5);
    server.requests.clear();
    IOException e = assertThrows(IOException.class, () -> remote.stat(oid));
    assertTrue(e.getMessage().contains("500") && e.getMessage().contains(path), e.getMessage());
    assertEquals(5, server.requests.stream().filter(r -> r.startsWith("HEAD " + path)).count(), "5 attempts in all");

    byte[] other = {2, 7};
    String otherPath = "/store/" + ObjectLayout.keyOf(oidOf(other));
    server.failTimes(otherPath, 503, 1);
    assertThrows(IOException.class, () -> remote.upload(oidOf(other), file(other), n -> {}));
    assertEquals(1, server.requests.stream().filter(r -> r.startsWith("PUT " + otherPath)).count(),
        "an upload is not repeated: the server may have stored it");
  }

  @Test
  void redirectsAreFollowedButCredentialsStayOnTheRemotesOrigin() throws Exception {
    byte[] content = {4, 5, 6};
    Oid oid = put(content);
    String key = ObjectLayout.keyOf(oid);
    try (DvcHttpServer other = DvcHttpServer.serve(tmp.resolve("other"))) {
      Files.createDirectories(other.root().resolve("mirror").resolve(key).getParent());
      Files.write(other.root().resolve("mirror").resolve(key), content);
      server.redirect("/store/" + key, other.url("mirror/" + key));
      try (Remote r = open(Map.of("url", server.url("store"), "auth", "basic", "user", "u", "password", "pw"))) {
        assertEquals(List.of((byte) 4, (byte) 5, (byte) 6), boxed(r.open(oid).readAllBytes()));
      }
      assertTrue(server.requests.stream().anyMatch(l -> l.startsWith("GET /store/") && l.contains("Basic ")));
      assertTrue(other.requests.stream().allMatch(l -> l.endsWith(" -")), "no credentials to another origin: "
          + other.requests);
    }
  }

  @Test
  void aServerThatRefusesTheUploadMethodSaysWhichMethodToTry() throws Exception {
    server.writable(false);
    RemoteUnavailableException e = assertThrows(RemoteUnavailableException.class,
        () -> remote.upload(oidOf(new byte[] {1}), file(new byte[] {1}), n -> {}));
    assertTrue(e.getMessage().contains("PUT") && e.getMessage().contains("405"), e.getMessage());
    assertTrue(e.hint().contains("method POST"), "the other method is suggested: " + e.hint());
  }

  @Test
  void anUnreachableServerMakesTheRemoteUnavailable() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (Remote r = open(Map.of("url", "http://127.0.0.1:" + port + "/x"))) {
      RemoteUnavailableException e = assertThrows(RemoteUnavailableException.class,
          () -> r.stat(oidOf(new byte[] {1})));
      assertTrue(e.getMessage().contains("cannot reach"), e.getMessage());
    }
  }

  /**
   * A server on 127.0.0.1 that reads each request's head and then runs {@code answer} on the connection; closed
   * with the returned socket.
   */
  private static java.net.ServerSocket rawServer(RawAnswer answer) throws IOException {
    java.net.ServerSocket ss = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      while (!ss.isClosed()) {
        try (java.net.Socket s = ss.accept()) {
          java.io.InputStream in = s.getInputStream();
          StringBuilder head = new StringBuilder();
          while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
              break;
            }
            head.append((char) c);
          }
          answer.answer(head.toString(), in, s.getOutputStream());
        } catch (Exception e) {
          // the client gave up, or the test ended
        }
      }
    }, "raw-http");
    t.setDaemon(true);
    t.start();
    return ss;
  }

  private interface RawAnswer {
    void answer(String head, java.io.InputStream body, java.io.OutputStream out) throws Exception;
  }

  private static String rawUrl(java.net.ServerSocket ss) {
    return "http://127.0.0.1:" + ss.getLocalPort() + "/store";
  }

  /** DVC's read_timeout is aiohttp's sock_read: the longest wait for the server's next bytes. */
  @Test
  void aServerThatStopsSendingFailsAfterTheReadTimeoutNamingIt() throws Exception {
    Oid oid = oidOf(new byte[] {1});
    try (java.net.ServerSocket silent = rawServer((head, body, out) -> Thread.sleep(120_000));
        java.net.ServerSocket stalls = rawServer((head, body, out) -> {
          out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789".getBytes());
          out.flush();
          Thread.sleep(120_000);
        })) {
      assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {  // the default would wait 60 s
        try (Remote r = open(Map.of("url", rawUrl(silent), "read_timeout", "0.5"))) {
          IOException e = assertThrows(IOException.class, () -> r.stat(oid));
          assertTrue(e.getMessage().contains("no response within 0.5 s (read_timeout)")
              && e.getMessage().contains(rawUrl(silent)), e.getMessage());
        }
        try (Remote r = open(Map.of("url", rawUrl(stalls), "read_timeout", "0.5"))) {
          // the JDK's own timeout ends with the response head: this body would block forever without ours
          IOException e = assertThrows(IOException.class, () -> r.open(oid).readAllBytes());
          assertTrue(e.getMessage().contains("no data for 0.5 s (read_timeout)"), e.getMessage());
        }
      });
    }
  }

  /** The JDK's request timeout would count an upload's whole duration; DVC's counts only a wait for bytes. */
  @Test
  void anUploadThatTakesLongerThanTheReadTimeoutButKeepsMovingSucceeds() throws Exception {
    byte[] big = new byte[32 << 20];
    new java.util.Random(7).nextBytes(big);
    java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
    try (java.net.ServerSocket slow = rawServer((head, body, out) -> {
      long length = Long.parseLong(head.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
          .findFirst().orElseThrow().substring(15).strip());
      byte[] buf = new byte[64 << 10];
      long start = System.nanoTime();
      for (long left = length; left > 0; ) {
        int n = body.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          break;
        }
        left -= n;
        received.addAndGet(n);
        Thread.sleep(5); // about 12 MB/s: the upload lasts well over read_timeout, with no long pause
      }
      received.set(System.nanoTime() - start > 1_000_000_000L ? received.get() : -1);
      out.write("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n".getBytes());
      out.flush();
    })) {
      try (Remote r = open(Map.of("url", rawUrl(slow), "read_timeout", "1", "method", "PUT"))) {
        r.upload(oidOf(big), file(big), n -> {});
      }
      assertEquals(big.length, received.get(), "the whole body arrived, more slowly than read_timeout");
    }
  }

  @Test
  void aServerThatDoesNotAcceptTheConnectionFailsAfterTheConnectTimeout() throws Exception {
    // a listen backlog of one, filled: the kernel leaves further connections unanswered
    try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      List<java.net.Socket> queued = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          java.net.Socket s = new java.net.Socket();
          queued.add(s);
          try {
            s.connect(full.getLocalSocketAddress(), 300);
          } catch (java.net.SocketTimeoutException e) {
            break;
          }
        }
        try (Remote r = open(Map.of("url", rawUrl(full), "connect_timeout", "0.5"))) {
          RemoteUnavailableException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
              () -> assertThrows(RemoteUnavailableException.class, () -> r.stat(oidOf(new byte[] {1}))));
          assertTrue(e.getMessage().contains("no connection within 0.5 s (connect_timeout)"), e.getMessage());
        }
      } finally {
        for (java.net.Socket s : queued) {
          s.close();
        }
      }
    }
  }

  @Test
  void settingsAreStrictAndAskPasswordIsRefused() {
    assertTrue(assertThrows(JdvcException.class, () -> open(Map.of("url", server.url("s"), "endpointurl", "x")))
        .getMessage().contains("unknown option 'endpointurl'"));
    assertTrue(assertThrows(JdvcException.class, () -> open(Map.of("url", server.url("s"), "ask_password", "true")))
        .getMessage().contains("ask_password"));
    assertTrue(assertThrows(JdvcException.class, () -> open(Map.of("url", server.url("s"), "auth", "basic")))
        .getMessage().contains("needs a user"));
    HttpSettings s = HttpSettings.fromConfig("w", Map.of("url", server.url("s/"), "user", "u", "password", "pw",
        "auth", "basic"));
    assertFalse(s.toString().contains("pw,") || s.toString().endsWith("pw]"), s.toString());
    assertEquals(server.url("s"), s.base().toString());
  }

  private static List<Byte> boxed(byte[] b) {
    List<Byte> out = new java.util.ArrayList<>();
    for (byte x : b) {
      out.add(x);
    }
    return out;
  }
}
