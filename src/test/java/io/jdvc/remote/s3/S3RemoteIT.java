package io.jdvc.remote.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.object.ObjectLayout;
import io.jdvc.object.Oid;
import io.jdvc.remote.Remote;
import io.jdvc.remote.RemoteContract;
import io.jdvc.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The Remote contract and the S3-specific behaviour, against a real S3 server (S3Proxy) over HTTP. */
class S3RemoteIT extends RemoteContract {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();
  private static final String PREFIX = "team/dvcstore";

  private String bucket;

  /** Counts requests by SDK operation name and records the Content-MD5 headers sent. */
  static final class Recorder implements ExecutionInterceptor {
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final Set<String> contentMd5s = ConcurrentHashMap.newKeySet();

    @Override
    public void beforeExecution(Context.BeforeExecution c, ExecutionAttributes a) {
      calls.computeIfAbsent(a.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
          .incrementAndGet();
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest c, ExecutionAttributes a) {
      c.httpRequest().firstMatchingHeader("Content-MD5").ifPresent(contentMd5s::add);
      return c.httpRequest();
    }

    int count(String operation) {
      AtomicInteger n = calls.get(operation);
      return n == null ? 0 : n.get();
    }
  }

  private S3Remote open(Map<String, String> extra, List<ExecutionInterceptor> interceptors) {
    var section = S3.remoteSection(bucket, PREFIX, extra);
    return new S3Remote("storage", S3Settings.fromConfig("storage", section), interceptors);
  }

  @Override
  protected Remote newRemote() {
    bucket = S3.createBucket();
    // A small part size sends the contract's large file through the multipart path.
    return open(Map.of("jdvc_part_size", "5MB"), List.of());
  }

  @Override
  protected boolean rawExists(String relativeKey) {
    return S3.exists(bucket, PREFIX + "/" + relativeKey);
  }

  private List<String> rawKeys() {
    List<String> keys = new ArrayList<>();
    S3.raw().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(o -> keys.add(o.key()));
    return keys;
  }

  @Test
  void objectKeysAreDvcKeysUnderThePrefix() throws Exception {
    Oid oid = put("hello\n".getBytes());
    assertEquals("b1946ac92492d2347c6235b4d2611184", oid.value());
    assertEquals(List.of("team/dvcstore/files/md5/b1/946ac92492d2347c6235b4d2611184"), rawKeys());
    var head = S3.raw().headObject(b -> b.bucket(bucket).key(rawKeys().get(0)));
    assertTrue(head.metadata().isEmpty(), "DVC stores raw bytes without metadata");
  }

  @Test
  void singlePartStatReportsMd5FromEtag() throws Exception {
    Oid oid = put(randomBytes(1000));
    assertEquals(oid.md5(), remote.stat(oid).orElseThrow().md5());
  }

  @Test
  void multipartUploadRoundTripsAndAbortsLeftoverUploadsOfTheSameKey() throws Exception {
    byte[] content = randomBytes(40 << 20);
    Oid oid = oidOf(content);
    String key = PREFIX + "/" + ObjectLayout.keyOf(oid);
    // An earlier push that died mid-way, and an unrelated upload that must survive.
    S3.raw().createMultipartUpload(b -> b.bucket(bucket).key(key));
    S3.raw().createMultipartUpload(b -> b.bucket(bucket).key(key));
    String other = S3.raw().createMultipartUpload(b -> b.bucket(bucket).key(key + "x")).uploadId();

    Recorder rec = new Recorder();
    AtomicLong progress = new AtomicLong();
    try (S3Remote r = open(Map.of("jdvc_part_size", "5MB"), List.of(rec))) {
      r.upload(oid, file(content), progress::addAndGet);
      assertEquals(content.length, progress.get());
      assertEquals(8, rec.count("UploadPart"));
      assertEquals(8, rec.contentMd5s.size(), "every part carries its own Content-MD5");
      var info = r.stat(oid).orElseThrow();
      assertEquals(content.length, info.size());
      assertNull(info.md5(), "a multipart ETag is not the content's MD5");
      Path target = tmp.resolve("mp");
      r.download(oid, target, n -> {});
      assertEquals(oid.value(), DigestUtils.md5Hex(Files.readAllBytes(target)));
    }
    var inFlight = S3.raw().listMultipartUploads(b -> b.bucket(bucket)).uploads();
    assertEquals(List.of(other), inFlight.stream().map(u -> u.uploadId()).toList());
  }

