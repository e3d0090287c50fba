package io.jdvc.remote.s3;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.utils.AttributeMap;

/** Builds the one {@link S3Client} an {@link S3Remote} uses, from its {@link S3Settings}. */
final class S3Clients {
  /** Attempts per request, the first included: see {@link #RETRY}. */
  static final int MAX_ATTEMPTS = 10;

  /**
   * Ten attempts with full-jitter exponential backoff from 50 ms, capped at 2 s (at most about 10 s of waiting,
   * about 5 s on average), on every failure {@link TransientFailures} calls transient; throttling (503 SlowDown)
   * backs off from 500 ms, capped at 10 s, because it means "fewer of us", not "try again". Ten, not the SDK's
   * three: on a link that breaks a quarter of all requests, one request in a thousand fails five times in a row,
   * and a push makes thousands of requests; ten in a row happen once in a million.
   *
   * <p>The SDK's circuit breaker (a token bucket of 500 shared by all requests of the client: 5 per retry, 1
   * back per success) is off: on such a link it runs dry after a few hundred requests and then every failure
   * is final, so a long transfer would fail however many attempts are allowed. Each request still waits out its
   * own backoff, so a failing server sees at most {@code jobs} requests at a time, each slower than the last.
   */
  static final RetryStrategy RETRY =
      StandardRetryStrategy.builder()
          .maxAttempts(MAX_ATTEMPTS)
          .circuitBreakerEnabled(false)
          .retryOnException(TransientFailures::isTransient)
          .treatAsThrottling(TransientFailures::isThrottling)
          .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(2)))
          .throttlingBackoffStrategy(
              BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(10)))
          .build();

  private S3Clients() {}

  static S3Client build(S3Settings s, List<ExecutionInterceptor> interceptors) {
    S3ClientBuilder b =
        S3Client.builder()
            .httpClient(new RetryableBodies(httpClient(s)))
            .credentialsProvider(credentials(s))
            .region(Region.of(s.region() != null ? s.region() : "us-east-1"))
            .requestChecksumCalculation(
                s.checksum() == S3Settings.Checksum.WHEN_REQUIRED
                    ? RequestChecksumCalculation.WHEN_REQUIRED
                    : RequestChecksumCalculation.WHEN_SUPPORTED)
            .responseChecksumValidation(
                s.checksum() == S3Settings.Checksum.WHEN_REQUIRED
                    ? ResponseChecksumValidation.WHEN_REQUIRED
                    : ResponseChecksumValidation.WHEN_SUPPORTED)
            .overrideConfiguration(
                o -> {
                  o.retryStrategy(RETRY);
                  o.addExecutionInterceptor(new ResponseHeadCheck());
                  interceptors.forEach(o::addExecutionInterceptor);
                });
    if (s.endpoint() != null) {
      // S3-compatible servers rarely have wildcard DNS for bucket.host (s3-testing.md pitfall 8).
      b.endpointOverride(s.endpoint()).forcePathStyle(true);
    } else {
      if (!s.useSsl()) {
        String region = s.region() != null ? s.region() : "us-east-1";
        b.endpointOverride(URI.create("http://s3." + region + ".amazonaws.com"));
      }
      if (s.region() == null) {
        // Like boto without a region: follow the bucket to its region instead of failing with a redirect.
        b.crossRegionAccessEnabled(true);
      }
    }
    return b.build();
  }

  private static SdkHttpClient httpClient(S3Settings s) {
    UrlConnectionHttpClient.Builder http =
        UrlConnectionHttpClient.builder().connectionTimeout(s.connectTimeout()).socketTimeout(s.readTimeout());
    if (plainHttp(s)) {
      // This client never opens a TLS connection, yet the default build sets up a TLS context and reads and
      // parses the JDK's ~140 CA certificates (about 0.1 s of CPU at every start of a transfer command). Without
      // a proxy, the SDK's own connection is exactly this one: the URL's connection with both timeouts.
      if (ProxyConfiguration.builder().build().host() == null) {
        int connect = (int) Math.min(Integer.MAX_VALUE, s.connectTimeout().toMillis());
        int read = (int) Math.min(Integer.MAX_VALUE, s.readTimeout().toMillis());
        return UrlConnectionHttpClient.create(uri -> {
          try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setConnectTimeout(connect);
            c.setReadTimeout(read);
            return c;
          } catch (IOException e) {
            throw new UncheckedIOException(e); // as the SDK's own connection factory does
          }
        });
      }
      http.tlsTrustManagersProvider(() -> new TrustManager[0]);
      return http.build();
    }
    if ("false".equals(s.sslVerify())) {
      return http.buildWithDefaults(
          AttributeMap.builder().put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, Boolean.TRUE).build());
    }
    if (!"true".equals(s.sslVerify())) {
      TrustManager[] managers = trustManagers(Path.of(s.sslVerify()));
      http.tlsTrustManagersProvider(() -> managers);
    }
    return http.build();
  }

  /** Whether every request goes to a plain-http endpoint ({@code endpointurl http://…} or {@code use_ssl false}). */
  static boolean plainHttp(S3Settings s) {
    if (s.endpoint() != null) {
      return "http".equalsIgnoreCase(s.endpoint().getScheme());
    }
    return !s.useSsl();
  }

  /** ssl_verify = path: trust exactly the certificates in that PEM bundle, as boto's verify=path does. */
  private static TrustManager[] trustManagers(Path bundle) {
    try (InputStream in = Files.newInputStream(bundle)) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      return tmf.getTrustManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new JdvcException(
          "cannot read the CA bundle " + bundle + " (ssl_verify): " + e.getMessage(),
          "point ssl_verify at a PEM file, or set it to true or false");
    }
  }

  /**
   * Static keys from the config win; else the SDK's default chain (environment, profiles, container and instance
   * roles). {@code credentialpath}/{@code configpath} apply only when the AWS_* variables do not already name
   * those files, as DVC's {@code os.environ.setdefault} does. Users outside EC2 who rely on the chain should set
   * AWS_EC2_METADATA_DISABLED=true, or a missing key costs a metadata-service timeout.
   */
  private static AwsCredentialsProvider credentials(S3Settings s) {
    if (s.hasStaticCredentials()) {
      return StaticCredentialsProvider.create(
          s.sessionToken() != null
              ? AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), s.sessionToken())
              : AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey()));
    }
    if (s.anonymous()) {
      return AnonymousCredentialsProvider.create();
    }
    DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
    if (s.profile() != null) {
      chain.profileName(s.profile());
    }
    if (s.credentialPath() != null || s.configPath() != null) {
      Path config = pick("AWS_CONFIG_FILE", s.configPath(), ProfileFileLocation.configurationFilePath());
      Path creds = pick("AWS_SHARED_CREDENTIALS_FILE", s.credentialPath(), ProfileFileLocation.credentialsFilePath());
      ProfileFile.Aggregator files = ProfileFile.aggregator();
      if (Files.isRegularFile(config)) {
        files.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
      }
      if (Files.isRegularFile(creds)) {
        files.addFile(ProfileFile.builder().content(creds).type(ProfileFile.Type.CREDENTIALS).build());
      }
      chain.profileFile(files.build());
    }
    return chain.build();
  }

  private static Path pick(String envVar, String configured, Path dflt) {
    String env = System.getenv(envVar);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return configured != null ? Path.of(configured) : dflt;
  }
}
