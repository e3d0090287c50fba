package io.jdvc.remote.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SettingsTest {
  private static S3Settings parse(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return S3Settings.fromConfig("storage", m);
  }

  private static JdvcException rejected(String... kv) {
    return assertThrows(JdvcException.class, () -> parse(kv));
  }

  @Test
  void urlGivesBucketAndPrefixWithoutSlashes() {
    S3Settings s = parse("url", "s3://my-bucket/team/data/");
    assertEquals("my-bucket", s.bucket());
    assertEquals("team/data", s.prefix());
    assertEquals("s3://my-bucket/team/data", s.url());
    assertEquals("team/data/files/md5/ab/cd", s.keyOf("files/md5/ab/cd"));
    S3Settings bare = parse("url", "s3://my-bucket");
    assertEquals("", bare.prefix());
    assertEquals("files/md5/ab/cd", bare.keyOf("files/md5/ab/cd"));
  }

  @Test
  void defaultsSuitAwsAndFailFast() {
    S3Settings s = parse("url", "s3://b-1/p");
    assertNull(s.endpoint());
    assertNull(s.region());
    assertEquals(S3Settings.Checksum.WHEN_SUPPORTED, s.checksum());
    assertEquals(64L << 20, s.partSize());
    assertEquals(Duration.ofSeconds(5), s.connectTimeout());
    assertEquals(Duration.ofSeconds(60), s.readTimeout());
    assertEquals(0, s.jobs());
    assertFalse(s.verify());
    assertFalse(s.hasStaticCredentials());
  }

  @Test
  void customEndpointDefaultsToWhenRequiredChecksums() {
    S3Settings s = parse("url", "s3://b-1/p", "endpointurl", "http://127.0.0.1:9000");
    assertEquals(URI.create("http://127.0.0.1:9000"), s.endpoint());
    assertEquals(S3Settings.Checksum.WHEN_REQUIRED, s.checksum());
    assertEquals(S3Settings.Checksum.WHEN_SUPPORTED,
        parse("url", "s3://b-1/p", "endpointurl", "http://x", "jdvc_checksum", "when_supported").checksum());
  }

  @Test
  void endpointWithoutSchemeTakesItFromUseSsl() {
    assertEquals("https://minio:9000", parse("url", "s3://b-1", "endpointurl", "minio:9000").endpoint().toString());
    assertEquals("http://minio:9000",
        parse("url", "s3://b-1", "endpointurl", "minio:9000", "use_ssl", "false").endpoint().toString());
  }

  @Test
  void everyDvcKeyIsParsed() {
    S3Settings s = parse("url", "s3://b-1/p", "region", "eu-west-1", "profile", "team", "credentialpath", "/c",
        "configpath", "/k", "access_key_id", "AKIA", "secret_access_key", "s3cr3t", "session_token", "tok",
        "ssl_verify", "/etc/ca.pem", "sse", "aws:kms", "sse_kms_key_id", "key-1", "acl", "bucket-owner-full-control",
        "read_timeout", "30", "connect_timeout", "2.5", "jobs", "8", "verify", "true", "jdvc_part_size", "16MB",
        "listobjects", "true");
    assertEquals("eu-west-1", s.region());
    assertEquals("team", s.profile());
    assertEquals("/c", s.credentialPath());
    assertEquals("/k", s.configPath());
    assertTrue(s.hasStaticCredentials());
    assertEquals("tok", s.sessionToken());
    assertEquals("/etc/ca.pem", s.sslVerify());
    assertEquals("key-1", s.sseKmsKeyId());
    assertEquals("bucket-owner-full-control", s.acl());
    assertEquals(Duration.ofSeconds(30), s.readTimeout());
    assertEquals(Duration.ofMillis(2500), s.connectTimeout());
    assertEquals(8, s.jobs());
    assertTrue(s.verify());
    assertEquals(16L << 20, s.partSize());
  }

  @Test
  void toStringNeverShowsCredentials() {
    S3Settings s = parse("url", "s3://b-1/p", "access_key_id", "AKIAEXAMPLEKEY", "secret_access_key",
        "very-secret", "session_token", "session-secret");
    String text = s.toString();
    assertFalse(text.contains("AKIAEXAMPLEKEY"), text);
    assertFalse(text.contains("very-secret"), text);
    assertFalse(text.contains("session-secret"), text);
    assertTrue(text.contains("s3://b-1/p"), text);
  }

  @Test
  void sizesUseBinaryUnitsLikeBoto() {
    assertEquals(5L << 20, S3Settings.size("r", "k", "5MB"));
    assertEquals(5L << 20, S3Settings.size("r", "k", "5MiB"));
    assertEquals(1L << 30, S3Settings.size("r", "k", "1gb"));
    assertEquals(8L << 20, S3Settings.size("r", "k", "8388608"));
    assertThrows(JdvcException.class, () -> S3Settings.size("r", "k", "lots"));
  }

  @Test
  void badValuesAreRejectedWithTheKeyNamed() {
    assertTrue(rejected("url", "s3://b-1", "colour", "red").getMessage().contains("unknown option 'colour'"));
    assertTrue(rejected("url", "s3://b-1", "grant_read", "id=x").getMessage().contains("not supported"));
    assertTrue(rejected("url", "gs://b-1").getMessage().contains("s3://bucket/prefix"));
    assertTrue(rejected("url", "s3://B_ad").getMessage().contains("not a valid S3 bucket name"));
    assertTrue(rejected("url", "s3://b-1", "use_ssl", "yes").getMessage().contains("use_ssl"));
    assertTrue(rejected("url", "s3://b-1", "jobs", "0").getMessage().contains("jobs"));
    assertTrue(rejected("url", "s3://b-1", "read_timeout", "soon").getMessage().contains("read_timeout"));
    assertTrue(rejected("url", "s3://b-1", "jdvc_part_size", "1MB").getMessage().contains("jdvc_part_size"));
    assertTrue(rejected("url", "s3://b-1", "jdvc_checksum", "always").getMessage().contains("jdvc_checksum"));
    assertTrue(rejected("url", "s3://b-1", "access_key_id", "a").getMessage().contains("together"));
    assertTrue(rejected("url", "s3://b-1", "sse_kms_key_id", "k").getMessage().contains("aws:kms"));
    assertTrue(rejected("url", "s3://b-1", "endpointurl", "ftp://x").getMessage().contains("endpointurl"));
    assertTrue(rejected("url", "s3://b-1", "colour", "red").getMessage().contains("remote 'storage'"));
  }

  @Test
  void partSizeGrowsSoNoFileNeedsMoreThan10000Parts() {
    long configured = 64L << 20;
    assertEquals(configured, MultipartUpload.partSize(100L << 20, configured));
    assertEquals(configured, MultipartUpload.partSize(625L << 30, configured)); // exactly 10,000 x 64 MiB
    long grown = MultipartUpload.partSize(1L << 40, configured); // 1 TiB
    assertTrue(grown > configured && grown % (1 << 20) == 0);
    assertTrue(((1L << 40) + grown - 1) / grown <= 10_000);
  }
}
