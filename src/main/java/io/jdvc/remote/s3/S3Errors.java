package io.jdvc.remote.s3;

import io.jdvc.object.Oid;
import io.jdvc.remote.ObjectNotFoundException;
import io.jdvc.remote.RemoteUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the AWS SDK throws (after its own retries) into jdvc's two kinds of failure: the remote as a whole
 * is unusable ({@link RemoteUnavailableException}, thrown: the transfer must stop) or one object failed
 * ({@link IOException}, returned: the transfer records it and goes on).
 *
 * <p>Messages are one line, name the remote and the S3 error code, and never include the SDK's own message:
 * that text can quote request details, and users need the next step more than the request id.
 */
final class S3Errors {
  private static final java.util.regex.Pattern ATTEMPTS = java.util.regex.Pattern.compile("SDK Attempt Count: (\\d+)");
  private final String remoteName;
  private final S3Settings settings;

  S3Errors(String remoteName, S3Settings settings) {
    this.remoteName = remoteName;
    this.settings = settings;
  }

  /**
   * Throws {@link RemoteUnavailableException} for whole-remote failures; otherwise returns the per-object
   * {@link IOException} for the caller to throw. {@code oid} may be null for operations on no single object.
   */
  IOException translate(SdkException e, String operation, Oid oid) {
    if (e instanceof AwsServiceException se) {
      return service(se, operation, oid);
    }
    Throwable cause = rootCause(e);
    String where = endpointText();
    if (cause instanceof ConnectException
        || cause instanceof NoRouteToHostException
        || cause instanceof UnknownHostException
        || (cause instanceof SocketTimeoutException && String.valueOf(cause.getMessage()).contains("connect"))) {
      throw unavailable(
          "cannot reach " + where + " (" + cause.getClass().getSimpleName() + ")",
          settings.endpoint() != null
              ? "check that the S3 server is running and that endpointurl in .dvc/config is right"
              : "check your network connection and proxy settings",
          e);
    }
    if (cause instanceof SocketTimeoutException) {
      // after the SDK's retries: a server that accepts but does not answer would make every object wait as long
      throw unavailable(
          "no answer from " + where + " within the timeout (" + cause.getClass().getSimpleName() + ")",
          "check that the server at " + where + " is healthy; for a slow link raise read_timeout or connect_timeout "
              + "with 'jdvc remote modify " + remoteName + "'",
          e);
    }
    if (cause instanceof SSLException) {
      throw unavailable(
          "TLS handshake with " + where + " failed",
          "check endpointurl (http vs https) and ssl_verify (a CA bundle path, or false for self-signed servers)",
          e);
    }
    if (e instanceof SdkClientException && String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
      throw unavailable(
          "no AWS credentials found",
          "set access_key_id and secret_access_key with 'jdvc remote modify --local " + remoteName
              + "', or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or a profile (AWS_PROFILE or 'profile')",
          e);
    }
    String what = oid == null ? operation : operation + " " + oid;
    String failure = "network error (" + cause.getClass().getSimpleName()
        + (cause.getMessage() != null ? ": " + cause.getMessage() : "") + ")" + attempts(e);
    if (oid == null) {
      // a listing or a bucket check: without it the command cannot go on
      throw unavailable(what + " failed: " + failure,
          "the connection to " + where + " keeps breaking; check the network (or proxy) and run the command "
              + "again: what was transferred is kept",
          e);
    }
    return new IOException("remote '" + remoteName + "': " + what + " failed: " + failure, e);
  }

  /** ", after N attempts" from the SDK's message, or nothing when the SDK did not retry. */
  private static String attempts(SdkException e) {
    java.util.regex.Matcher m = ATTEMPTS.matcher(String.valueOf(e.getMessage()));
    return m.find() && !"1".equals(m.group(1)) ? ", after " + m.group(1) + " attempts" : "";
  }

  private IOException service(AwsServiceException e, String operation, Oid oid) {
    int status = e.statusCode();
    String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
    String codeText = code != null ? code : "HTTP " + status;
    if ("NoSuchBucket".equals(code)) {
      throw missingBucket(e);
    }
    if ("NoSuchKey".equals(code) && oid != null) {
      ObjectNotFoundException nf = new ObjectNotFoundException(oid, settings.url());
      nf.initCause(e);
      return nf;
    }
    if (status == 403) {
      boolean badKey = "SignatureDoesNotMatch".equals(code) || "InvalidAccessKeyId".equals(code)
          || "ExpiredToken".equals(code) || "InvalidToken".equals(code);
      if (badKey) {
        throw unavailable(
            "S3 rejected the credentials (" + codeText + ")",
            "check access_key_id/secret_access_key (or the AWS profile) for this remote, and the system clock",
            e);
      }
      // HEAD responses carry no body, so a 403 there cannot say whether the key or a permission is wrong.
      throw unavailable(
          "access denied to " + settings.url() + " (" + codeText + "): bad credentials or missing permission",
          "check the credentials; they need s3:ListBucket, s3:GetObject and s3:PutObject"
              + " (s3:DeleteObject for gc) on the bucket",
          e);
    }
    if (status == 301 || "AuthorizationHeaderMalformed".equals(code) || "PermanentRedirect".equals(code)) {
      throw unavailable(
          "bucket '" + settings.bucket() + "' is in another region (" + codeText + ")",
          "set the bucket's region: 'jdvc remote modify " + remoteName + " region <region>'",
          e);
    }
    if (status == 404 && code == null && oid == null) {
      // S3 answers a listing of a missing bucket with NoSuchBucket; a bare 404 comes from something else
      throw unavailable(
          "HTTP 404 from " + endpointText() + " without an S3 error code: it does not look like an S3 endpoint",
          "point endpointurl at the server's S3 API address (scheme, host and port, without the bucket)",
          e);
    }
    if (status >= 500) {
      throw unavailable(
          "S3 server error " + status + " (" + codeText + ") from " + endpointText() + " on " + (oid == null
              ? operation : operation + " " + oid) + ", still failing" + attempts(e),
          "try again later, or with fewer parallel jobs (-j)",
          e);
    }
    if ("BadDigest".equals(code) || "InvalidDigest".equals(code)) {
      return new IOException(
          "remote '" + remoteName + "': " + operation + " " + oid + " rejected (" + code
              + "): the file's content does not match its hash; the local copy changed or is corrupt",
          e);
    }
    String what = oid == null ? operation : operation + " " + oid;
    return new IOException("remote '" + remoteName + "': " + what + " failed: HTTP " + status
        + (code != null ? " " + code : "") + attempts(e), e);
  }

  RemoteUnavailableException missingBucket(Throwable cause) {
    return unavailable(
        "bucket '" + settings.bucket() + "' does not exist" + (settings.endpoint() != null ? " on " + endpointText() : ""),
        "create the bucket, or fix the remote's url in .dvc/config",
        cause);
  }

  private RemoteUnavailableException unavailable(String what, String hint, Throwable cause) {
    return new RemoteUnavailableException("remote '" + remoteName + "' (" + settings.url() + "): " + what, hint, cause);
  }

  /** The endpoint for messages, without any user:password it may carry. */
  private String endpointText() {
    java.net.URI e = settings.endpoint();
    if (e == null) {
      return "AWS S3";
    }
    if (e.getRawUserInfo() == null) {
      return e.toString();
    }
    return e.getScheme() + "://" + e.getHost() + (e.getPort() >= 0 ? ":" + e.getPort() : "")
        + (e.getRawPath() == null ? "" : e.getRawPath());
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }
}
