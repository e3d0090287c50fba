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
}
