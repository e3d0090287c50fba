package io.jdvc.remote.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
