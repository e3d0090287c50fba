package io.jdvc.remote.http;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The TLS trust DVC's {@code ssl_verify} asks for: the system's CAs, none at all, or a PEM bundle. */
final class TlsTrust {
  private TlsTrust() {}

  static SSLContext context(String remoteName, String sslVerify) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      if (sslVerify.equals("true")) {
        return SSLContext.getDefault();
      }
      if (sslVerify.equals("false")) {
        ctx.init(null, new TrustManager[] {new TrustAll()}, null);
        return ctx;
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      try (InputStream in = Files.newInputStream(Path.of(sslVerify))) {
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          store.setCertificateEntry("ca" + i++, c);
        }
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new JdvcException("remote '" + remoteName + "': ssl_verify = " + sslVerify + " cannot be used: "
          + e.getMessage(), "set ssl_verify to true, false, or the path of a PEM file of CA certificates", e);
    }
  }

  /**
   * {@code ssl_verify = false}: any certificate, any host name. An X509ExtendedTrustManager, so that the JDK does
   * not add its host name check around it.
   */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
  }
}
