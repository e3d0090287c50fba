package io.jdvc.remote.s3;

import io.jdvc.object.Oid;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.commons.codec.digest.DigestUtils;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One multipart upload of one file: abort leftovers for the key, create, upload the parts in parallel, complete
 * (or abort on any failure, so no failed attempt leaves billable parts behind; a JVM stopped by Ctrl-C or SIGTERM
 * aborts it through {@link InFlightUploads}).
 *
 * <p>Parts are streamed from their {@link FileRegion}, never buffered, so memory stays bounded however many
 * parts are in flight; each part carries its Content-MD5. S3 never checks a multipart object's MD5 as a whole,
 * so while the parts upload, the calling thread hashes the whole file and the upload is completed only if that
 * hash equals the oid (legacy md5-dos2unix oids cannot be checked this way and are trusted).
 */
final class MultipartUpload {
  private final S3Client s3;
  private final S3Settings settings;
  private final S3Errors errors;
  private final ExecutorService pool;
  private final String key;
  private final Oid oid;
  private final Path file;
  private final long size;

  MultipartUpload(
      S3Client s3, S3Settings settings, S3Errors errors, ExecutorService pool, String key, Oid oid, Path file,
      long size) {
    this.s3 = s3;
    this.settings = settings;
    this.errors = errors;
    this.pool = pool;
    this.key = key;
    this.oid = oid;
    this.file = file;
    this.size = size;
  }

  /** The configured part size, grown in whole MiB when the file would otherwise need more than 10,000 parts. */
  static long partSize(long fileSize, long configured) {
    long minimum = (fileSize + S3Remote.MAX_PARTS - 1) / S3Remote.MAX_PARTS;
    long mib = S3Settings.MIB;
    return Math.max(configured, (minimum + mib - 1) / mib * mib);
  }

