package io.jdvc.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.cache.LocalCache;
import io.jdvc.object.ObjectLayout;
import io.jdvc.object.Oid;
import io.jdvc.remote.Remote;
import io.jdvc.remote.Remotes;
import io.jdvc.testing.FaultProxy;
import io.jdvc.testing.FaultProxy.Fault;
import io.jdvc.testing.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A manifest a history scan fetches from S3 through a network that damages its reads: a copy is corrupt only when
 * two complete reads agree on the wrong content; a read damaged on the way is read again; reads that never agree
 * leave it unfetched with a warning, and never call the remote's copy corrupt.
 */
class ManifestStoreIT {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();
  private static final String MANIFEST =
      "[{\"md5\": \"" + DigestUtils.md5Hex("alpha\n") + "\", \"relpath\": \"a.txt\"}]";
  private static final Oid DIR = Oid.ofDir(DigestUtils.md5Hex(MANIFEST), false);

  @TempDir Path tmp;
  private final List<String> warnings = new ArrayList<>();

  /** The manifest's copy on a fresh bucket holds {@code content}; returns the bucket. */
  private static String bucketHolding(String content) {
    String bucket = S3.createBucket();
    S3.raw().putObject(b -> b.bucket(bucket).key("store/" + ObjectLayout.keyOf(DIR)), RequestBody.fromString(content));
    return bucket;
  }

  private static Remote through(FaultProxy net, String bucket) {
    Map<String, String> section = new java.util.HashMap<>(S3.remoteSection(bucket, "store", Map.of()));
    section.put("endpointurl", net.uri().toString());
    return Remotes.open("s3", section, null);
  }

  private static Pattern manifestGet() {
    return Pattern.compile("^GET /[^?]*" + Pattern.quote(ObjectLayout.keyOf(DIR)) + " ");
  }

  @Test
  void aManifestDamagedOnTheWayIsReadAgain_andOnlyTheSoundCopyEntersTheCache() throws Exception {
    LocalCache cache = new LocalCache(tmp.resolve("cache"));
    try (FaultProxy net = FaultProxy.start(S3.uri(), 0, 21); Remote s3 = through(net, bucketHolding(MANIFEST))) {
      net.only(manifestGet(), Set.of(Fault.FLIP_RESPONSE), 2).rate(1);
      ManifestStore store = new ManifestStore(cache, List.of(s3), warnings::add);
      assertTrue(store.load(DIR).isPresent());
      assertEquals(2, net.faults().get(Fault.FLIP_RESPONSE), "both damaged reads were read again");
      assertEquals(Map.of(), store.corruptCopies(DIR));
      assertEquals(MANIFEST, Files.readString(cache.pathOf(DIR), StandardCharsets.UTF_8));
      assertEquals(List.of(), warnings);
    }
  }

  @Test
  void aCopyTamperedOnTheServerIsCorrupt_andNeverEntersTheCache() throws Exception {
    LocalCache cache = new LocalCache(tmp.resolve("cache"));
    String tampered = MANIFEST.replace("a.txt", "b.txt");
    try (FaultProxy net = FaultProxy.start(S3.uri(), 0, 22); Remote s3 = through(net, bucketHolding(tampered))) {
      ManifestStore store = new ManifestStore(cache, List.of(s3), warnings::add);
      assertFalse(store.load(DIR).isPresent());
      assertEquals(Map.of("s3", Oid.parse(DigestUtils.md5Hex(tampered))), store.corruptCopies(DIR));
      assertFalse(Files.exists(cache.pathOf(DIR)));
      assertEquals(List.of(), warnings);
    }
  }

  @Test
  void readsThatNeverAgreeAreNotJudged_notCorrupt() throws Exception {
    LocalCache cache = new LocalCache(tmp.resolve("cache"));
    try (FaultProxy net = FaultProxy.start(S3.uri(), 0, 23); Remote s3 = through(net, bucketHolding(MANIFEST))) {
      net.only(manifestGet(), Set.of(Fault.FLIP_RESPONSE), Integer.MAX_VALUE).rate(1);
      ManifestStore store = new ManifestStore(cache, List.of(s3), warnings::add);
      assertFalse(store.load(DIR).isPresent());
      assertEquals(Map.of(), store.corruptCopies(DIR), "damage on the way is no verdict on the remote");
      assertFalse(Files.exists(cache.pathOf(DIR)));
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).startsWith("remote 's3': object " + DIR.value() + " not judged: "), warnings.get(0));
    }
  }
}
