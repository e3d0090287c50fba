package io.jdvc.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.object.Oid;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Sha256RecordTest {
  private static final Oid A = Oid.parse("a".repeat(32));
  private static final Oid B = Oid.parse("b".repeat(31) + "0.dir");
  private static final String SA = "1".repeat(64);
  private static final String SB = "2".repeat(64);

  @Test
  void writesSortedLinesAfterAHeader() {
    Sha256Record r = Sha256Record.empty();
    r.put(B, SB);
    r.put(A, SA);
    r.put(Oid.parse("c".repeat(32), true), SA);
    String text = new String(r.format(), StandardCharsets.UTF_8);
    assertTrue(text.startsWith("# "), text);
    assertTrue(text.endsWith(A + " " + SA + "\n" + B + " " + SB + "\n"), text);
    assertEquals(2, r.size(), "legacy oids are not recorded");
  }

  @Test
  void linesComeInOidOrderHoweverManyShareTheirFirstDigits() {
    java.util.Random rnd = new java.util.Random(9);
    Sha256Record r = Sha256Record.empty();
    for (int i = 0; i < 3000; i++) {
      Oid oid = randomOid(rnd);
      // a third share their first four digits, so one bucket of the sort holds many
      r.put(i % 3 == 0 ? Oid.parse("abcd" + oid.value().substring(4)) : oid, randomSha(rnd));
    }
    r.put(Oid.parse("abcd" + "0".repeat(28)), SA);
    r.put(Oid.parse("abcd" + "0".repeat(28) + ".dir"), SB); // a file and a manifest with the same digits
    java.util.List<String> lines = new String(r.format(), StandardCharsets.US_ASCII).lines().skip(1).toList();
    assertEquals(r.size(), lines.size());
    assertEquals(lines.stream().sorted().toList(), lines);
  }

  @Test
  void putSaysWhetherTheRecordChanged() {
    Sha256Record r = Sha256Record.empty();
    byte[] one = java.util.HexFormat.of().parseHex(SA);
    byte[] other = java.util.HexFormat.of().parseHex(SB);
    assertTrue(r.put(A, one));
    assertEquals(false, r.put(A, one.clone()), "the same digest again is no change");
    assertTrue(r.put(A, other), "a contradiction is recorded");
    assertEquals(false, r.put(A, other.clone()));
    assertEquals(false, r.put(Oid.parse("c".repeat(32), true), one), "legacy oids are not recorded");
  }

  @Test
  void readsWhatAUnionMergeLeaves() {
    // git's union merge keeps both sides' lines, unsorted and possibly duplicated, maybe with CRLF
    String merged = "# header\n" + B + " " + SB + "\r\n" + A + " " + SA + "\n" + B + " " + SB + "\n"
        + "<<<<<<< garbage\n\n";
    Sha256Record r = Sha256Record.parse(merged.getBytes(StandardCharsets.UTF_8));
    assertEquals(Set.of(SA), r.get(A));
    assertEquals(Set.of(SB), r.get(B));
    assertEquals(2, r.size());
    Sha256Record again = Sha256Record.parse(r.format());
    assertEquals(r.get(A), again.get(A));
  }

  @Test
  void keepsContradictionsVisible() {
    Sha256Record r = Sha256Record.parse((A + " " + SA + "\n" + A + " " + SB + "\n").getBytes(StandardCharsets.UTF_8));
    assertEquals(Set.of(SA, SB), r.get(A));
  }

  @Test
  void aStreamedMergeWritesWhatAWholeRewriteWrites() throws Exception {
    java.util.Random rnd = new java.util.Random(5);
    Sha256Record whole = Sha256Record.empty();
    for (int i = 0; i < 300; i++) {
      whole.put(randomOid(rnd), randomSha(rnd));
    }
    byte[] file = whole.format();
    java.util.TreeSet<String> fresh = new java.util.TreeSet<>();
    for (int i = 0; i < 40; i++) {
      Oid oid = i < 5 ? Oid.parse(new String(file, StandardCharsets.US_ASCII).lines().skip(1 + i * 7).findFirst()
          .orElseThrow().split(" ")[0]) : randomOid(rnd); // five known oids: one with its own sha again, four contradicted
      byte[] sha = i == 0 ? java.util.HexFormat.of().parseHex(whole.get(oid).iterator().next()) : randomSha(rnd);
      fresh.add(Sha256Record.line(oid, sha));
      whole.put(oid, sha);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Sha256Record.mergeSorted(new java.io.BufferedReader(new java.io.StringReader(
        new String(file, StandardCharsets.US_ASCII))), fresh, out);
    assertEquals(new String(whole.format(), StandardCharsets.US_ASCII), out.toString(StandardCharsets.US_ASCII));
  }

  @Test
  void aStreamedMergeRefusesAnUnsortedFile() {
    String unsorted = B + " " + SB + "\n" + A + " " + SA + "\n";
    org.junit.jupiter.api.Assertions.assertThrows(Sha256Record.NotSorted.class, () -> Sha256Record.mergeSorted(
        new java.io.BufferedReader(new java.io.StringReader(unsorted)), new java.util.TreeSet<>(),
        new java.io.ByteArrayOutputStream()));
  }

  private static Oid randomOid(java.util.Random rnd) {
    byte[] b = new byte[16];
    rnd.nextBytes(b);
    return Oid.parse(java.util.HexFormat.of().formatHex(b) + (rnd.nextInt(10) == 0 ? ".dir" : ""));
  }

  private static byte[] randomSha(java.util.Random rnd) {
    byte[] b = new byte[32];
    rnd.nextBytes(b);
    return b;
  }
}