  void run(Consumer<Long> bytesDone) throws IOException {
    abortLeftovers();
    // tracked before it exists: a Ctrl-C while the create request is in flight still aborts what it creates
    CompletableFuture<String> created = new CompletableFuture<>();
    Runnable inFlight = InFlightUploads.track(() -> abortOnceCreated(created));
    String uploadId;
    try {
      uploadId = create();
      created.complete(uploadId);
    } catch (IOException | RuntimeException | Error e) {
      created.completeExceptionally(e);
      InFlightUploads.release(inFlight);
      throw e;
    }
    List<Future<CompletedPart>> parts = new ArrayList<>();
    try {
      long partSize = partSize(size, settings.partSize());
      int number = 1;
      for (long offset = 0; offset < size; offset += partSize, number++) {
        FileRegion region = new FileRegion(file, offset, Math.min(partSize, size - offset));
        int partNumber = number;
        Callable<CompletedPart> task = () -> uploadPart(uploadId, partNumber, region, bytesDone);
        parts.add(pool.submit(task));
      }
      verifyWholeFile();
      List<CompletedPart> done = new ArrayList<>();
      for (Future<CompletedPart> f : parts) {
        done.add(await(f));
      }
      done.sort(Comparator.comparing(CompletedPart::partNumber));
      try {
        TransientFailures.sendingBody(() -> s3.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(key)
            .uploadId(uploadId).multipartUpload(m -> m.parts(done))));
      } catch (S3Exception e) {
        if (!completedByAnEarlierAttempt(e)) {
          throw errors.translate(e, "upload", oid);
        }
      } catch (SdkException e) {
        throw errors.translate(e, "upload", oid);
      }
    } catch (IOException | RuntimeException | Error e) {
      parts.forEach(f -> f.cancel(true));
      abort(uploadId);
      throw e;
    } finally {
      InFlightUploads.release(inFlight);
    }
  }

  /**
   * Aborts uploads of this same key that some earlier, interrupted push left in flight: S3 keeps (and bills)
   * their parts forever unless a lifecycle rule cleans up. The flip side: a concurrent push of the very same
   * object from another machine loses its upload and must retry; that is rare and harmless, leftovers are not.
   * Best effort: servers without ListMultipartUploads, or credentials without the permission, skip it.
   */
  private void abortLeftovers() {
    try {
      ListMultipartUploadsResponse r = s3.listMultipartUploads(b -> b.bucket(settings.bucket()).prefix(key));
      for (software.amazon.awssdk.services.s3.model.MultipartUpload u : r.uploads()) {
        if (key.equals(u.key())) {
          abort(u.uploadId());
        }
      }
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && e.awsErrorDetails() != null
          && "NoSuchBucket".equals(e.awsErrorDetails().errorCode())) {
        throw errors.missingBucket(e);
      }
      // Not supported or not permitted: leftovers are a cost, not an error.
    }
  }

  private String create() throws IOException {
    PutObjectRequest.Builder opts = PutObjectRequest.builder();
    S3Remote.applyStorageOptions(opts, settings);
    PutObjectRequest o = opts.build();
    CreateMultipartUploadRequest.Builder req =
        CreateMultipartUploadRequest.builder().bucket(settings.bucket()).key(key);
    if (o.serverSideEncryptionAsString() != null) {
      req.serverSideEncryption(o.serverSideEncryptionAsString());
    }
    if (o.ssekmsKeyId() != null) {
      req.ssekmsKeyId(o.ssekmsKeyId());
    }
    if (o.acl() != null && o.acl() != ObjectCannedACL.UNKNOWN_TO_SDK_VERSION) {
      req.acl(o.acl());
    }
    try {
      return s3.createMultipartUpload(req.build()).uploadId();
    } catch (SdkException e) {
      throw errors.translate(e, "upload", oid);
    }
  }

  /**
   * A completion whose answer was lost on the way is retried, and the retry finds the upload gone
   * (NoSuchUpload): the object is there if its size says so.
   */
  private boolean completedByAnEarlierAttempt(S3Exception e) {
    if (e.awsErrorDetails() == null || !"NoSuchUpload".equals(e.awsErrorDetails().errorCode())) {
      return false;
    }
    try {
      return s3.headObject(b -> b.bucket(settings.bucket()).key(key)).contentLength() == size;
    } catch (SdkException headFailed) {
      return false;
    }
  }

  private CompletedPart uploadPart(String uploadId, int partNumber, FileRegion region, Consumer<Long> bytesDone)
      throws IOException {
    String md5 = Base64.getEncoder().encodeToString(region.md5());
    try (RegionBody body = new RegionBody(region, bytesDone::accept)) {
      String etag = TransientFailures.sendingBody(() -> s3.uploadPart(
              b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId).partNumber(partNumber)
                  .contentLength(region.length()).contentMD5(md5),
              body.requestBody()))
          .eTag();
      return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
    } catch (SdkException e) {
      throw errors.translate(e, "upload part " + partNumber + " of", oid);
    }
  }

  private void verifyWholeFile() throws IOException {
    if (oid.legacy()) {
      return;
    }
    String actual;
    try (InputStream in = new FileRegion(file, 0, size).open()) {
      actual = DigestUtils.md5Hex(in);
    }
    if (!actual.equals(oid.md5())) {
      throw new IOException("remote upload of " + oid + " refused: " + file + " has MD5 " + actual
          + ", not its id; the local copy changed or is corrupt");
    }
  }

  private void abort(String uploadId) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId));
    } catch (SdkException e) {
      // The original failure matters more; a leftover is aborted by the next upload of this key.
    }
  }

  private void abortOnceCreated(CompletableFuture<String> created) {
    try {
      abort(created.get(InFlightUploads.SHUTDOWN_BOUND_MS, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // never created, or too slow to wait for: the next upload of this key aborts it
    }
  }

  private static CompletedPart await(Future<CompletedPart> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      throw new InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      throw io.jdvc.remote.AsyncFailures.cause(e);
    }
  }
}
