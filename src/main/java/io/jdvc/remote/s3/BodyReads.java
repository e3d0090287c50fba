package io.jdvc.remote.s3;

import io.jdvc.ContentMismatch;
import io.jdvc.object.Oid;
import io.jdvc.remote.Remote;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * GETs whose body is consumed inside the SDK call, through a response transformer, so that the SDK's retry
 * strategy covers the body as well as the request: a connection reset half-way through an object, a chunk the
 * HTTP client cannot decode, or bytes that arrive damaged (the reader throws a {@link ContentMismatch}) start
 * the object again from its first byte, with backoff. A stream handed back to the caller, as
 * {@code ResponseInputStream} is, would leave every such failure to the caller, outside any retry.
 *
 * <p>Failures of the reader's own side (the local disk) are not retried: they are carried out of the SDK in a
 * {@link LocalReadFailure} and rethrown as they were.
 */
final class BodyReads {
  private final S3Client s3;
  private final S3Settings settings;
  private final S3Errors errors;

  BodyReads(S3Client s3, S3Settings settings, S3Errors errors) {
    this.s3 = s3;
    this.settings = settings;
    this.errors = errors;
  }

  /**
   * GET {@code key} (the {@code operation} on object {@code oid}, or on no object when it is null, for messages),
   * all of it when {@code range} is null.
   */
  <T> T read(String key, String operation, Oid oid, String range, Remote.BodyReader<T> reader) throws IOException {
    try {
      return s3.getObject(b -> b.bucket(settings.bucket()).key(key).range(range), (response, in) -> {
        WatchedStream watched = new WatchedStream(new WholeBody(in, response.contentLength()));
        try {
          return reader.read(watched);
        } catch (IOException | RuntimeException e) {
          throw classify(e, watched);
        }
      });
    } catch (LocalReadFailure e) {
      throw rethrow(e.getCause());
    } catch (SdkException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof LocalReadFailure || c instanceof DamagedBody) {
          throw rethrow(c.getCause());
        }
      }
      throw errors.translate(e, operation, oid);
    }
  }

  /** What the SDK should make of a reader's failure: retry it (an IOException), or stop (a LocalReadFailure). */
  private static Exception classify(Exception e, WatchedStream watched) {
    if (e instanceof ContentMismatch) {
      return new DamagedBody(e);
    }
    if (watched.failed) {
      return e; // the network's: the SDK's retry strategy decides
    }
    return new LocalReadFailure(e);
  }

  private static IOException rethrow(Throwable t) {
    if (t instanceof IOException io) {
      return io;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    return new IOException(t);
  }

  /** The reader found the bytes damaged: an IOException, so that the SDK tries again. */
  private static final class DamagedBody extends IOException {
    DamagedBody(Exception cause) {
      super(cause.getMessage(), cause);
    }
  }

  /**
   * Fails a body that ends before its Content-Length: an HTTP client may report a connection closed early as the end
   * of the body, and a reader would then hash the part that arrived as if it were the object. Thrown as the
   * network's failure (it is below {@link WatchedStream}), so the SDK reads the object again.
   */
  private static final class WholeBody extends FilterInputStream {
    private final Long expected;
    private long count;

    WholeBody(InputStream in, Long expected) {
      super(in);
      this.expected = expected;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        checkEnd();
      } else {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n < 0) {
        checkEnd();
      } else {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }

    private void checkEnd() throws IOException {
      if (expected != null && count < expected) {
        throw new java.io.EOFException("response body ended after " + count + " of its " + expected + " bytes");
      }
    }
  }

  /** Remembers whether reading the body itself failed, to tell the network's failures from the reader's. */
  private static final class WatchedStream extends FilterInputStream {
    private boolean failed;

    WatchedStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException | RuntimeException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException | RuntimeException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return super.skip(n);
      } catch (IOException | RuntimeException e) {
        failed = true;
        throw e;
      }
    }
  }
}