  /**
   * A progress bar moves while one file's body is on the wire, not once the request is done; and however often
   * the SDK sends a body again (two parts broken on the way and retried), each byte ends up counted once.
   */
  @Test
  void uploadProgressComesWhileTheBodyIsSentAndCountsEachByteOnce() throws Exception {
    for (String partSize : List.of("64MB", "5MB")) { // one PutObject; a multipart upload
      byte[] content = randomBytes(12 << 20);
      List<Long> steps = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicLong done = new AtomicLong();
      AtomicLong most = new AtomicLong();
      try (io.jdvc.testing.FaultProxy net = io.jdvc.testing.FaultProxy.start(S3.uri(), 1.0, 7)
              .only(java.util.regex.Pattern.compile("^PUT "), java.util.EnumSet.of(
                  io.jdvc.testing.FaultProxy.Fault.RESET, io.jdvc.testing.FaultProxy.Fault.FLIP_REQUEST), 2);
          S3Remote r = new S3Remote("storage", S3Settings.fromConfig("storage", S3.remoteSection(bucket, PREFIX,
              Map.of("jdvc_part_size", partSize, "endpointurl", net.uri().toString()))), List.of())) {
        r.upload(oidOf(content), file(content), b -> {
          steps.add(b);
          most.accumulateAndGet(done.addAndGet(b), Math::max);
        });
        String what = partSize + " parts, " + net.faults() + ": " + steps;
        assertEquals(2, net.faulted(), what);
        assertTrue(steps.stream().anyMatch(b -> b < 0), "a retry takes back what its attempt reported: " + what);
        assertEquals(content.length, done.get(), what);
        assertTrue(most.get() <= content.length, "never more than the file: " + what);
        assertTrue(steps.stream().filter(b -> b > 0).count() >= 12, "about one report per MiB: " + what);
      }
    }
  }



  @Test
  void multipartUploadOfContentNotMatchingItsOidIsAbortedAndLeavesNothing() throws Exception {
    byte[] content = randomBytes(11 << 20);
    Oid wrong = Oid.parse(DigestUtils.md5Hex("something else"));
    IOException e = assertThrows(IOException.class, () -> remote.upload(wrong, file(content), n -> {}));
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    assertEquals(List.of(), rawKeys());
    assertEquals(List.of(), S3.raw().listMultipartUploads(b -> b.bucket(bucket)).uploads());
  }

  @Test
  void contentMd5IsSentSoTheServerRejectsBytesThatDoNotMatchTheirOid() throws Exception {
    Recorder rec = new Recorder();
    byte[] content = "real content".getBytes();
    try (S3Remote r = open(Map.of(), List.of(rec))) {
      r.upload(oidOf(content), file(content), n -> {});
      assertEquals(Set.of(java.util.Base64.getEncoder().encodeToString(DigestUtils.md5(content))), rec.contentMd5s);

      Oid claimed = Oid.parse(DigestUtils.md5Hex("what the cache promised"));
      IOException e = assertThrows(IOException.class, () -> r.upload(claimed, file(content), n -> {}));
      assertTrue(e.getMessage().contains("BadDigest"), e.getMessage());
      assertFalse(rawExists(ObjectLayout.keyOf(claimed)));
    }
  }

  @Test
  void legacyUploadComputesContentMd5FromTheFile() throws Exception {
    byte[] content = "text\r\n".getBytes();
    // A dos2unix hash differs from the raw MD5; the upload must still pass the server's Content-MD5 check.
    Oid legacy = Oid.parse(DigestUtils.md5Hex("text\n"), true);
    remote.upload(legacy, file(content), n -> {});
    assertEquals(content.length, remote.stat(legacy).orElseThrow().size());
  }

