package io.jdvc.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: S3Proxy in-process on 127.0.0.1 (ephemeral port), objects as plain files in a temp
 * directory, SigV4 credentials checked. One server per test class:
 * {@code @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();}
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback {
  public static final String AK = "local-access-key";
  public static final String SK = "local-secret-key";
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private S3Proxy proxy;
  private BlobStore store;
  private Path dir;
  private URI uri;
  private S3Client raw;

  public URI uri() {
    return uri;
  }

  @Override
  public void beforeAll(ExtensionContext c) throws Exception {
    dir = Files.createTempDirectory("s3proxy");
    store = new FilesystemNio2BlobStore(dir.toString());
    proxy = S3Proxy.builder()
        .blobStore(store)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, AK, SK)
        .ignoreUnknownHeaders(true)
        .stopTimeout(0)
        .build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(10);
    }
    uri = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  @Override
  public void afterAll(ExtensionContext c) throws Exception {
    if (raw != null) {
      raw.close();
    }
    proxy.stop();
    store.close();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** A plain SDK client with the test credentials, for arranging and inspecting state behind jdvc's back. */
  public synchronized S3Client raw() {
    if (raw == null) {
      raw = S3Client.builder()
          .endpointOverride(uri)
          .forcePathStyle(true)
          .region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AK, SK)))
          .httpClient(UrlConnectionHttpClient.builder().build())
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
          .build();
    }
    return raw;
  }

  /** Creates a fresh, uniquely named bucket and returns its name. */
  public String createBucket() {
    String name = "bucket-" + BUCKETS.incrementAndGet();
    raw().createBucket(b -> b.bucket(name));
    return name;
  }

  /** A DVC remote config section for {@code s3://bucket/prefix} on this server, plus {@code extra} keys. */
  public Map<String, String> remoteSection(String bucket, String prefix, Map<String, String> extra) {
    var m = new java.util.HashMap<String, String>();
    m.put("url", "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix));
    m.put("endpointurl", uri.toString());
    m.put("access_key_id", AK);
    m.put("secret_access_key", SK);
    m.putAll(extra);
    return m;
  }

  /**
   * Makes remote {@code store} ({@code s3://bucket/dvcstore}, reached at {@code endpoint}: this server or a proxy
   * in front of it) the default remote of the jdvc repository at {@code root}, its keys in {@code config.local}.
   */
  public static void configureDefaultRemote(Path root, String bucket, URI endpoint) throws IOException {
    Files.writeString(root.resolve(".dvc/config"), "[core]\n    remote = store\n['remote \"store\"']\n"
        + "    url = s3://" + bucket + "/dvcstore\n    endpointurl = " + endpoint + "\n");
    Files.writeString(root.resolve(".dvc/config.local"), "['remote \"store\"']\n    access_key_id = " + AK
        + "\n    secret_access_key = " + SK + "\n");
  }

  /** Whether a key exists, asked with the raw client. */
  public boolean exists(String bucket, String key) {
    try {
      raw().headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
      return false;
    }
  }

  /** The server's data directory: objects are plain files there. */
  public Path dataDir() throws IOException {
    return dir;
  }
}
