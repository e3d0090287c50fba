package io.jdvc.remote.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.object.Oid;
import io.jdvc.testing.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * A listing is one unverified XML body. A byte damaged in a key can turn the name of an object the remote has
 * into the name of one it lacks; jdvc must then not believe the listing, or a push would skip that upload.
 */
class DamagedListingIT {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();
  @TempDir Path tmp;

  /** Rewrites every listing body, replacing {@code from} with {@code to}, and counts how often it did. */
  private static final class KeySwap implements ExecutionInterceptor {
    private final String from;
    private final String to;
    final AtomicInteger swapped = new AtomicInteger();

    KeySwap(String from, String to) {
      this.from = from;
      this.to = to;
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse c, ExecutionAttributes a) {
      if (!c.httpRequest().rawQueryParameters().containsKey("list-type") || c.responseBody().isEmpty()) {
        return c.responseBody();
      }
      try {
        String xml = new String(c.responseBody().get().readAllBytes(), StandardCharsets.UTF_8);
        if (xml.contains(from)) {
          swapped.incrementAndGet();
          xml = xml.replace(from, to);
        }
        return Optional.of(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void anObjectAListingNamesWrongly_isNotTakenAsPresent() throws Exception {
    String bucket = S3.createBucket();
    S3Settings settings = S3Settings.fromConfig("store", S3.remoteSection(bucket, "p", Map.of()));
    List<Oid> stored = new ArrayList<>();
    try (S3Remote plain = new S3Remote("store", settings)) {
      for (int i = 0; i < 40; i++) { // more than the HEAD threshold, so existing() lists shards
        Path f = Files.writeString(tmp.resolve("f" + i), "object " + i);
        Oid oid = Oid.parse(DigestUtils.md5Hex(Files.readAllBytes(f)));
        plain.upload(oid, f, n -> {});
        stored.add(oid);
      }
    }
    // a missing object in the same shard as a stored one, differing in one hex digit: one damaged byte apart
    Oid present = stored.get(0);
    String hex = present.md5();
    Oid missing = Oid.parse(hex.substring(0, 31) + (hex.charAt(31) == '0' ? '1' : '0'));
    KeySwap damage = new KeySwap(hex.substring(2) + "</Key>", missing.md5().substring(2) + "</Key>");
    List<Oid> asked = new ArrayList<>(stored);
    asked.add(missing);
    try (S3Remote remote = new S3Remote("store", settings, List.of(damage))) {
      Set<Oid> existing = remote.existing(asked);
      assertTrue(damage.swapped.get() > 0, "the listing was damaged");
      assertFalse(existing.contains(missing), "a name only the damaged listing shows is not taken as present");
      // the other way round is safe: the object whose key was damaged looks absent, and a push uploads it again
      Set<Oid> expected = new java.util.HashSet<>(stored);
      expected.remove(present);
      assertEquals(expected, existing);
      assertFalse(remote.statAll(asked).containsKey(missing), "audits are not fooled either");
    }
  }
}
