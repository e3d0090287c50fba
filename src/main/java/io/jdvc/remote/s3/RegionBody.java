package io.jdvc.remote.s3;

import io.jdvc.AttemptBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * The body of a PutObject or UploadPart: a {@link FileRegion} streamed, never buffered, and counted for progress
 * as the HTTP client reads it. The synchronous S3 client has no progress listener of its own (the SDK's lives in
 * the asynchronous transfer manager), so the body counts. The SDK asks for a fresh stream for each attempt (and
 * over http once more to sign the payload); each ask starts the count over ({@link AttemptBytes}) and closes the
 * previous stream, so retries neither count a byte twice nor leave a file handle open.
 */
final class RegionBody implements ContentStreamProvider, AutoCloseable {
  private final FileRegion region;
  private final AttemptBytes progress;
  private final AtomicReference<InputStream> last = new AtomicReference<>();

  RegionBody(FileRegion region, LongConsumer bytesDone) {
    this.region = region;
    this.progress = new AttemptBytes(bytesDone);
  }

  RequestBody requestBody() {
    return RequestBody.fromContentProvider(this, region.length(), "application/octet-stream");
  }

  @Override
  public InputStream newStream() {
    try {
      InputStream fresh = region.open();
      InputStream previous = last.getAndSet(fresh);
      if (previous != null) {
        previous.close();
      }
      return progress.counting(fresh);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes the last stream and reports what it read that was not reported yet. */
  @Override
  public void close() throws IOException {
    progress.flush();
    InputStream in = last.getAndSet(null);
    if (in != null) {
      in.close();
    }
  }
}
