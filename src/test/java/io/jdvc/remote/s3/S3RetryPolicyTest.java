package io.jdvc.remote.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.object.Oid;
import io.jdvc.remote.RemoteUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The retry policy S3 transfers run under ({@link S3Clients#RETRY}, {@link TransientFailures}): every transient
 * network failure is retried however the HTTP client and the SDK wrapped it, wrong settings are not, throttling
 * backs off longer, and no shared retry budget runs dry over a long transfer on a bad network.
 */
class S3RetryPolicyTest {
  private static S3Exception s3(int status, String code) {
    return (S3Exception) S3Exception.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
  }

  private static Throwable cause(Throwable outer, Throwable inner) {
    outer.initCause(inner);
    return outer;
  }

  @Test
  void transientNetworkFailuresAreRetriedHoweverTheyAreWrapped() {
    List<Throwable> transientOnes = List.of(
        // the JDK client's chunked decoder meeting a flipped byte, raw and as RetryableBodies reports it
        new IOException("missing CR"),
        SdkClientException.create("network error while reading a response body", new IOException("missing CR")),
        // a reset while the SDK parsed a listing: three levels down
        SdkClientException.create("Could not parse XML response.",
            cause(new XMLStreamException("ParseError"), new SocketException("Connection reset"))),
        SdkClientException.create("Unable to execute HTTP request", new SocketTimeoutException("Read timed out")),
        SdkClientException.create("Unable to execute HTTP request", new java.io.EOFException("truncated body")),
        // a damaged digit in a response that arrived whole
        SdkClientException.create("Unable to unmarshall response (For input string: \"12a\")",
            new NumberFormatException("For input string: \"12a\"")),
        s3(500, "InternalError"), s3(502, null), s3(503, "SlowDown"), s3(429, "TooManyRequests"),
        s3(400, "BadDigest"), s3(400, "IncompleteBody"), s3(400, "RequestTimeout"), s3(400, "XAmzContentSHA256Mismatch"));
    for (Throwable t : transientOnes) {
      assertTrue(TransientFailures.isTransient(t), "retried: " + describe(t));
    }
  }

  @Test
  void wrongSettingsAndMissingObjectsAreNotRetried() {
    List<Throwable> final_ = List.of(
        SdkClientException.create("Unable to execute HTTP request", new ConnectException("Connection refused")),
        SdkClientException.create("Unable to execute HTTP request", new UnknownHostException("no.such.host")),
        SdkClientException.create("Unable to execute HTTP request", new SocketTimeoutException("connect timed out")),
        SdkClientException.create("cannot read the file", new LocalReadFailure(new NoSuchFileException("/data/x"))),
        s3(404, "NoSuchKey"), s3(403, "AccessDenied"), s3(403, "InvalidAccessKeyId"),
        s3(403, "SignatureDoesNotMatch"), // a wrong secret key: no body was being sent
        s3(400, "InvalidArgument"));
    for (Throwable t : final_) {
      assertFalse(TransientFailures.isTransient(t), "not retried: " + describe(t));
    }
    // while a body is on its way, the signature of a damaged body fails: that is damage, not a wrong key; so is
    // a damaged chunk header or checksum trailer
    for (Throwable damage : List.of(s3(403, "SignatureDoesNotMatch"), s3(400, "InvalidRequest"),
        s3(400, "InvalidChunkSizeError"), s3(400, "MalformedTrailerError"))) {
      assertFalse(TransientFailures.isTransient(damage), "without a body: " + describe(damage));
      assertTrue(TransientFailures.sendingBody(() -> TransientFailures.isTransient(damage)), describe(damage));
    }
    assertFalse(TransientFailures.sendingBody(() -> TransientFailures.isTransient(s3(400, "InvalidArgument"))));
  }

  @Test
  void throttlingBacksOffLongerThanABrokenConnection() {
    assertTrue(TransientFailures.isThrottling(s3(503, "SlowDown")));
    assertFalse(TransientFailures.isThrottling(s3(500, "InternalError")));
    assertFalse(TransientFailures.isThrottling(SdkClientException.create("x", new SocketException("reset"))));
    long reset = 0;
    long slowDown = 0;
    int n = 2000;
    for (int i = 0; i < n; i++) {
      reset += firstRetryDelay(SdkClientException.create("x", new SocketException("Connection reset"))).toMillis();
      slowDown += firstRetryDelay(s3(503, "SlowDown")).toMillis();
    }
    // full jitter: a first retry waits a uniform [0, 50 ms] after a reset, [0, 500 ms] after SlowDown
    assertTrue(reset / n > 10 && reset / n < 40, "a reset is retried soon: " + reset / n + " ms on average");
    assertTrue(slowDown / n > 150, "SlowDown is retried later: " + slowDown / n + " ms on average");
  }

  private static Duration firstRetryDelay(Throwable failure) {
    RetryToken token = S3Clients.RETRY.acquireInitialToken(AcquireInitialTokenRequest.create("s3")).token();
    return S3Clients.RETRY.refreshRetryToken(
        RefreshRetryTokenRequest.builder().token(token).failure(failure).build()).delay();
  }

  /**
   * A long transfer on a link that breaks half of all attempts for a while: 5,000 requests through one client.
   * The SDK's default circuit breaker (one token bucket per client: a retry costs 5, a success pays back 1 or what
   * its own retries took) runs dry after a few hundred of them, and from then on a request fails at its first
   * retry however many attempts it has left. Here each request has its own budget: it fails only once all of its
   * {@link S3Clients#MAX_ATTEMPTS} attempts failed.
   */
  @Test
  void noRetryBudgetRunsDryOverALongTransferOnABadNetwork() {
    Random rnd = new Random(11);
    Throwable reset = SdkClientException.create("x", new SocketException("Connection reset"));
    int cutShort = 0;
    int attempts = 0;
    for (int request = 0; request < 5000; request++) {
      RetryToken token = S3Clients.RETRY.acquireInitialToken(AcquireInitialTokenRequest.create("s3")).token();
      for (int attempt = 1; ; attempt++) {
        attempts++;
        if (rnd.nextBoolean()) {
          S3Clients.RETRY.recordSuccess(RecordSuccessRequest.create(token));
          break;
        }
        try {
          token = S3Clients.RETRY.refreshRetryToken(
              RefreshRetryTokenRequest.builder().token(token).failure(reset).build()).token();
        } catch (TokenAcquisitionFailedException e) {
          if (attempt < S3Clients.MAX_ATTEMPTS) {
            cutShort++;
          }
          break;
        }
      }
    }
    assertEquals(0, cutShort, "requests that failed although they had attempts left");
    assertTrue(attempts > 9000, "the link did break attempts: " + attempts);
  }

  /** After the last attempt: the remote, the operation, the object, the status or network error, the attempts. */
  @Test
  void aFailureAfterAllRetriesNamesWhatFailedHowOftenAndWhatToDoNext() {
    S3Errors errors = new S3Errors("store",
        S3Settings.fromConfig("store", Map.of("url", "s3://bkt/p", "endpointurl", "http://127.0.0.1:9000")));
    Oid oid = Oid.parse("5d41402abc4b2a76b9719d911017c592");
    S3Exception slowDown = (S3Exception) s3(503, "SlowDown").toBuilder().numAttempts(10).build();
    RemoteUnavailableException busy = assertThrows(RemoteUnavailableException.class,
        () -> errors.translate(slowDown, "upload", oid));
    assertEquals("remote 'store' (s3://bkt/p): S3 server error 503 (SlowDown) from http://127.0.0.1:9000 on upload "
        + oid + ", still failing, after 10 attempts", busy.getMessage());
    assertEquals("try again later, or with fewer parallel jobs (-j)", busy.hint());

    SdkClientException reset = (SdkClientException) SdkClientException.builder().message("Unable to execute")
        .cause(new SocketException("Connection reset")).numAttempts(10).build();
    IOException one = errors.translate(reset, "download", oid);
    assertEquals("remote 'store': download " + oid + " failed: network error (SocketException: Connection reset), "
        + "after 10 attempts", one.getMessage());
  }

  private static String describe(Throwable t) {
    StringBuilder s = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      s.append(c).append(" <- ");
    }
    return s.toString();
  }
}
