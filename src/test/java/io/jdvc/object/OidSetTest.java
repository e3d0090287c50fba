package io.jdvc.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OidSetTest {
  private static Oid md5Of(int i) throws Exception {
    byte[] d = MessageDigest.getInstance("MD5").digest(Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
    return Oid.parse(HexFormat.of().formatHex(d));
  }

  @Test
  void holdsExactlyWhatWasAddedThroughManyGrowths() throws Exception {
    OidSet set = new OidSet();
    for (int i = 0; i < 50_000; i++) {
      set.add(md5Of(i));
    }
    set.add(md5Of(7)); // a duplicate is one member
    assertEquals(50_000, set.size());
    for (int i = 0; i < 50_000; i++) {
      assertTrue(set.contains(md5Of(i)), "member " + i);
    }
    for (int i = 50_000; i < 60_000; i++) {
      assertFalse(set.contains(md5Of(i)), "non-member " + i);
    }
  }

  @Test
  void oidsThatDifferOnlyInOneHalfAreDifferentMembers() {
    OidSet set = new OidSet();
    set.add(Oid.parse("0123456789abcdef0000000000000000"));
    assertTrue(set.contains(Oid.parse("0123456789abcdef0000000000000000")));
    assertFalse(set.contains(Oid.parse("0123456789abcdef0000000000000001")));
    assertFalse(set.contains(Oid.parse("0000000000000000" + "0123456789abcdef")));
  }

  @Test
  void theAllZeroDigestIsAMemberLikeAnyOther() {
    OidSet set = new OidSet();
    Oid zero = Oid.parse("0".repeat(32));
    assertFalse(set.contains(zero));
    set.add(zero);
    assertTrue(set.contains(zero));
    assertEquals(1, set.size());
  }

  @Test
  void aLegacyOidIsNotTheSameObjectAsTheDvc3OidWithItsDigits() {
    OidSet set = new OidSet();
    Oid plain = Oid.parse("d41d8cd98f00b204e9800998ecf8427e");
    set.add(plain.withLegacy(true));
    assertTrue(set.contains(plain.withLegacy(true)));
    assertFalse(set.contains(plain));
  }

  @Test
  void directoryOidsAreNotMembers() {
    OidSet set = new OidSet();
    Oid dir = Oid.ofDir("d41d8cd98f00b204e9800998ecf8427e", false);
    assertThrows(IllegalArgumentException.class, () -> set.add(dir));
    set.add(Oid.parse("d41d8cd98f00b204e9800998ecf8427e"));
    assertFalse(set.contains(dir));
  }
}
