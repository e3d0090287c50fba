package io.jdvc.remote.s3;

import io.jdvc.object.ObjectInfo;
import io.jdvc.object.ObjectLayout;
import io.jdvc.object.Oid;
import io.jdvc.remote.Remote;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * A remote in an S3 bucket (AWS or any S3-compatible server), laid out as DVC lays it out:
 * {@code prefix/files/md5/ab/cdef...} and legacy {@code prefix/ab/cdef...}, raw bytes, no metadata.
 *
 * <p>One synchronous {@link S3Client} over {@code UrlConnectionHttpClient} serves all threads. The JDK keeps only
 * {@code http.maxConnections} (default 5) idle keep-alive sockets per host, which halves throughput with more
 * threads, so <b>the launcher must pass {@code -Dhttp.maxConnections=64}</b> (at least the number of jobs plus this
 * remote's own pool); tests get it from the failsafe configuration. Retries are the SDK's ({@link S3Clients#RETRY});
 * nothing here retries on its own.
 *
 * <p>The remote owns a pool of {@link #defaultJobs()} daemon threads for work it fans out itself (HEAD batches,
 * prefix listings, multipart parts); callers' threads never run on it, so nested waits cannot deadlock.
 */
public final class S3Remote implements Remote {
  /** Multipart uploads may have at most this many parts. */
  static final int MAX_PARTS = 10_000;
  static final int LIST_PAGE = 1000;
  private static final int DEFAULT_JOBS = 16;
  private static final int COPY_BUFFER = 1 << 16;
  /** Download progress is reported per MiB, not per buffer, to keep the callback cheap. */
  private static final long PROGRESS_STEP = 1 << 20;

  private final String name;
  private final S3Settings settings;
  private final S3Client s3;
  private final S3Errors errors;
  private final BodyReads reads;
  private final S3Notes notes;
  private final S3Listings listings;
  private final S3Presence presence;
  private final ExecutorService pool;
  private final int jobs;
  /** Set once a HeadBucket proved the bucket exists; HEAD 404 alone cannot tell (s3-testing.md pitfall 4). */
  private volatile boolean bucketConfirmed;

  public S3Remote(String name, S3Settings settings) {
    this(name, settings, List.of());
  }

  /** With extra SDK interceptors: tests use them to observe or tamper with requests on the wire. */
  S3Remote(String name, S3Settings settings, List<ExecutionInterceptor> interceptors) {
    this.name = name;
    this.settings = settings;
    this.s3 = S3Clients.build(settings, interceptors);
    this.errors = new S3Errors(name, settings);
    this.reads = new BodyReads(s3, settings, errors);
    this.notes = new S3Notes(s3, settings, errors);
    this.jobs = Math.min(MAX_JOBS, settings.jobs() > 0 ? settings.jobs() : DEFAULT_JOBS);
    this.pool = Executors.newFixedThreadPool(jobs, daemonThreads("jdvc-s3-" + name));
    this.listings = new S3Listings(s3, settings, errors);
    this.presence = new S3Presence(listings, settings, pool, jobs, this::stat);
  }

  public S3Settings settings() {
    return settings;
  }

  /**
   * The remote's URL itself as one object ({@code s3://bucket/key}), for {@code import-url}: HEAD gives the size and
   * ETag (without its quotes, as DVC records it), GET the bytes.
   */
  public io.jdvc.remote.ExternalFile asFile() {
    String key = settings.prefix();
    return new io.jdvc.remote.ExternalFile() {
      @Override
      public String url() {
        return settings.url();
      }

      @Override
      public String checksumName() {
        return "etag";
      }

      @Override
      public Info info() throws IOException {
        try {
          HeadObjectResponse r = s3.headObject(b -> b.bucket(settings.bucket()).key(key));
          String etag = r.eTag() == null ? null : r.eTag().replace("\"", "");
          return new Info(r.contentLength(), etag);
        } catch (NoSuchKeyException e) {
          throw new java.io.FileNotFoundException(settings.url() + " does not exist");
        } catch (SdkException e) {
          if (e instanceof S3Exception se && se.statusCode() == 404) {
            throw new java.io.FileNotFoundException(settings.url() + " does not exist");
          }
          throw errors.translate(e, "stat", null);
        }
      }

      @Override
      public InputStream open() throws IOException {
        try {
          return s3.getObject(b -> b.bucket(settings.bucket()).key(key));
        } catch (SdkException e) {
          throw errors.translate(e, "download", null);
        }
      }

      @Override
      public void close() {
        S3Remote.this.close();
      }
    };
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String location() {
    return settings.url();
  }

  private String keyOf(Oid oid) {
    return settings.keyOf(ObjectLayout.keyOf(oid));
  }

  // ---- stat / existing ---------------------------------------------------------------------------------------

  @Override
  public Optional<ObjectInfo> stat(Oid oid) throws IOException {
    HeadObjectResponse r;
    try {
      r = s3.headObject(b -> b.bucket(settings.bucket()).key(keyOf(oid)));
    } catch (NoSuchKeyException e) {
      confirmBucket();
      return Optional.empty();
    } catch (SdkException e) {
      if (e instanceof S3Exception se && se.statusCode() == 404) {
        confirmBucket();
        return Optional.empty();
      }
      throw errors.translate(e, "stat", oid);
    }
    return Optional.of(new ObjectInfo(r.contentLength(), md5FromEtag(r)));
  }

  /**
   * An ETag is the content's MD5 only for single-part uploads without KMS or customer-key encryption; a
   * multipart ETag looks like {@code "<hex>-<parts>"}.
   */
  private static String md5FromEtag(HeadObjectResponse r) {
    String etag = r.eTag() == null ? "" : r.eTag().replace("\"", "");
    boolean encryptedWithKey = r.sseCustomerAlgorithm() != null
        || r.serverSideEncryption() == ServerSideEncryption.AWS_KMS
        || r.serverSideEncryption() == ServerSideEncryption.AWS_KMS_DSSE;
    return !encryptedWithKey && S3Presence.SINGLE_PART_ETAG.matcher(etag).matches() ? etag : null;
  }

  /** Once per remote: a HEAD 404 on a missing bucket looks like a missing object, so ask about the bucket. */
  private void confirmBucket() throws IOException {
    if (bucketConfirmed) {
      return;
    }
    try {
      s3.headBucket(b -> b.bucket(settings.bucket()));
      bucketConfirmed = true;
    } catch (NoSuchBucketException e) {
      throw errors.missingBucket(e);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw errors.missingBucket(e);
      }
      if (e.statusCode() == 403) {
        // Object access without s3:ListBucket is a valid setup; the object HEAD already proved the key works.
        bucketConfirmed = true;
        return;
      }
      throw errors.translate(e, "check bucket", null);
    } catch (SdkException e) {
      throw errors.translate(e, "check bucket", null);
    }
  }

  /** HEAD requests or prefix listings, whichever needs fewer round trips ({@link S3Presence}). */
  @Override
  public Set<Oid> existing(Collection<Oid> oids) throws IOException {
    return presence.existing(oids);
  }

  /** Like {@link #existing}, and a listing carries size and ETag too, so audits need no HEAD per object. */
  @Override
  public Map<Oid, ObjectInfo> statAll(Collection<Oid> oids) throws IOException {
    return presence.statAll(oids);
  }

  // ---- list / delete -----------------------------------------------------------------------------------------

  /**
   * Finds the shards that exist with two delimiter listings (the root and {@code files/md5/}), then lists those
   * shards in parallel: a big remote is listed about {@code jobs} times faster than by one paginated walk, and an
   * empty one costs two requests. {@code sink} is called from one thread at a time.
   */
  @Override
  public void list(Consumer<Oid> sink) throws IOException {
    List<String> shards = new ArrayList<>();
    for (String child : listings.children("")) {
      if (isShard(child, "")) {
        shards.add(child);
      }
    }
    for (String child : listings.children(ObjectLayout.MD5_ROOT)) {
      if (isShard(child, ObjectLayout.MD5_ROOT)) {
        shards.add(child);
      }
    }
    Object lock = new Object();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (String shard : shards) {
      tasks.add(() -> {
        listings.relative(shard, relKey -> ObjectLayout.oidOf(relKey).ifPresent(oid -> {
          synchronized (lock) {
            sink.accept(oid);
          }
        }));
        return null;
      });
    }
    Tasks.all(pool, tasks);
  }

  private static boolean isShard(String child, String parent) {
    return child.length() == parent.length() + 3
        && child.startsWith(parent)
        && child.substring(parent.length(), parent.length() + 2).matches("[0-9a-f]{2}");
  }

  /**
   * Confirms the bucket first (once per remote): some servers (S3Proxy) answer 204 to a delete in a missing
   * bucket, and gc must not report objects as deleted from a remote that is not there.
   */
  @Override
  public void delete(Oid oid) throws IOException {
    confirmBucket();
    try {
      s3.deleteObject(b -> b.bucket(settings.bucket()).key(keyOf(oid)));
    } catch (NoSuchKeyException e) {
      // Some S3-compatible servers answer 404 where AWS answers 204; absent is what we wanted.
      confirmBucket();
    } catch (SdkException e) {
      throw errors.translate(e, "delete", oid);
    }
  }

  // ---- upload ------------------------------------------------------------------------------------------------

  /**
   * Files up to the part size ({@code jdvc_part_size}, default 64 MiB) go in one PutObject, larger ones as a
   * multipart upload ({@link MultipartUpload}).
   *
   * <p>Content-MD5 is taken from the oid for DVC 3.x objects (the oid IS the MD5 of the bytes), not computed:
   * that saves a read of the file, and S3 then checks that the bytes match their name, so a corrupt cache file
   * is rejected ({@code BadDigest}) instead of spreading to the remote. Legacy (md5-dos2unix) oids hash
   * normalised text, so for them the MD5 is computed from the file.
   */
  @Override
  public void upload(Oid oid, Path source, Consumer<Long> bytesDone) throws IOException {
    long size = Files.size(source);
    if (size > settings.partSize()) {
      new MultipartUpload(s3, settings, errors, pool, keyOf(oid), oid, source, size).run(bytesDone);
      return;
    }
    byte[] md5 = oid.legacy() ? md5Of(source) : decodeHex(oid.md5());
    PutObjectRequest.Builder req = PutObjectRequest.builder()
        .bucket(settings.bucket())
        .key(keyOf(oid))
        .contentLength(size)
        .contentMD5(Base64.getEncoder().encodeToString(md5));
    applyStorageOptions(req, settings);
    try (RegionBody body = new RegionBody(new FileRegion(source, 0, size), bytesDone::accept)) {
      TransientFailures.sendingBody(() -> s3.putObject(req.build(), body.requestBody()));
    } catch (SdkException e) {
      throw errors.translate(e, "upload", oid);
    }
  }

  /** Encryption and ACL, the same for single-part and multipart uploads. */
  static void applyStorageOptions(PutObjectRequest.Builder req, S3Settings s) {
    if (s.sse() != null) {
      req.serverSideEncryption(s.sse());
    }
    if (s.sseKmsKeyId() != null) {
      req.ssekmsKeyId(s.sseKmsKeyId());
    }
    if (s.acl() != null) {
      req.acl(ObjectCannedACL.fromValue(s.acl()));
    }
  }

  private static byte[] md5Of(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return DigestUtils.md5(in);
    }
  }

  private static byte[] decodeHex(String hex) {
    try {
      return Hex.decodeHex(hex);
    } catch (org.apache.commons.codec.DecoderException e) {
      throw new IllegalStateException("an Oid is always hex", e);
    }
  }

  // ---- side files (jdvc/...) ----------------------------------------------------------------------------------

  @Override
  public void putSideFile(String key, byte[] content) throws IOException {
    PutObjectRequest.Builder req = PutObjectRequest.builder()
        .bucket(settings.bucket())
        .key(settings.keyOf(Remote.checkSideKey(key)))
        .contentLength((long) content.length)
        .contentMD5(Base64.getEncoder().encodeToString(DigestUtils.md5(content)));
    applyStorageOptions(req, settings);
    try {
      s3.putObject(req.build(), RequestBody.fromBytes(content));
    } catch (SdkException e) {
      throw errors.translate(e, "upload " + key, null);
    }
  }

  @Override
  public Optional<byte[]> getSideFile(String key) throws IOException {
    try {
      return Optional.of(s3.getObjectAsBytes(b -> b.bucket(settings.bucket())
          .key(settings.keyOf(Remote.checkSideKey(key)))).asByteArray());
    } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw errors.translate(e, "download " + key, null);
    }
  }

  @Override
  public Set<String> listSideFiles(String prefix) throws IOException {
    Set<String> keys = new java.util.TreeSet<>();
    listings.relative(Remote.checkSideKey(prefix), keys::add);
    return keys;
  }

  // ---- run cache ---------------------------------------------------------------------------------------

  @Override
  public void listRunCache(Consumer<String> sink) throws IOException {
    listings.relative("runs/", relKey -> {
      if (RUN_CACHE_FILE.matcher(relKey).matches()) {
        sink.accept(relKey);
      }
    });
  }

  @Override
  public void uploadRunCache(String relativePath, Path source) throws IOException {
    PutObjectRequest.Builder req = PutObjectRequest.builder()
        .bucket(settings.bucket())
        .key(settings.keyOf(Remote.requireRunCacheFile(relativePath)))
        .contentLength(Files.size(source))
        .contentMD5(Base64.getEncoder().encodeToString(md5Of(source)));
    applyStorageOptions(req, settings);
    try {
      // a damaged body draws answers that are retried only while a body is being sent
      TransientFailures.sendingBody(() -> s3.putObject(req.build(), RequestBody.fromFile(source)));
    } catch (SdkException e) {
      throw errors.translate(e, "upload " + relativePath, null);
    }
  }

  @Override
  public void downloadRunCache(String relativePath, Path target) throws IOException {
    Files.deleteIfExists(target);
    readRunCache(relativePath, in -> {
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return null;
    });
  }

  @Override
  public <T> T readRunCache(String relativePath, BodyReader<T> reader) throws IOException {
    String key = settings.keyOf(Remote.requireRunCacheFile(relativePath));
    try {
      // read inside the SDK call, as objects are: a body broken, cut short or damaged is read again, from its start
      return reads.read(key, "download " + relativePath, null, null, reader);
    } catch (IOException e) {
      if (e.getCause() instanceof NoSuchKeyException) {
        throw new NoSuchFileException(relativePath, null, "not on remote '" + name + "'");
      }
      throw e;
    }
  }

  // ---- download / open ---------------------------------------------------------------------------------------

  /** Through {@link #read}: an attempt that breaks off starts the file again, truncated. */
  @Override
  public void download(Oid oid, Path target, Consumer<Long> bytesDone) throws IOException {
    Files.deleteIfExists(target); // it may be a read-only leftover of an earlier attempt
    read(oid, in -> {
      try (OutputStream out = Files.newOutputStream(target)) {
        byte[] buf = new byte[COPY_BUFFER];
        long unreported = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
          out.write(buf, 0, n);
          unreported += n;
          if (unreported >= PROGRESS_STEP) {
            bytesDone.accept(unreported);
            unreported = 0;
          }
        }
        if (unreported > 0) {
          bytesDone.accept(unreported);
        }
      }
      return null;
    });
  }

  /** The body is read inside the SDK call, so its retry strategy covers the body too ({@link BodyReads}). */
  @Override
  public <T> T read(Oid oid, BodyReader<T> reader) throws IOException {
    return reads.read(keyOf(oid), "download", oid, null, reader);
  }

  @Override
  public <T> T readRange(Oid oid, long offset, long length, BodyReader<T> reader) throws IOException {
    return reads.read(keyOf(oid), "download", oid, "bytes=" + offset + "-" + (offset + length - 1), reader);
  }

  /**
   * A stream the caller reads after the SDK call has returned: a failure while reading is not retried. Prefer
   * {@link #read}.
   */
  @Override
  public InputStream open(Oid oid) throws IOException {
    try {
      ResponseInputStream<GetObjectResponse> in =
          s3.getObject(b -> b.bucket(settings.bucket()).key(keyOf(oid)));
      return in;
    } catch (SdkException e) {
      throw errors.translate(e, "download", oid);
    }
  }

  /** A ranged GET: parallel parts of one large object each take one connection. */
  @Override
  public InputStream openRange(Oid oid, long offset, long length) throws IOException {
    try {
      return s3.getObject(b -> b.bucket(settings.bucket()).key(keyOf(oid))
          .range("bytes=" + offset + "-" + (offset + length - 1)));
    } catch (SdkException e) {
      throw errors.translate(e, "download", oid);
    }
  }

  // ---- notes -------------------------------------------------------------------------------------------------

  @Override
  public void putNote(String name, String text) throws IOException {
    notes.put(name, text);
  }

  @Override
  public Map<String, String> notes() throws IOException {
    return notes.all();
  }

  @Override
  public void deleteNote(String name) throws IOException {
    notes.delete(name);
  }

  // ---- lifecycle ---------------------------------------------------------------------------------------------

  /**
   * {@code jobs} from the config (at most {@link #MAX_JOBS}), else 16: enough to hide S3's per-request latency,
   * few enough for 2 cores.
   */
  @Override
  public int defaultJobs() {
    return jobs;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    s3.close();
  }

  @Override
  public String toString() {
    return "S3Remote[" + name + ", " + settings + "]";
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