  @Test
  void fewOidsAreCheckedWithHeadRequests() throws Exception {
    Recorder rec = new Recorder();
    try (S3Remote r = open(Map.of(), List.of(rec))) {
      List<Oid> oids = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        oids.add(Oid.parse(DigestUtils.md5Hex("few" + i)));
      }
      assertEquals(Set.of(), r.existing(oids));
      assertEquals(5, rec.count("HeadObject"));
      assertEquals(0, rec.count("ListObjectsV2"));
    }
  }

  @Test
  void existenceOfThousandsOfObjectsIsAnsweredByListingShards() throws Exception {
    int n = 2000;
    Set<Oid> present = ConcurrentHashMap.newKeySet();
    Path dir = Files.createDirectory(tmp.resolve("many"));
    ExecutorService workers = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        byte[] c = ("object " + i).getBytes();
        Path p = dir.resolve("o" + i);
        Files.write(p, c);
        fs.add(workers.submit(() -> {
          remote.upload(oidOf(c), p, x -> {});
          present.add(oidOf(c));
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      workers.shutdownNow();
    }
    List<Oid> asked = new ArrayList<>(present);
    Set<Oid> absent = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      absent.add(Oid.parse(DigestUtils.md5Hex("missing " + i)));
    }
    asked.addAll(absent);

    Recorder rec = new Recorder();
    try (S3Remote r = open(Map.of(), List.of(rec))) {
      r.existing(List.of(asked.get(0))); // warm up the connection pool and JIT outside the measurement
      rec.calls.clear();
      long t0 = System.nanoTime();
      Set<Oid> found = r.existing(asked);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(present, found);
      assertEquals(0, rec.count("HeadObject"));
      assertTrue(rec.count("ListObjectsV2") <= 256, "one page per shard: " + rec.calls);
      System.out.printf("existing(%d oids, %d present) via %d listings: %d ms%n",
          asked.size(), n, rec.count("ListObjectsV2"), ms);
    }
  }

  @Test
  void statAllAnswersManyObjectsFromListingsWithSizeAndMd5() throws Exception {
    Map<Oid, Integer> sizes = new java.util.HashMap<>();
    for (int i = 0; i < 40; i++) {
      byte[] c = ("content number " + i).getBytes();
      sizes.put(put(c), c.length);
    }
    List<Oid> asked = new ArrayList<>(sizes.keySet());
    Oid absent = Oid.parse(DigestUtils.md5Hex("never uploaded"));
    asked.add(absent);
    Recorder rec = new Recorder();
    try (S3Remote r = open(Map.of(), List.of(rec))) {
      Map<Oid, io.jdvc.object.ObjectInfo> infos = r.statAll(asked);
      assertEquals(sizes.keySet(), infos.keySet(), "absent objects are left out");
      for (Map.Entry<Oid, io.jdvc.object.ObjectInfo> e : infos.entrySet()) {
        assertEquals((long) sizes.get(e.getKey()), e.getValue().size());
        assertEquals(e.getKey().value(), e.getValue().md5(), "a single-part ETag is the MD5");
      }
      assertEquals(0, rec.count("HeadObject"), "answered by listing, not a HEAD each");
    }
  }

  @Test
  void listingSkipsForeignKeysUnderThePrefix() throws Exception {
    Oid oid = put(randomBytes(10));
    for (String foreign : List.of("runs/ab/cdef/0123", "files/md5/zz/notanobject", "README", "files/md5/ab/short",
        "ab/.x.tmp")) {
      S3.raw().putObject(b -> b.bucket(bucket).key(PREFIX + "/" + foreign),
          software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
    }
    // And an object outside the prefix, which belongs to someone else.
    S3.raw().putObject(b -> b.bucket(bucket).key("other/files/md5/" + oid.value().substring(0, 2) + "/"
        + oid.value().substring(2)), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
    assertEquals(Set.of(oid), listAll());
    List<S3Object> all = S3.raw().listObjectsV2(b -> b.bucket(bucket)).contents();
    assertEquals(7, all.size());
  }
}
