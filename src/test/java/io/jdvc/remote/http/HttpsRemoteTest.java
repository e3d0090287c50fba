package io.jdvc.remote.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import io.jdvc.object.ObjectLayout;
import io.jdvc.object.Oid;
import io.jdvc.remote.Remote;
import io.jdvc.remote.RemoteUnavailableException;
import io.jdvc.remote.Remotes;
import io.jdvc.testing.DvcHttpServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DVC's {@code ssl_verify} against a real HTTPS server on 127.0.0.1 whose certificate is self-signed (made with the
 * JDK's keytool): the system's CAs refuse it, {@code false} accepts anything, a PEM bundle accepts what it signs,
 * and a bundle does not switch off the host name check.
 */
class HttpsRemoteTest {
  private static final char[] PASS = "changeit".toCharArray();
  private static final byte[] CONTENT = "over tls\n".getBytes();

  @TempDir Path tmp;

  /** A key pair and self-signed certificate for {@code san} in a PKCS12 store, and the certificate as PEM. */
  private Path keystore(String name, String san) throws Exception {
    Path store = tmp.resolve(name + ".p12");
    keytool("-genkeypair", "-alias", "srv", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname",
        "CN=" + name, "-ext", "SAN=" + san, "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass",
        new String(PASS), "-keypass", new String(PASS));
    keytool("-exportcert", "-rfc", "-alias", "srv", "-keystore", store.toString(), "-storepass", new String(PASS),
        "-file", tmp.resolve(name + ".pem").toString());
    return store;
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
        .toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), "keytool " + String.join(" ", args) + ": " + out);
  }

  private static SSLContext serverContext(Path store) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASS);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASS);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  private DvcHttpServer serve(Path store) throws Exception {
    DvcHttpServer server = DvcHttpServer.serveHttps(tmp.resolve("www"), serverContext(store));
    Path object = server.root().resolve("store").resolve(ObjectLayout.keyOf(oid()));
    Files.createDirectories(object.getParent());
    Files.write(object, CONTENT);
    return server;
  }

  private static Oid oid() {
    return Oid.parse(DigestUtils.md5Hex(CONTENT));
  }

  private static Remote open(DvcHttpServer server, String sslVerify) {
    Map<String, String> section = new HashMap<>(Map.of("url", server.url("store")));
    if (sslVerify != null) {
      section.put("ssl_verify", sslVerify);
    }
    return Remotes.open("web", section, Path.of("."));
  }

  @Test
  void aSelfSignedServerIsRefusedByDefaultAndTrustedThroughFalseOrItsPemBundle() throws Exception {
    try (DvcHttpServer server = serve(keystore("localhost-ip", "ip:127.0.0.1"))) {
      assertTrue(server.url("store").startsWith("https://"));
      try (Remote strict = open(server, null)) {
        RemoteUnavailableException e = assertThrows(RemoteUnavailableException.class, () -> strict.stat(oid()));
        assertTrue(e.getMessage().contains("TLS failed") && e.hint().contains("ssl_verify"), e.getMessage());
      }
      for (String trust : List.of("false", "False", tmp.resolve("localhost-ip.pem").toString())) {
        try (Remote r = open(server, trust)) {
          assertEquals(CONTENT.length, r.stat(oid()).orElseThrow().size(), trust);
          assertArrayEquals(CONTENT, r.open(oid()).readAllBytes(), trust);
        }
      }
      JdvcException missing = assertThrows(JdvcException.class,
          () -> open(server, tmp.resolve("no-such.pem").toString()));
      assertTrue(missing.getMessage().contains("ssl_verify"), missing.getMessage());
    }
  }

  @Test
  void aPemBundleStillChecksTheHostName() throws Exception {
    try (DvcHttpServer server = serve(keystore("elsewhere", "dns:elsewhere.example"))) {
      try (Remote r = open(server, tmp.resolve("elsewhere.pem").toString())) {
        RemoteUnavailableException e = assertThrows(RemoteUnavailableException.class, () -> r.stat(oid()));
        assertTrue(e.getMessage().contains("TLS failed"), e.getMessage());
      }
      try (Remote anything = open(server, "false")) {
        assertTrue(anything.stat(oid()).isPresent(), "ssl_verify = false checks nothing, as DVC's does");
      }
    }
  }
}
