package io.jdvc.remote.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * DVC's {@code read_timeout} (aiohttp's {@code sock_read}: the longest wait for the next bytes) for the JDK's
 * {@link java.net.http.HttpClient}, whose own request timeout means something else: it runs from the start of the
 * exchange until the response headers arrive, so it would fail every upload that takes longer than the timeout,
 * and it stops counting once the headers are in, so a body that stalls would block forever. Here a transfer fails
 * only when no byte moved, in either direction, for the whole timeout.
 */
final class IdleTimeout {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "jdvc-http-idle");
    t.setDaemon(true);
    return t;
  });

  private final Duration timeout;

  IdleTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  private HttpTimeoutException expired(String what) {
    return new HttpTimeoutException("no data for " + seconds(timeout) + " s (read_timeout) during " + what);
  }

  /** A timeout as the config writes it: 60, 1.5. */
  static String seconds(Duration d) {
    return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
  }

  private long checkEveryMillis() {
    return Math.max(10, Math.min(1000, timeout.toMillis() / 4));
  }

  /**
   * Sends a request whose body is {@code body}, counting its bytes as they leave: it fails once neither a body
   * byte went out nor the response came for the whole timeout.
   */
  <T> HttpResponse<T> send(java.net.http.HttpClient client, HttpRequest.Builder request,
      HttpRequest.BodyPublisher body, String method, HttpResponse.BodyHandler<T> handler, String what)
      throws IOException, InterruptedException {
    AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    CompletableFuture<HttpResponse<T>> exchange =
        client.sendAsync(request.method(method, counting(body, lastProgress)).build(), handler);
    while (true) {
      try {
        return exchange.get(checkEveryMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (System.nanoTime() - lastProgress.get() > timeout.toNanos()) {
          exchange.cancel(true);
          throw expired(what);
        }
      } catch (InterruptedException e) {
        exchange.cancel(true);
        throw e;
      } catch (CancellationException e) {
        throw new InterruptedIOException("cancelled: " + what);
      } catch (ExecutionException e) {
        throw io.jdvc.remote.AsyncFailures.cause(e);
      }
    }
  }

  private static HttpRequest.BodyPublisher counting(HttpRequest.BodyPublisher body, AtomicLong lastProgress) {
    return new HttpRequest.BodyPublisher() {
      @Override
      public long contentLength() {
        return body.contentLength();
      }

      @Override
      public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        body.subscribe(new Flow.Subscriber<ByteBuffer>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscriber.onSubscribe(subscription);
          }

          @Override
          public void onNext(ByteBuffer item) {
            lastProgress.set(System.nanoTime());
            subscriber.onNext(item);
          }

          @Override
          public void onError(Throwable throwable) {
            subscriber.onError(throwable);
          }

          @Override
          public void onComplete() {
            lastProgress.set(System.nanoTime());
            subscriber.onComplete();
          }
        });
      }
    };
  }

  /**
   * A response body that fails with a timeout when one read waits longer than the timeout: closing the JDK's body
   * stream is what wakes a read blocked on it (an interrupt does not).
   */
  InputStream body(InputStream in, String what) {
    return new Watched(in, what);
  }

  private final class Watched extends FilterInputStream {
    private final String what;
    private final ScheduledFuture<?> check;
    /** System.nanoTime() when the read in progress began; 0 when none is. */
    private volatile long readSince;
    private volatile boolean expired;

    Watched(InputStream in, String what) {
      super(in);
      this.what = what;
      long every = checkEveryMillis();
      this.check = TIMER.scheduleAtFixedRate(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    private void check() {
      long since = readSince;
      if (since != 0 && System.nanoTime() - since > timeout.toNanos()) {
        expired = true;
        check.cancel(false);
        try {
          in.close();
        } catch (IOException e) {
          // the reader fails all the same
        }
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      readSince = System.nanoTime() | 1;
      try {
        int n = in.read(b, off, len);
        if (expired) {
          throw expired(what);
        }
        return n;
      } catch (IOException e) {
        if (expired) {
          throw expired(what);
        }
        throw e;
      } finally {
        readSince = 0;
      }
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
      long done = 0;
      while (done < n) {
        int r = read(buf, 0, (int) Math.min(buf.length, n - done));
        if (r < 0) {
          break;
        }
        done += r;
      }
      return done;
    }

    @Override
    public void close() throws IOException {
      check.cancel(false);
      super.close();
    }
  }
}
