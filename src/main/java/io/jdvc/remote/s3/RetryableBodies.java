package io.jdvc.remote.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Wraps any HTTP client so that a failure while reading a response body reaches the SDK's retry strategy. The
 * SDK reads bodies inside the attempt (XML responses, our {@link BodyReads}), but an {@code IOException} thrown
 * there before the XML parser wraps it (a reset while the SDK peeks at the body) escaped the retry loop raw and
 * ended the command. Here every read failure of a body becomes an {@link SdkClientException} caused by the
 * {@code IOException}, which {@link TransientFailures} takes as transient.
 */
final class RetryableBodies implements SdkHttpClient {
  private final SdkHttpClient delegate;

  RetryableBodies(SdkHttpClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    ExecutableHttpRequest call = delegate.prepareRequest(request);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        HttpExecuteResponse response = call.call();
        if (response.responseBody().isEmpty()) {
          return response;
        }
        AbortableInputStream body = response.responseBody().get();
        return HttpExecuteResponse.builder()
            .response(response.httpResponse())
            .responseBody(AbortableInputStream.create(new Translating(body), body))
            .build();
      }

      @Override
      public void abort() {
        call.abort();
      }
    };
  }

  @Override
  public String clientName() {
    return delegate.clientName();
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** A body whose read failures are thrown as SdkClientException. */
  private static final class Translating extends FilterInputStream {
    Translating(InputStream in) {
      super(in);
    }

    @Override
    public int read() {
      try {
        return super.read();
      } catch (IOException e) {
        throw failed(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        throw failed(e);
      }
    }

    @Override
    public long skip(long n) {
      try {
        return super.skip(n);
      } catch (IOException e) {
        throw failed(e);
      }
    }

    private static SdkClientException failed(IOException e) {
      return SdkClientException.create("network error while reading a response body: " + e, e);
    }
  }
}
