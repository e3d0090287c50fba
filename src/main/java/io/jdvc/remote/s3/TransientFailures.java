package io.jdvc.remote.s3;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.FileSystemException;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.xml.stream.XMLStreamException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Which failures are worth another attempt: the retry condition of {@link S3Clients#RETRY}. The SDK's own
 * conditions look at an exception and its direct cause only, so a connection reset in the middle of a listing
 * (reported as "Could not parse XML response", caused by the XML parser's exception, caused by the
 * {@code SocketException}) or a chunked body the JDK client cannot decode ({@code IOException: missing CR})
 * ended a whole command. Here the whole cause chain counts, whichever HTTP client produced it.
 *
 * <p>Transient: any network I/O failure (reset, truncated body, chunk framing, read timeout), a response that
 * does not parse (a damaged body), 5xx, throttling, and the 400s S3 sends when the request body arrived damaged
 * ({@code BadDigest}: Content-MD5 mismatch; the SHA-256 and checksum mismatches; {@code IncompleteBody}). Not
 * transient: nothing listening, a connect timeout or no such host (the endpoint is wrong or the server is down;
 * retrying only delays the message), a TLS certificate refused, a local file that cannot be read, and every other 4xx.
 */
final class TransientFailures {
  /** S3 error codes that mean "your request arrived damaged or too late", not "your request is wrong". */
  private static final Set<String> DAMAGED_REQUEST = Set.of(
      "BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch", "XAmzContentChecksumMismatch",
      "IncompleteBody", "RequestTimeout", "MalformedXML", "InvalidPart", "RequestTimeTooSkewed");
  /**
   * 400s that a byte damaged in the framing of an aws-chunked upload draws (a chunk header, the checksum trailer):
   * S3Proxy answers a damaged trailer name with InvalidRequest, S3 names the part that broke. Retried only while a
   * body is being sent ({@link #sendingBody}); InvalidRequest also means a wrong setting, which then fails after
   * its attempts with the same code.
   */
  private static final Set<String> DAMAGED_FRAMING = Set.of(
      "InvalidRequest", "InvalidChunkSizeError", "MalformedTrailerError", "InvalidTrailer");
  private static final Set<String> THROTTLING = Set.of(
      "SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException",
      "ServiceUnavailable", "RequestThrottled");

  /**
   * Whether this thread is sending a request with a body. Over http the SDK signs the body's SHA-256, so a
   * byte damaged on the way makes the server answer 403 SignatureDoesNotMatch, as it does for a wrong secret
   * key. A wrong key fails the bodiless requests every command starts with (HEAD, list), so while a body is
   * being sent that 403 means damage, and is retried. The sync client retries on the calling thread.
   */
  private static final ThreadLocal<Boolean> SENDING_BODY = ThreadLocal.withInitial(() -> false);

  /** One SDK call that sends a body. */
  @FunctionalInterface
  interface BodyCall<T> {
    T call();
  }

  private TransientFailures() {}

  /** Runs {@code call}, which sends a request body (PutObject, UploadPart, CompleteMultipartUpload). */
  static <T> T sendingBody(BodyCall<T> call) {
    SENDING_BODY.set(true);
    try {
      return call.call();
    } finally {
      SENDING_BODY.set(false);
    }
  }

  static boolean isTransient(Throwable failure) {
    if (failure instanceof AwsServiceException se) {
      return se.statusCode() >= 500 || se.statusCode() == 429 || DAMAGED_REQUEST.contains(code(se))
          || THROTTLING.contains(code(se))
          || (SENDING_BODY.get() && se.statusCode() == 403 && "SignatureDoesNotMatch".equals(code(se)))
          || (SENDING_BODY.get() && se.statusCode() == 400 && DAMAGED_FRAMING.contains(code(se)));
    }
    boolean network = false;
    for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof LocalReadFailure || c instanceof ConnectException || c instanceof UnknownHostException || c instanceof NoRouteToHostException
          || c instanceof SSLHandshakeException || c instanceof FileSystemException
          || c instanceof FileNotFoundException) {
        return false;
      }
      if (c instanceof IOException && String.valueOf(c.getMessage()).contains("No space left")) {
        return false;
      }
      if (c instanceof java.net.SocketTimeoutException && String.valueOf(c.getMessage()).contains("connect")) {
        return false; // nothing answers at that address: the TCP stack already retried the SYN
      }
      if (c instanceof IOException || c instanceof XMLStreamException || c instanceof ApiCallAttemptTimeoutException
          || c instanceof java.io.UncheckedIOException) {
        network = true;
      }
    }
    return network || unparsable(failure);
  }

  /** 503 SlowDown and friends: back off longer, the server asks for fewer requests. */
  static boolean isThrottling(Throwable failure) {
    return failure instanceof AwsServiceException se && (se.statusCode() == 429 || se.statusCode() == 503
        || THROTTLING.contains(code(se)));
  }

  /** A response whose body arrived but does not make sense (a damaged digit, a broken tag). */
  private static boolean unparsable(Throwable failure) {
    if (!(failure instanceof SdkClientException)) {
      return false;
    }
    String m = String.valueOf(failure.getMessage());
    return m.contains("Could not parse") || m.contains("Unable to unmarshall") || m.contains("unmarshall")
        || failure.getCause() instanceof NumberFormatException
        || failure.getCause() instanceof java.time.DateTimeException;
  }

  private static String code(AwsServiceException e) {
    return e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
        ? e.awsErrorDetails().errorCode() : "";
  }
}
