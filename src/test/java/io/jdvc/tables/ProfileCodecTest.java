package io.jdvc.tables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Profiles survive the cache's JSON + gzip unchanged, in the same bytes every time. */
class ProfileCodecTest {
  static TableProfile sample() {
    ColumnProfile amount = new ColumnProfile("amount", "DOUBLE", 3, 1, 3, "1.5", "9.25", 5.0833333333333333,
        3.9, 15.25, java.util.Collections.nCopies(101, 1.0 / 3), new Histogram(1.5, 9.25, List.of(1L, 0L, 2L)),
        List.of(), false, null, null);
    ColumnProfile name = new ColumnProfile("na\"me", "VARCHAR", 4, 0, 2, "a", "b\n", null, null, null, List.of(),
        null, List.of(new ValueCount("a", 3), new ValueCount("b\n", 1)), true, 1L, 2L);
    return new TableProfile(TableProfile.SPEC, "0123456789abcdef0123456789abcdef", "parquet", 4, 1,
        List.of(amount, name));
  }

  @Test
  void roundTripsAndIsReproducible() {
    byte[] bytes = ProfileCodec.encode(sample());
    TableProfile back = ProfileCodec.decode(bytes);
    assertArrayEquals(bytes, ProfileCodec.encode(back));
    assertEquals(sample().columns().get(1), back.columns().get(1));
    assertEquals(5.08333333333, back.columns().get(0).mean(), 1e-12); // 12 significant digits
    assertEquals(3, back.columns().get(0).histogram().counts().size());
  }

  @Test
  void damagedBytesAreRefusedNotMisread() {
    assertThrows(IllegalArgumentException.class, () -> ProfileCodec.decode(new byte[] {1, 2, 3}));
  }
}
