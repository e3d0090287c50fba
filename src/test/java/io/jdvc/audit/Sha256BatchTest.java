package io.jdvc.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.object.Oid;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The packed digests an add collects must write exactly the record a {@link Sha256Record} of them writes. */
class Sha256BatchTest {
  @Test
  void writesTheRecordAMapOfTheSameDigestsWrites() throws IOException {
    Random rnd = new Random(12);
    Sha256Batch batch = new Sha256Batch();
    Sha256Record expected = Sha256Record.empty();
    List<Oid> seen = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      Oid oid;
      byte[] sha = new byte[32];
      rnd.nextBytes(sha);
      if (i % 50 == 7 && !seen.isEmpty()) {
        // the same file added twice (its digest again), or an oid whose bytes hashed differently (contradiction)
        oid = seen.get(rnd.nextInt(seen.size()));
        if (i % 100 == 7) {
          sha = HexFormat.of().parseHex(expected.get(oid).iterator().next());
        }
      } else if (i % 10 == 0) {
        oid = Oid.parse("00ff" + hex(rnd, 14)); // a crowded bucket of the sort
      } else {
        oid = Oid.parse(hex(rnd, 16) + (i % 9 == 0 ? Oid.DIR_SUFFIX : ""));
      }
      seen.add(oid);
      batch.add(oid, sha);
      expected.put(oid, sha.clone());
    }
    // two thousand copies of one empty file: one bucket far past what an insertion sort may take
    byte[] emptySha = new byte[32];
    for (int i = 0; i < 2000; i++) {
      batch.add(Oid.parse("d41d8cd98f00b204e9800998ecf8427e"), emptySha);
    }
    expected.put(Oid.parse("d41d8cd98f00b204e9800998ecf8427e"), emptySha);
    batch.add(Oid.parse("c".repeat(32), true), emptySha); // legacy: not recorded
    expected.put(Oid.parse("c".repeat(32), true), emptySha);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Sha256Record.write(batch, out);
    assertEquals(new String(expected.format(), StandardCharsets.US_ASCII), out.toString(StandardCharsets.US_ASCII));

    List<String> lines = new ArrayList<>();
    batch.sortedLines().forEach(lines::add);
    assertEquals(new String(expected.format(), StandardCharsets.US_ASCII).lines().skip(1).toList(), lines);

    Sha256Record into = Sha256Record.empty();
    assertTrue(batch.putInto(into));
    assertEquals(new String(expected.format(), StandardCharsets.US_ASCII),
        new String(into.format(), StandardCharsets.US_ASCII));
    assertFalse(batch.putInto(into), "a record that already holds every digest does not change");
  }

  @Test
  void onlyLegacyOidsLeaveItEmpty() {
    Sha256Batch batch = new Sha256Batch();
    assertTrue(batch.isEmpty());
    batch.add(Oid.parse("c".repeat(32), true), new byte[32]);
    assertTrue(batch.isEmpty());
    batch.add(Oid.parse("c".repeat(32)), new byte[32]);
    assertFalse(batch.isEmpty());
  }

  private static String hex(Random rnd, int bytes) {
    byte[] b = new byte[bytes];
    rnd.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
